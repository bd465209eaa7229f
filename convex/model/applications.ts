/**
 * Becoming an advisor (SPEC §1a): a signed-in client applies, an admin
 * approves or rejects with a note (audited), and approval makes the client an
 * advisor whose profile starts from the application.
 */
import { v } from "convex/values";
import type { PaginationOptions } from "convex/server";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { APPLICATION_LIMITS, linkError, type ApplicationStatus } from "../../lib/advisors/applications";
import { TEXT_LIMITS } from "../../lib/forms/textLimits";
import { appError } from "../errors";
import * as Advisors from "./advisors";
import { advisorsTables } from "./advisorsSchema";
import { recordAudit, requireReason } from "./audit";
import { liveSessionOfClient } from "./sessions";
import { getSettings } from "./settings";
import * as Specialties from "./specialties";
import { notify } from "./notifications";

const fields = advisorsTables.advisorApplications.validator.fields;

export const vApplicationInput = {
  displayName: fields.displayName,
  headline: fields.headline,
  bio: fields.bio,
  specialties: fields.specialties,
  languages: fields.languages,
  yearsExperience: fields.yearsExperience,
  sampleLinks: fields.sampleLinks,
  chatPricePerMinute: fields.chatPricePerMinute,
  videoPricePerMinute: fields.videoPricePerMinute,
};
type ApplicationInput = Pick<Doc<"advisorApplications">, keyof typeof vApplicationInput>;

export const vOwnApplication = v.object({
  _id: v.id("advisorApplications"),
  ...vApplicationInput,
  status: fields.status,
  note: v.optional(v.string()),
  submittedAt: v.number(),
  decidedAt: v.optional(v.number()),
});

function ownView(a: Doc<"advisorApplications">) {
  const { _id, displayName, headline, bio, specialties, languages, yearsExperience, sampleLinks, chatPricePerMinute, videoPricePerMinute, status, note, submittedAt, decidedAt } = a;
  return { _id, displayName, headline, bio, specialties, languages, yearsExperience, sampleLinks, chatPricePerMinute, videoPricePerMinute, status, note, submittedAt, decidedAt };
}

async function latest(ctx: QueryCtx, userId: Id<"users">) {
  return await ctx.db
    .query("advisorApplications")
    .withIndex("by_userId_and_submittedAt", (q) => q.eq("userId", userId))
    .order("desc")
    .first();
}

export async function mine(ctx: QueryCtx, userId: Id<"users">) {
  const found = await latest(ctx, userId);
  return found === null ? null : ownView(found);
}

/** Checks an application like a profile edit (same bounds and price range), plus its own fields; refusals name the field. */
async function validate(ctx: QueryCtx, input: ApplicationInput): Promise<ApplicationInput> {
  const refuse = (field: string, message: string) => appError("INVALID_ARGUMENT", message, field);
  const displayName = input.displayName.trim();
  if (displayName.length < 2 || displayName.length > APPLICATION_LIMITS.displayName) {
    throw refuse("displayName", `Give the name clients will see, 2 to ${APPLICATION_LIMITS.displayName} characters.`);
  }
  await Specialties.requireListed(ctx, input.specialties.slice(0, 20), "specialties");
  if (input.languages.length === 0) throw refuse("languages", "List at least one language you advise in.");
  if (!Number.isInteger(input.yearsExperience) || input.yearsExperience < 0 || input.yearsExperience > APPLICATION_LIMITS.maxYears) {
    throw refuse("yearsExperience", `Give whole years, 0 to ${APPLICATION_LIMITS.maxYears}.`);
  }
  if (input.sampleLinks.length > APPLICATION_LIMITS.maxLinks * 2) throw refuse("sampleLinks", `Give at most ${APPLICATION_LIMITS.maxLinks} links.`);
  const sampleLinks = input.sampleLinks.map((l) => l.trim()).filter((l) => l !== "");
  if (sampleLinks.length > APPLICATION_LIMITS.maxLinks) throw refuse("sampleLinks", `Give at most ${APPLICATION_LIMITS.maxLinks} links.`);
  const badLink = sampleLinks.map(linkError).find((e) => e !== null);
  if (badLink) throw refuse("sampleLinks", badLink);
  const settings = await getSettings(ctx);
  const profile = Advisors.validateProfile(input, { min: settings.pricePerMinuteMin, max: settings.pricePerMinuteMax, currency: settings.currency });
  return { ...input, ...profile, languages: profile.languages ?? input.languages, displayName, sampleLinks };
}

/** A client applies; one application waits at a time, and an approved applicant is already an advisor. */
export async function submit(ctx: MutationCtx, user: Doc<"users">, input: ApplicationInput, now: number) {
  const previous = await latest(ctx, user._id);
  if (previous?.status === "pending") throw appError("CONFLICT", "Your application is waiting for review; you can apply again if it is not approved.");
  const valid = await validate(ctx, input);
  return await ctx.db.insert("advisorApplications", { userId: user._id, ...valid, status: "pending", submittedAt: now });
}

// ——— Admin ———

export const vQueueRow = v.object({
  ...vOwnApplication.fields,
  userId: v.id("users"),
  email: v.string(),
});

export async function queuePage(ctx: QueryCtx, status: ApplicationStatus | undefined, paginationOpts: PaginationOptions) {
  const query =
    status === undefined
      ? ctx.db.query("advisorApplications").withIndex("by_submittedAt")
      : ctx.db.query("advisorApplications").withIndex("by_status_and_submittedAt", (q) => q.eq("status", status));
  const result = await query.order(status === "pending" ? "asc" : "desc").paginate(paginationOpts);
  const page = [];
  for (const a of result.page) {
    const user = await ctx.db.get(a.userId);
    page.push({ ...ownView(a), userId: a.userId, email: user?.email ?? "" });
  }
  return { ...result, page };
}

async function loadPending(ctx: QueryCtx, id: Id<"advisorApplications">) {
  const found = await ctx.db.get(id);
  if (found === null) throw appError("NOT_FOUND", "That application does not exist.");
  if (found.status !== "pending") throw appError("CONFLICT", `This application was already ${found.status}.`);
  return found;
}

/** Makes the applicant an advisor with a profile from the application; refused while they are in a live session. */
export async function approve(ctx: MutationCtx, args: { id: Id<"advisorApplications">; adminId: Id<"users">; note?: string; now: number }) {
  const application = await loadPending(ctx, args.id);
  const note = args.note?.trim() || undefined;
  if (note !== undefined && note.length > TEXT_LIMITS.reason) throw appError("INVALID_ARGUMENT", `Keep the note to ${TEXT_LIMITS.reason} characters.`, "note");
  const user = await ctx.db.get(application.userId);
  if (user === null || user.role !== "client") throw appError("CONFLICT", "Only a client's application can be approved.");
  const live = await liveSessionOfClient(ctx, user._id);
  if (live !== null) throw appError("CONFLICT", `${user.name} is in a ${live.status} session; approve once it ends.`);
  const { displayName, headline, bio, specialties, languages, chatPricePerMinute, videoPricePerMinute } = application;
  await ctx.db.patch(user._id, { role: "advisor", name: displayName });
  await Advisors.activateProfile(ctx, user._id, { headline, bio, specialties, languages, chatPricePerMinute, videoPricePerMinute });
  await ctx.db.patch(application._id, { status: "approved", note, decidedBy: args.adminId, decidedAt: args.now });
  await notify(ctx, { userId: user._id, kind: "application_decided", title: "You are now an advisor", body: note ?? "Your application was approved. Complete your profile and go online.", href: "/advisor", now: args.now });
  await recordAudit(
    ctx,
    { actorId: args.adminId, action: "application.approve", targetType: "advisorApplications", targetId: application._id, before: { status: "pending", role: user.role }, after: { status: "approved", role: "advisor" }, reason: note },
    args.now,
  );
}

export async function reject(ctx: MutationCtx, args: { id: Id<"advisorApplications">; adminId: Id<"users">; note: string; now: number }) {
  const note = requireReason(args.note);
  const application = await loadPending(ctx, args.id);
  await ctx.db.patch(application._id, { status: "rejected", note, decidedBy: args.adminId, decidedAt: args.now });
  await notify(ctx, { userId: application.userId, kind: "application_decided", title: "Your application was not approved", body: note, href: "/apply", now: args.now });
  await recordAudit(
    ctx,
    { actorId: args.adminId, action: "application.reject", targetType: "advisorApplications", targetId: application._id, before: { status: "pending" }, after: { status: "rejected" }, reason: note },
    args.now,
  );
}

/** Waiting applications, counted up to `cap` (the admin dashboard shows "cap+" beyond it). */
export async function pendingCount(ctx: QueryCtx, cap: number): Promise<number> {
  const rows = await ctx.db
    .query("advisorApplications")
    .withIndex("by_status_and_submittedAt", (q) => q.eq("status", "pending"))
    .take(cap + 1);
  return rows.length;
}
