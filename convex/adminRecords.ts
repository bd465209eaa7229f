/** The admin's audit log and the paginated records behind the CSV exports (issue 14). */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { adminQuery } from "./functions";
import * as Records from "./model/adminRecords";

/** The audit log, newest first, by actor email, action, target id and date range. */
export const auditLog = adminQuery({
  args: { paginationOpts: paginationOptsValidator, ...Records.vAuditFilters },
  returns: paginationResultValidator(Records.vAuditRow),
  handler: async (ctx, { paginationOpts, ...filters }) => await Records.auditPage(ctx, filters, paginationOpts),
});

/** Ended sessions, newest first, by range of end time. */
export const endedSessions = adminQuery({
  args: { paginationOpts: paginationOptsValidator, from: v.optional(v.number()), to: v.optional(v.number()) },
  returns: paginationResultValidator(Records.vSessionRecord),
  handler: async (ctx, { paginationOpts, from, to }) => await Records.endedSessionsPage(ctx, { from, to }, paginationOpts),
});

/** Every dispute, newest first. */
export const disputes = adminQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(Records.vDisputeRecord),
  handler: async (ctx, { paginationOpts }) => await Records.disputesPage(ctx, paginationOpts),
});
