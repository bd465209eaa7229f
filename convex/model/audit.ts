import type { MutationCtx } from "../_generated/server";
import type { Id } from "../_generated/dataModel";

export type AuditEntry = {
  actorId: Id<"users">;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
};

/** Admin actions are recorded with who, what, on what, before and after (SPEC §10). */
export async function recordAudit(ctx: MutationCtx, entry: AuditEntry, now = Date.now()) {
  return await ctx.db.insert("auditLog", { ...entry, at: now });
}
