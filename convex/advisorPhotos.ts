/** Advisor profile photos (SPEC §1a): only the advisor sets or removes their own. */
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { appError } from "./errors";
import { advisorMutation, internalMutation, internalQuery, publicAction, requireUser } from "./functions";
import * as Photos from "./model/advisorPhotos";
import { checkPhoto } from "../lib/advisors/photo";
import { sha256Hex } from "../lib/documents/fileType";

/** Step 1: an upload URL bound to the photo the advisor will send (its size and SHA-256). */
export const generateUploadUrl = advisorMutation({
  args: { size: v.number(), sha256: v.string() },
  returns: v.object({ uploadId: v.id("photoUploads"), uploadUrl: v.string() }),
  handler: async (ctx, args) => await Photos.issueUpload(ctx, { userId: ctx.user._id, ...args, now: Date.now() }),
});

/** Step 3 (after the browser POSTed the file): checks the bytes and puts the photo on the profile. */
export const setPhoto = publicAction({
  args: { uploadId: v.id("photoUploads"), storageId: v.id("_storage") },
  returns: v.null(),
  handler: async (ctx, args) => {
    const { userId, sha256 }: { userId: Id<"users">; sha256: string } = await ctx.runQuery(internal.advisorPhotos.uploadToCheck, args);
    const blob = await ctx.storage.get(args.storageId);
    if (blob === null) throw appError("NOT_FOUND", "The uploaded file was not found. Choose the photo again.");
    const bytes = new Uint8Array(await blob.arrayBuffer());
    if ((await sha256Hex(bytes)) !== sha256) throw appError("FORBIDDEN", Photos.NOT_THIS_FILE);
    const verdict = checkPhoto(bytes);
    await ctx.runMutation(internal.advisorPhotos.complete, { ...args, userId, ok: verdict.ok });
    if (!verdict.ok) throw appError("INVALID_ARGUMENT", verdict.message, "photo");
    return null;
  },
});

export const uploadToCheck = internalQuery({
  args: { uploadId: v.id("photoUploads"), storageId: v.id("_storage") },
  handler: async (ctx, args) => {
    const user = await requireUser(ctx, ["advisor"]);
    return { userId: user._id, ...(await Photos.uploadToCheck(ctx, { ...args, userId: user._id, now: Date.now() })) };
  },
});

export const complete = internalMutation({
  args: { userId: v.id("users"), uploadId: v.id("photoUploads"), storageId: v.id("_storage"), ok: v.boolean() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await Photos.complete(ctx, args);
    return null;
  },
});

export const removePhoto = advisorMutation({
  args: {},
  returns: v.null(),
  handler: async (ctx) => {
    await Photos.remove(ctx, ctx.user._id);
    return null;
  },
});
