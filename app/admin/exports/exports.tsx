"use client";

import { useConvex } from "convex/react";
import { api } from "@/convex/_generated/api";
import { CsvExportButton } from "@/components/admin/csv-export";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EXPORT_PAGE_SIZE, decimalAmount, isoTime } from "@/lib/csvExport";

const page = (cursor: string | null) => ({ paginationOpts: { numItems: EXPORT_PAGE_SIZE, cursor } });

export function Exports() {
  const convex = useConvex();
  const exports = [
    {
      title: "Ledger transactions",
      description: "Every transaction: key, type, amount moved, references.",
      button: (
        <CsvExportButton
          label="Export transactions"
          fileName="transactions"
          header={["id", "time", "type", "description", "amount", "currency", "key", "created_by", "reverses"]}
          fetchPage={(cursor) => convex.query(api.ledger.searchTransactions, page(cursor))}
          toCells={(t) => [t._id, isoTime(t.at), t.type, t.description, decimalAmount(t.amount), t.currency, t.key, t.createdBy ?? "", t.reversesId ?? ""]}
        />
      ),
    },
    {
      title: "Sessions",
      description: "Every ended session with its billed time, charge, fee and earning.",
      button: (
        <CsvExportButton
          label="Export sessions"
          fileName="sessions"
          header={["id", "kind", "client", "advisor", "requested", "ended", "end_reason", "billed_seconds", "rate_per_minute", "charge", "fee", "earning", "currency"]}
          fetchPage={(cursor) => convex.query(api.adminRecords.endedSessions, page(cursor))}
          toCells={(s) => [
            s._id,
            s.kind,
            s.clientName,
            s.advisorName,
            isoTime(s.requestedAt),
            isoTime(s.endedAt),
            s.endReason,
            s.billedSeconds,
            decimalAmount(s.rateCentsPerMinute),
            decimalAmount(s.chargeCents),
            decimalAmount(s.feeCents),
            decimalAmount(s.earningCents),
            s.currency,
          ]}
        />
      ),
    },
    {
      title: "Disputes",
      description: "Every dispute with its outcome and refund.",
      button: (
        <CsvExportButton
          label="Export disputes"
          fileName="disputes"
          header={["id", "session", "client", "advisor", "reason", "status", "opened", "resolved", "outcome", "refund", "note"]}
          fetchPage={(cursor) => convex.query(api.adminRecords.disputes, page(cursor))}
          toCells={(d) => [d._id, d.sessionId, d.clientName, d.advisorName, d.reason, d.status, isoTime(d.openedAt), isoTime(d.resolvedAt), d.outcome, decimalAmount(d.refundCents), d.note]}
        />
      ),
    },
    {
      title: "Withdrawals",
      description: "Every withdrawal request and what became of it (bank details as holder and last 4).",
      button: (
        <CsvExportButton
          label="Export withdrawals"
          fileName="withdrawals"
          header={["id", "advisor", "email", "amount", "currency", "status", "requested", "decided", "paid", "bank_holder", "bank_last4", "rejection_reason"]}
          fetchPage={(cursor) => convex.query(api.withdrawals.queue, page(cursor))}
          toCells={(w) => [
            w._id,
            w.advisorName,
            w.advisorEmail,
            decimalAmount(w.amount),
            w.currency,
            w.status,
            isoTime(w.requestedAt),
            isoTime(w.decidedAt),
            isoTime(w.paidAt),
            w.bank.holderName,
            w.bank.last4,
            w.rejectionReason ?? "",
          ]}
        />
      ),
    },
    {
      title: "Audit log",
      description: "Every admin action with its before and after.",
      button: (
        <CsvExportButton
          label="Export audit log"
          fileName="audit-log"
          header={AUDIT_HEADER}
          fetchPage={(cursor) => convex.query(api.adminRecords.auditLog, page(cursor))}
          toCells={auditCells}
        />
      ),
    },
  ];
  return (
    <div className="grid gap-6 md:grid-cols-2">
      {exports.map((e) => (
        <Card key={e.title}>
          <CardHeader title={e.title} description={e.description} />
          <CardBody>{e.button}</CardBody>
        </Card>
      ))}
    </div>
  );
}

export const AUDIT_HEADER = ["id", "time", "actor", "action", "target_type", "target", "before", "after", "reason"];
export const auditCells = (e: { _id: string; at: number; actorName: string; action: string; targetType: string; targetId: string; before: string; after: string; reason: string }) => [
  e._id,
  isoTime(e.at),
  e.actorName,
  e.action,
  e.targetType,
  e.targetId,
  e.before,
  e.after,
  e.reason,
];
