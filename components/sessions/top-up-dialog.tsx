"use client";

import { useRef, useState } from "react";
import { TopUpForm } from "@/components/wallet/top-up-form";
import { Button } from "@/components/ui/button";

/**
 * Adds funds without leaving the room: the wallet's own top-up form in a
 * modal dialog (the test checkout opens in place, Stripe in a new tab). The
 * balance in the timer updates live when the payment lands.
 */
export function TopUpDialog({ highlight }: { highlight: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null);
  // A fresh form each time the dialog opens, so a finished payment does not linger.
  const [openCount, setOpenCount] = useState(0);
  return (
    <>
      <Button
        variant={highlight ? "primary" : "secondary"}
        onClick={() => {
          setOpenCount((n) => n + 1);
          dialog.current?.showModal();
        }}
      >
        Top up
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="top-up-title"
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="flex items-center justify-between border-b border-slate-100 px-5 py-4">
          <h2 id="top-up-title" className="text-base font-semibold text-slate-900">
            Top up without leaving the session
          </h2>
          <Button variant="ghost" size="sm" onClick={() => dialog.current?.close()}>
            Close
          </Button>
        </div>
        <div className="max-h-[75dvh] overflow-y-auto px-5 py-4">{openCount > 0 && <TopUpForm key={openCount} inline />}</div>
      </dialog>
    </>
  );
}
