import { v } from "convex/values";
import { userMutation, userQuery } from "./functions";
import * as Documents from "./model/sessionsDocuments";
import { loadSessionForViewer } from "./model/sessions";

export const vSessionDocument = v.object({
  _id: v.id("sessionDocuments"),
  uploaderId: v.id("users"),
  fileName: v.string(),
  contentType: v.string(),
  size: v.number(),
  at: v.number(),
});

/** Step 1 of an upload: a participant of a live session gets a one-time URL to POST the file to. */
export const generateUploadUrl = userMutation({
  args: { sessionId: v.id("sessions") },
  returns: v.string(),
  handler: async (ctx, args) => await Documents.generateUploadUrl(ctx, args.sessionId, ctx.user),
});

/** Step 2: links the uploaded file to the session after checking its stored size and type (≤ 10 MB; pdf, png, jpg, txt, docx). */
export const attach = userMutation({
  args: { sessionId: v.id("sessions"), storageId: v.id("_storage"), fileName: v.string() },
  returns: v.id("sessionDocuments"),
  handler: async (ctx, args) => await Documents.attach(ctx, { ...args, user: ctx.user, now: Date.now() }),
});

export const list = userQuery({
  args: { sessionId: v.id("sessions") },
  returns: v.array(vSessionDocument),
  handler: async (ctx, args) => {
    await loadSessionForViewer(ctx, args.sessionId, ctx.user);
    return await Documents.list(ctx, args.sessionId);
  },
});

/** A download URL for a participant or admin; every call is logged. */
export const downloadUrl = userMutation({
  args: { documentId: v.id("sessionDocuments") },
  returns: v.string(),
  handler: async (ctx, args) => await Documents.downloadUrl(ctx, args.documentId, ctx.user, Date.now()),
});
