/**
 * Documents shared in a session (SPEC §4): uploaded to Convex storage while
 * the session is live, checked against the stored file's own metadata,
 * visible to the two participants and admins, every download logged.
 */
import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import type { SignedInUser } from "../functions";
import { getSettings } from "./settings";
import { loadSessionForParticipant, loadSessionForViewer } from "./sessions";

/** The MIME types each allowed extension may carry. */
const MIME_TYPES: Record<string, readonly string[]> = {
  pdf: ["application/pdf"],
  png: ["image/png"],
  jpg: ["image/jpeg"],
  jpeg: ["image/jpeg"],
  txt: ["text/plain"],
  docx: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
};
const MAX_FILE_NAME_LENGTH = 200;

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot < 0 ? "" : fileName.slice(dot + 1).toLowerCase();
}

async function requireLiveForUpload(ctx: QueryCtx, sessionId: Id<"sessions">, user: SignedInUser) {
  const { session } = await loadSessionForParticipant(ctx, sessionId, user);
  if (session.status !== "active" && session.status !== "paused") {
    throw appError("CONFLICT", "Documents can be shared only during the session.");
  }
  return session;
}

export async function generateUploadUrl(ctx: MutationCtx, sessionId: Id<"sessions">, user: SignedInUser): Promise<string> {
  await requireLiveForUpload(ctx, sessionId, user);
  return await ctx.storage.generateUploadUrl();
}

export async function attach(
  ctx: MutationCtx,
  args: { sessionId: Id<"sessions">; storageId: Id<"_storage">; fileName: string; user: SignedInUser; now: number },
): Promise<Id<"sessionDocuments">> {
  await requireLiveForUpload(ctx, args.sessionId, args.user);
  const settings = await getSettings(ctx);
  const fileName = args.fileName.trim();
  if (fileName === "" || fileName.length > MAX_FILE_NAME_LENGTH) {
    throw appError("INVALID_ARGUMENT", `A file name must be 1–${MAX_FILE_NAME_LENGTH} characters.`);
  }
  const extension = extensionOf(fileName);
  const mimeTypes = MIME_TYPES[extension];
  if (mimeTypes === undefined || !settings.documentAllowedExtensions.includes(extension)) {
    throw appError("INVALID_ARGUMENT", `Allowed files: ${settings.documentAllowedExtensions.join(", ")}.`);
  }
  const stored = await ctx.db.system.get("_storage", args.storageId);
  if (stored === null) throw appError("NOT_FOUND", "The upload was not found.");
  if (stored.size > settings.documentMaxBytes) {
    throw appError("INVALID_ARGUMENT", `Files may be at most ${Math.floor(settings.documentMaxBytes / (1024 * 1024))} MB.`);
  }
  if (stored.contentType !== undefined && !mimeTypes.includes(stored.contentType)) {
    throw appError("INVALID_ARGUMENT", `The file's content (${stored.contentType}) does not match .${extension}.`);
  }
  return await ctx.db.insert("sessionDocuments", {
    sessionId: args.sessionId,
    uploaderId: args.user._id,
    storageId: args.storageId,
    fileName,
    contentType: stored.contentType ?? mimeTypes[0],
    size: stored.size,
    at: args.now,
  });
}

export async function list(ctx: QueryCtx, sessionId: Id<"sessions">) {
  const documents = await ctx.db
    .query("sessionDocuments")
    .withIndex("by_sessionId", (q) => q.eq("sessionId", sessionId))
    .take(100);
  return documents.map(({ _id, uploaderId, fileName, contentType, size, at }) => ({ _id, uploaderId, fileName, contentType, size, at }));
}

export async function downloadUrl(ctx: MutationCtx, documentId: Id<"sessionDocuments">, user: SignedInUser, now: number): Promise<string> {
  const document = await ctx.db.get(documentId);
  if (document === null) throw appError("NOT_FOUND", "That document does not exist.");
  await loadSessionForViewer(ctx, document.sessionId, user);
  const url = await ctx.storage.getUrl(document.storageId);
  if (url === null) throw appError("NOT_FOUND", "The file is no longer stored.");
  await ctx.db.insert("documentDownloads", { documentId, sessionId: document.sessionId, userId: user._id, at: now });
  return url;
}
