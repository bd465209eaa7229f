import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { appError } from "./errors";
import { internalMutation, internalQuery, publicAction, requireUser, roomMutation, roomQuery } from "./functions";
import * as Documents from "./model/sessionsDocuments";
import { loadSessionForViewer } from "./model/sessions";
import { checkDocument, sha256Hex } from "../lib/documents/fileType";

export const vSessionDocument = v.object({
  _id: v.id("sessionDocuments"),
  uploaderId: v.id("users"),
  fileName: v.string(),
  contentType: v.string(),
  size: v.number(),
  at: v.number(),
});

const vAttachArgs = { sessionId: v.id("sessions"), uploadId: v.id("documentUploads"), storageId: v.id("_storage") };

const vAttachVerdict = v.union(
  v.object({ ok: v.literal(true), fileName: v.string(), contentType: v.string() }),
  v.object({ ok: v.literal(false), message: v.string() }),
);

/**
 * Step 1 of sharing a file: a participant of a live session declares it
 * (name, size ≤ 10 MB, lower-case hex SHA-256 of its bytes) and gets a slot
 * and a one-time URL to POST the bytes to. Rate limited per user.
 */
export const generateUploadUrl = roomMutation({
  args: { fileName: v.string(), size: v.number(), sha256: v.string() },
  returns: v.object({ uploadId: v.id("documentUploads"), uploadUrl: v.string() }),
  handler: async (ctx, args) => await Documents.issueUpload(ctx, { ...args, user: ctx.user, now: Date.now() }),
});

/**
 * Step 2, after the POST: links the uploaded file to the session. Accepts
 * only the file declared for this slot (the caller's, for this session,
 * never a file attached anywhere), and only a real pdf, png, jpg, txt or
 * docx by its bytes whose name says the same; a refused file is deleted.
 */
export const attach = publicAction({
  args: vAttachArgs,
  returns: v.id("sessionDocuments"),
  handler: async (ctx, args): Promise<Id<"sessionDocuments">> => {
    const upload: { fileName: string; sha256: string; declaredType?: string; allowedExtensions: string[] } = await ctx.runQuery(
      internal.documents.uploadToCheck,
      args,
    );
    const blob = await ctx.storage.get(args.storageId);
    if (blob === null) throw appError("NOT_FOUND", "The uploaded file was not found. Share the file again.");
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const sha256 = await sha256Hex(bytes);
    if (sha256 !== upload.sha256) throw appError("FORBIDDEN", Documents.NOT_THIS_FILE);
    const verdict = checkDocument({ ...upload, bytes });
    const outcome: { ok: true; documentId: Id<"sessionDocuments"> } | { ok: false; message: string } = await ctx.runMutation(
      internal.documents.completeUpload,
      { ...args, sha256, verdict: verdict.ok ? { ok: true, fileName: verdict.fileName, contentType: verdict.contentType } : verdict },
    );
    if (!outcome.ok) throw appError("INVALID_ARGUMENT", outcome.message);
    return outcome.documentId;
  },
});

export const uploadToCheck = internalQuery({
  args: vAttachArgs,
  returns: v.object({ fileName: v.string(), sha256: v.string(), declaredType: v.optional(v.string()), allowedExtensions: v.array(v.string()) }),
  handler: async (ctx, args) => await Documents.uploadToCheck(ctx, { ...args, user: await requireUser(ctx, undefined, args.sessionId), now: Date.now() }),
});

export const completeUpload = internalMutation({
  args: { ...vAttachArgs, sha256: v.string(), verdict: vAttachVerdict },
  returns: v.union(v.object({ ok: v.literal(true), documentId: v.id("sessionDocuments") }), v.object({ ok: v.literal(false), message: v.string() })),
  handler: async (ctx, args) => await Documents.completeUpload(ctx, { ...args, user: await requireUser(ctx, undefined, args.sessionId), now: Date.now() }),
});

export const list = roomQuery({
  args: {},
  returns: v.array(vSessionDocument),
  handler: async (ctx, args) => {
    await loadSessionForViewer(ctx, args.sessionId, ctx.user);
    return await Documents.list(ctx, args.sessionId);
  },
});

/** A download URL of one of the session's documents for a participant or admin; every call is logged. */
export const downloadUrl = roomMutation({
  args: { documentId: v.id("sessionDocuments") },
  returns: v.string(),
  handler: async (ctx, args) => await Documents.downloadUrl(ctx, args, ctx.user, Date.now()),
});
