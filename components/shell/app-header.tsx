"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useViewer } from "@/components/auth/viewer";
import { ButtonLink } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { activeHref, HOME_BY_ROLE, NAV_BY_ROLE } from "./nav";
import { NotificationBell } from "./notification-bell";
import { UserMenu } from "./user-menu";

function Logo({ href }: { href: string }) {
  return (
    <Link href={href} className="flex shrink-0 items-center gap-2 rounded-md font-semibold text-slate-900">
      <span className="flex size-8 items-center justify-center rounded-lg bg-brand-600 text-white" aria-hidden="true">
        <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z" />
          <path d="M8 10h8M8 13h5" />
        </svg>
      </span>
      <span className="text-lg tracking-tight">ExpertLine</span>
    </Link>
  );
}

export function AppHeader() {
  const viewer = useViewer();
  const pathname = usePathname();
  const items = NAV_BY_ROLE[viewer?.role ?? "visitor"];
  const active = activeHref(items, pathname);
  const home = viewer === null || viewer.role === "client" ? "/" : HOME_BY_ROLE[viewer.role];

  const links = items.map((item) => (
    <Link
      key={item.href}
      href={item.href}
      aria-current={active === item.href ? "page" : undefined}
      className={cn(
        "rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors",
        active === item.href ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
      )}
    >
      {item.label}
    </Link>
  ));

  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-4 px-4 sm:px-6">
        <Logo href={home} />
        {/* The admin's many pages: the row scrolls rather than pushing the page wider on a narrow desktop. */}
        <nav aria-label="Main" data-role={viewer?.role ?? "visitor"} className="hidden min-w-0 items-center gap-1 overflow-x-auto md:flex">
          {links}
        </nav>
        <div className="ml-auto flex items-center gap-2">
          {viewer === null ? (
            <ButtonLink href="/sign-in" size="sm">
              Sign in
            </ButtonLink>
          ) : (
            <>
              {!viewer.suspended && <NotificationBell />}
              <UserMenu name={viewer.name} email={viewer.email} role={viewer.role} />
            </>
          )}
        </div>
      </div>
      <nav aria-label="Main mobile" className="flex gap-1 overflow-x-auto border-t border-slate-100 px-2 py-1.5 md:hidden">
        {links}
      </nav>
    </header>
  );
}
