"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { Role } from "@/convex/validators";
import { ROLE_LABEL } from "./nav";

/** Avatar button opening a small panel with the account and sign-out. Closes on Escape and outside clicks. */
export function UserMenu({ name, email, role }: { name: string; email: string; role: Role }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Account menu for ${name}`}
        onClick={() => setOpen((value) => !value)}
        className="flex items-center gap-2 rounded-full p-0.5 pr-2 hover:bg-slate-100 sm:pr-3"
      >
        <Avatar name={name} className="size-8" />
        {/* Admins have the longest nav: their name shows only where the header has room for both. */}
        <span className={cn("hidden max-w-40 truncate text-sm font-medium text-slate-700", role === "admin" ? "2xl:block" : "sm:block")}>{name}</span>
        <svg viewBox="0 0 20 20" className="hidden size-4 text-slate-400 sm:block" fill="currentColor" aria-hidden="true">
          <path d="M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.17l3.71-3.94a.75.75 0 1 1 1.08 1.04l-4.25 4.5a.75.75 0 0 1-1.08 0l-4.25-4.5a.75.75 0 0 1 .02-1.06z" />
        </svg>
      </button>
      {open && (
        <div id={panelId} className="absolute right-0 mt-2 w-64 rounded-xl border border-slate-200 bg-white p-2 shadow-lg">
          <div className="px-3 py-2">
            <p className="truncate text-sm font-semibold text-slate-900">{name}</p>
            <p className="truncate text-xs text-slate-500">{email}</p>
            <Badge tone="brand" className="mt-2">
              {ROLE_LABEL[role]}
            </Badge>
          </div>
          <div className="mt-1 border-t border-slate-100 pt-1">
            {role === "client" && (
              <Link href="/apply" className="block rounded-lg px-3 py-2 text-sm text-slate-700 hover:bg-slate-100" onClick={() => setOpen(false)}>
                Become an advisor
              </Link>
            )}
            {role === "admin" && (
              // The admin nav is full at desktop widths; the mailbox is a tool, not a queue, so it lives here.
              <Link href="/admin/mailbox" className="block rounded-lg px-3 py-2 text-sm text-slate-700 hover:bg-slate-100" onClick={() => setOpen(false)}>
                Mailbox
              </Link>
            )}
            <Link href="/notifications/preferences" className="block rounded-lg px-3 py-2 text-sm text-slate-700 hover:bg-slate-100" onClick={() => setOpen(false)}>
              Notification settings
            </Link>
            <SignOutButton className="w-full justify-start" />
          </div>
        </div>
      )}
    </div>
  );
}
