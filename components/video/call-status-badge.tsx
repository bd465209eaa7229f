import { cn } from "@/components/ui/cn";
import { CALL_STATUS_TEXT, type CallStatus } from "@/lib/video/callStatus";

const DOT: Record<CallStatus, string> = {
  connecting: "bg-amber-400 animate-pulse",
  connected: "bg-emerald-400",
  reconnecting: "bg-amber-400 animate-pulse",
  disconnected: "bg-red-500",
  ended: "bg-slate-400",
};

/** The connection in one word, announced politely when it changes. */
export function CallStatusBadge({ status, className }: { status: CallStatus; className?: string }) {
  return (
    <p
      role="status"
      data-testid="call-status"
      data-status={status}
      className={cn("inline-flex items-center gap-2 rounded-full bg-slate-950/70 px-3 py-1 text-xs font-semibold text-white", className)}
    >
      <span aria-hidden="true" className={cn("size-2 rounded-full", DOT[status])} />
      {CALL_STATUS_TEXT[status]}
      {status === "connecting" || status === "reconnecting" ? "…" : ""}
    </p>
  );
}
