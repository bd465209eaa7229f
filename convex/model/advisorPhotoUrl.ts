/** Where a profile photo can be loaded from (storage URLs are signed and short-lived, so never stored). */
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";

export async function photoUrl(ctx: QueryCtx, advisor: Pick<Doc<"advisors">, "photoStorageId">): Promise<string | null> {
  return advisor.photoStorageId === undefined ? null : await ctx.storage.getUrl(advisor.photoStorageId);
}
