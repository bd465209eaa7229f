import type { MutationCtx } from "../_generated/server";
import type { Id } from "../_generated/dataModel";
import { appError } from "../errors";

export type AuditEntry = {
  actorId: Id<"users">;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
};

/** The longest reason an admin action takes (SPEC §10: reasons ≤ 500 chars). */
export const MAX_REASON_LENGTH = 500;

/**
 * The one rule for the reason every admin action must give: 1 to
 * MAX_REASON_LENGTH characters once trimmed. Returns the trimmed reason, which
 * is what the audit log records.
 */
export function requireReason(reason: string | undefined): string {
  const trimmed = reason?.trim() ?? "";
  if (trimmed === "" || trimmed.length > MAX_REASON_LENGTH) {
    throw appError("INVALID_ARGUMENT", `Give a reason of 1 to ${MAX_REASON_LENGTH} characters; it goes to the audit log.`, "reason");
  }
  return trimmed;
}

/** Admin actions are recorded with who, what, on what, before and after (SPEC §10). */
export async function recordAudit(ctx: MutationCtx, entry: AuditEntry, now = Date.now()) {
  return await ctx.db.insert("auditLog", { ...entry, at: now });
}
