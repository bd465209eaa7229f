"use client";

import { useQuery } from "convex/react";
import Link from "next/link";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import { dateTimeFormat } from "@/components/sessions/format";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/spinner";
import { DISPUTE_REASON_LABELS } from "@/lib/disputes/rules";
import { formatMoney } from "@/lib/money";

type Status = "open" | "refunded" | "rejected";
const TABS: { status: Status; label: string }[] = [
  { status: "open", label: "Open" },
  { status: "refunded", label: "Refunded" },
  { status: "rejected", label: "Rejected" },
];

export function DisputesQueue() {
  const [status, setStatus] = useState<Status>("open");
  const rows = useQuery(api.disputes.queue, { status });
  return (
    <div className="space-y-4">
      <div role="tablist" aria-label="Dispute status" className="flex gap-2">
        {TABS.map((tab) => (
          <button
            key={tab.status}
            role="tab"
            type="button"
            aria-selected={status === tab.status}
            onClick={() => setStatus(tab.status)}
            className={cn(
              "rounded-lg px-3 py-1.5 text-sm font-medium",
              status === tab.status ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50",
            )}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {rows === undefined ? (
        <Skeleton className="h-40 w-full" />
      ) : rows.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600" data-testid="disputes-empty">
          No {status} disputes.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="disputes-queue">
          {rows.map((d) => (
            <li key={d._id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
              <div className="min-w-0 space-y-0.5">
                <p className="font-medium text-slate-900">
                  {d.clientName} <span className="font-normal text-slate-500">about</span> {d.advisorName}
                </p>
                <p className="text-slate-600">
                  {DISPUTE_REASON_LABELS[d.reason]} · charge {formatMoney(d.chargeCents, d.currency)} · opened {dateTimeFormat.format(d.openedAt)}
                </p>
              </div>
              <div className="flex items-center gap-3">
                {d.refundCents !== undefined && <Badge tone="green">Refunded {formatMoney(d.refundCents, d.currency)}</Badge>}
                <Link href={`/admin/disputes/${d._id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  {d.status === "open" ? "Review" : "View"}
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
