/**
 * Advisor profile photos (SPEC §1a), uploaded to Convex storage like session
 * documents (decision 007): the upload URL is bound to the file the advisor
 * says they will send (size and SHA-256) and used once; the file must be new
 * (stored after the URL was given, referenced by nothing else), and its bytes
 * must be a PNG or JPEG of at most PHOTO_MAX_BYTES (lib/advisors/photo.ts).
 */
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { PHOTO_MAX_BYTES } from "../../lib/advisors/photo";
import { SHA256_HEX } from "../../lib/documents/fileType";
import { appError } from "../errors";
import { loadProfileOrThrow } from "./advisors";
import { getSettings } from "./settings";

const NOT_THIS_FILE = "That is not the file this upload was for. Choose the photo again.";

/** An upload URL for a photo of `size` bytes hashing to `sha256`, within the per-minute limit uploads share. */
export async function issueUpload(ctx: MutationCtx, args: { userId: Id<"users">; size: number; sha256: string; now: number }) {
  await loadProfileOrThrow(ctx, args.userId);
  if (!Number.isInteger(args.size) || args.size <= 0 || args.size > PHOTO_MAX_BYTES) {
    throw appError("INVALID_ARGUMENT", `A photo can be at most ${PHOTO_MAX_BYTES / (1024 * 1024)} MB.`, "photo");
  }
  if (!SHA256_HEX.test(args.sha256)) throw appError("INVALID_ARGUMENT", "That is not a SHA-256 digest.", "photo");
  const { documentUploadsMaxPerMinute: max } = await getSettings(ctx);
  const recent = await ctx.db
    .query("photoUploads")
    .withIndex("by_userId_and_at", (q) => q.eq("userId", args.userId).gt("at", args.now - 60_000))
    .take(max + 1);
  if (recent.length >= max) throw appError("RATE_LIMITED", "Too many uploads in the last minute. Try again shortly.");
  const uploadId = await ctx.db.insert("photoUploads", { userId: args.userId, at: args.now, size: args.size, sha256: args.sha256, status: "issued" });
  return { uploadId, uploadUrl: await ctx.storage.generateUploadUrl() };
}

async function isReferenced(ctx: QueryCtx, storageId: Id<"_storage">): Promise<boolean> {
  const uses = await Promise.all([
    ctx.db.query("sessionDocuments").withIndex("by_storageId", (q) => q.eq("storageId", storageId)).first(),
    ctx.db.query("documentUploads").withIndex("by_storageId", (q) => q.eq("storageId", storageId)).first(),
    ctx.db.query("photoUploads").withIndex("by_storageId", (q) => q.eq("storageId", storageId)).first(),
  ]);
  return uses.some((use) => use !== null);
}

/** Every check that needs no bytes; returns the SHA-256 the bytes must have. */
export async function uploadToCheck(ctx: QueryCtx, args: { userId: Id<"users">; uploadId: Id<"photoUploads">; storageId: Id<"_storage">; now: number }) {
  await loadProfileOrThrow(ctx, args.userId);
  const upload = await ctx.db.get(args.uploadId);
  if (upload === null || upload.userId !== args.userId) throw appError("NOT_FOUND", "That upload does not exist. Choose the photo again.");
  if (upload.status !== "issued") throw appError("CONFLICT", "That upload was already used. Choose the photo again.");
  const { documentUploadValidMinutes } = await getSettings(ctx);
  const validUntil = upload.at + documentUploadValidMinutes * 60_000;
  if (args.now > validUntil) throw appError("CONFLICT", "That upload has expired. Choose the photo again.");
  if (await isReferenced(ctx, args.storageId)) throw appError("FORBIDDEN", NOT_THIS_FILE);
  const stored = await ctx.db.system.get("_storage", args.storageId);
  if (stored === null) throw appError("NOT_FOUND", "The uploaded file was not found. Choose the photo again.");
  if (stored._creationTime < upload.at || stored._creationTime > validUntil || stored.size !== upload.size) throw appError("FORBIDDEN", NOT_THIS_FILE);
  return { sha256: upload.sha256 };
}

export { NOT_THIS_FILE };

/** Records the outcome once: a good photo replaces the profile's (the old file is deleted), a bad file is deleted. */
export async function complete(
  ctx: MutationCtx,
  args: { userId: Id<"users">; uploadId: Id<"photoUploads">; storageId: Id<"_storage">; ok: boolean },
): Promise<void> {
  const upload: Doc<"photoUploads"> | null = await ctx.db.get(args.uploadId);
  if (upload === null || upload.userId !== args.userId || upload.status !== "issued") throw appError("CONFLICT", "That upload was already used. Choose the photo again.");
  if (!args.ok) {
    await ctx.storage.delete(args.storageId);
    await ctx.db.patch(upload._id, { status: "rejected", storageId: args.storageId });
    return;
  }
  const profile = await loadProfileOrThrow(ctx, args.userId);
  if (profile.photoStorageId !== undefined) await ctx.storage.delete(profile.photoStorageId);
  await ctx.db.patch(profile._id, { photoStorageId: args.storageId });
  await ctx.db.patch(upload._id, { status: "used", storageId: args.storageId });
}

export async function remove(ctx: MutationCtx, userId: Id<"users">): Promise<void> {
  const profile = await loadProfileOrThrow(ctx, userId);
  if (profile.photoStorageId === undefined) return;
  await ctx.storage.delete(profile.photoStorageId);
  await ctx.db.patch(profile._id, { photoStorageId: undefined });
}
