/**
 * Documents shared in a session (SPEC §4 "Documents"). A file is bound to
 * its session and uploader before a byte of it is sent:
 *
 * 1. `issueUpload`: a participant of a live session declares the file (name,
 *    size, SHA-256 of its bytes) and gets an upload URL with a slot for it
 *    (a `documentUploads` row); at most `documentUploadsMaxPerMinute` slots
 *    per user per minute.
 * 2. The browser POSTs the file to the URL and gets its storage id.
 * 3. `documents.attach` (an action, since only actions can read a stored
 *    file's bytes) checks the slot and the stored file (`loadUploadForAttach`),
 *    reads the bytes, checks their SHA-256 against the declared one and their
 *    type against lib/documents/fileType.ts, and `completeUpload` records the
 *    document or deletes the file.
 *
 * The binding: the slot is the caller's, issued for that session, unused and
 * at most `documentUploadValidMinutes` old; the file was stored after the slot
 * was issued and within that window, has the declared size and SHA-256, and
 * no document or other slot refers to it. So a storage id from anywhere else
 * (another session's document, another user's upload, the caller's own upload
 * for an earlier session) is refused, even one nobody has attached yet.
 * Only a file that passed the binding is ever deleted when refused: an attempt
 * on someone else's file leaves that file alone.
 */
import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import type { SignedInUser } from "../functions";
import { checkDocumentName, SHA256_HEX } from "../../lib/documents/fileType";
import { getSettings } from "./settings";
import { loadSessionForParticipant, loadSessionForViewer } from "./sessions";

export const NOT_THIS_FILE = "That file is not the one this upload was issued for. Share the file again.";

const MB = 1024 * 1024;

async function requireLiveForUpload(ctx: QueryCtx, sessionId: Id<"sessions">, user: SignedInUser) {
  const { session } = await loadSessionForParticipant(ctx, sessionId, user);
  if (session.status !== "active" && session.status !== "paused") {
    throw appError("CONFLICT", "Documents can be shared only during the session.");
  }
  return session;
}

async function requireUploadAllowance(ctx: QueryCtx, uploaderId: Id<"users">, now: number, limit: number): Promise<void> {
  const lastMinute = await ctx.db
    .query("documentUploads")
    .withIndex("by_uploaderId_and_issuedAt", (q) => q.eq("uploaderId", uploaderId).gt("issuedAt", now - 60_000))
    .take(limit);
  if (lastMinute.length >= limit) {
    throw appError("RATE_LIMITED", `You can share at most ${limit} files a minute. Wait a moment and try again.`);
  }
}

/** Step 1: declares a file for a live session and returns its slot and a one-time upload URL. */
export async function issueUpload(
  ctx: MutationCtx,
  args: { sessionId: Id<"sessions">; fileName: string; size: number; sha256: string; user: SignedInUser; now: number },
): Promise<{ uploadId: Id<"documentUploads">; uploadUrl: string }> {
  await requireLiveForUpload(ctx, args.sessionId, args.user);
  const settings = await getSettings(ctx);
  const name = checkDocumentName(args.fileName, settings.documentAllowedExtensions);
  if (!name.ok) throw appError("INVALID_ARGUMENT", name.message);
  if (!Number.isSafeInteger(args.size) || args.size < 0) throw appError("INVALID_ARGUMENT", "A file size must be a whole number of bytes.");
  if (args.size === 0) throw appError("INVALID_ARGUMENT", `"${name.fileName}" is empty.`);
  if (args.size > settings.documentMaxBytes) {
    throw appError("INVALID_ARGUMENT", `"${name.fileName}" is too large: files may be at most ${Math.floor(settings.documentMaxBytes / MB)} MB.`);
  }
  if (!SHA256_HEX.test(args.sha256)) throw appError("INVALID_ARGUMENT", "A SHA-256 must be 64 lower-case hexadecimal digits.");
  await requireUploadAllowance(ctx, args.user._id, args.now, settings.documentUploadsMaxPerMinute);
  const uploadId = await ctx.db.insert("documentUploads", {
    sessionId: args.sessionId,
    uploaderId: args.user._id,
    issuedAt: args.now,
    fileName: name.fileName,
    size: args.size,
    sha256: args.sha256,
    status: "issued",
  });
  return { uploadId, uploadUrl: await ctx.storage.generateUploadUrl() };
}

async function isReferenced(ctx: QueryCtx, storageId: Id<"_storage">): Promise<boolean> {
  const document = await ctx.db
    .query("sessionDocuments")
    .withIndex("by_storageId", (q) => q.eq("storageId", storageId))
    .first();
  if (document !== null) return true;
  const slot = await ctx.db
    .query("documentUploads")
    .withIndex("by_storageId", (q) => q.eq("storageId", storageId))
    .first();
  return slot !== null;
}

export type AttachArgs = {
  sessionId: Id<"sessions">;
  uploadId: Id<"documentUploads">;
  storageId: Id<"_storage">;
  user: SignedInUser;
  now: number;
};

/** Every binding check of step 3 that needs no bytes; throws on the first that fails. */
export async function loadUploadForAttach(ctx: QueryCtx, args: AttachArgs) {
  const upload = await ctx.db.get(args.uploadId);
  if (upload === null) throw appError("NOT_FOUND", "That upload does not exist. Share the file again.");
  if (upload.uploaderId !== args.user._id) throw appError("FORBIDDEN", "That upload was issued to someone else.");
  if (upload.sessionId !== args.sessionId) throw appError("FORBIDDEN", "That upload was issued for another session.");
  await requireLiveForUpload(ctx, args.sessionId, args.user);
  if (upload.status !== "issued") throw appError("CONFLICT", "That upload was already used. Share the file again.");
  const settings = await getSettings(ctx);
  const validUntil = upload.issuedAt + settings.documentUploadValidMinutes * 60_000;
  if (args.now > validUntil) throw appError("CONFLICT", "That upload has expired. Share the file again.");
  if (await isReferenced(ctx, args.storageId)) throw appError("CONFLICT", "That file is already attached to a session.");
  const stored = await ctx.db.system.get("_storage", args.storageId);
  if (stored === null) throw appError("NOT_FOUND", "The uploaded file was not found. Share the file again.");
  if (stored._creationTime < upload.issuedAt || stored._creationTime > validUntil || stored.size !== upload.size) {
    throw appError("FORBIDDEN", NOT_THIS_FILE);
  }
  return { upload, stored, settings };
}

/** What the action needs to check the bytes. */
export async function uploadToCheck(ctx: QueryCtx, args: AttachArgs) {
  const { upload, stored, settings } = await loadUploadForAttach(ctx, args);
  return {
    fileName: upload.fileName,
    sha256: upload.sha256,
    declaredType: stored.contentType,
    allowedExtensions: settings.documentAllowedExtensions,
  };
}

export type AttachVerdict = { ok: true; fileName: string; contentType: string } | { ok: false; message: string };

/**
 * Step 3's end, given the SHA-256 of the stored bytes and the verdict on
 * them: re-checks the binding (a slot is used once even when two attaches
 * race), then records the document, or deletes the refused file.
 */
export async function completeUpload(
  ctx: MutationCtx,
  args: AttachArgs & { sha256: string; verdict: AttachVerdict },
): Promise<{ ok: true; documentId: Id<"sessionDocuments"> } | { ok: false; message: string }> {
  const { upload, stored } = await loadUploadForAttach(ctx, args);
  if (args.sha256 !== upload.sha256) throw appError("FORBIDDEN", NOT_THIS_FILE);
  if (!args.verdict.ok) {
    await ctx.storage.delete(args.storageId);
    await ctx.db.patch(upload._id, { status: "rejected", storageId: args.storageId });
    return { ok: false, message: args.verdict.message };
  }
  const documentId = await ctx.db.insert("sessionDocuments", {
    sessionId: args.sessionId,
    uploaderId: args.user._id,
    storageId: args.storageId,
    fileName: args.verdict.fileName,
    contentType: args.verdict.contentType,
    size: stored.size,
    at: args.now,
  });
  await ctx.db.patch(upload._id, { status: "attached", storageId: args.storageId, documentId });
  return { ok: true, documentId };
}

export async function list(ctx: QueryCtx, sessionId: Id<"sessions">) {
  const documents = await ctx.db
    .query("sessionDocuments")
    .withIndex("by_sessionId", (q) => q.eq("sessionId", sessionId))
    .take(100);
  return documents.map(({ _id, uploaderId, fileName, contentType, size, at }) => ({ _id, uploaderId, fileName, contentType, size, at }));
}

export async function downloadUrl(
  ctx: MutationCtx,
  { sessionId, documentId }: { sessionId: Id<"sessions">; documentId: Id<"sessionDocuments"> },
  user: SignedInUser,
  now: number,
): Promise<string> {
  await loadSessionForViewer(ctx, sessionId, user);
  const document = await ctx.db.get(documentId);
  if (document === null || document.sessionId !== sessionId) throw appError("NOT_FOUND", "That document is not in this session.");
  const url = await ctx.storage.getUrl(document.storageId);
  if (url === null) throw appError("NOT_FOUND", "The file is no longer stored.");
  await ctx.db.insert("documentDownloads", { documentId, sessionId: document.sessionId, userId: user._id, at: now });
  return url;
}
