import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { bytesOf, samplePdf, samplePng, sampleJpeg } from "../lib/documents/sampleFiles";
import { sha256Hex } from "../lib/documents/fileType";
import { makeUser, newTest, type TestConvex } from "./test.factories";

type Party = Awaited<ReturnType<typeof makeUser>>;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z"), toFake: ["Date"] });
});
afterEach(() => vi.useRealTimers());

/** The browser's three steps: an upload URL bound to the file, the upload, then setPhoto. */
async function uploadPhoto(t: TestConvex, advisor: Party, bytes: Uint8Array, declared: Uint8Array = bytes) {
  const { uploadId } = await advisor.as.mutation(api.advisorPhotos.generateUploadUrl, { size: declared.length, sha256: await sha256Hex(declared) });
  const storageId = await t.run((ctx) => ctx.storage.store(new Blob([new Uint8Array(bytes)])));
  return { uploadId, storageId, set: () => advisor.as.action(api.advisorPhotos.setPhoto, { uploadId, storageId }) };
}

const stored = (t: TestConvex, id: Id<"_storage">) => t.run((ctx) => ctx.db.system.get("_storage", id));

describe("advisor photos", () => {
  it("a PNG or JPEG becomes the profile photo shown on the card; a new one replaces and deletes the old", async () => {
    const t = newTest();
    const advisor = await makeUser(t, "advisor");
    const first = await uploadPhoto(t, advisor, samplePng());
    await first.set();
    const mine = await advisor.as.query(api.advisors.mine, {});
    expect(mine?.photoUrl).toEqual(expect.any(String));
    const second = await uploadPhoto(t, advisor, sampleJpeg());
    await second.set();
    expect(await stored(t, first.storageId)).toBeNull();
    expect(await stored(t, second.storageId)).not.toBeNull();
    await expect(second.set()).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    await advisor.as.mutation(api.advisorPhotos.removePhoto, {});
    expect((await advisor.as.query(api.advisors.mine, {}))?.photoUrl).toBeNull();
    expect(await stored(t, second.storageId)).toBeNull();
  });

  it("refuses what is not a photo by its bytes (and deletes it), a file other than the one declared, and someone else's file", async () => {
    const t = newTest();
    const advisor = await makeUser(t, "advisor");
    const pdf = await uploadPhoto(t, advisor, samplePdf());
    await expect(pdf.set()).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT", field: "photo", message: "A photo must be a PNG or JPEG image." } });
    expect(await stored(t, pdf.storageId)).toBeNull();

    const swapped = await uploadPhoto(t, advisor, bytesOf("not the declared photo"), samplePng());
    await expect(swapped.set()).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });

    // A file stored before the URL was given (e.g. another user's) cannot be claimed.
    const older = await t.run((ctx) => ctx.storage.store(new Blob([new Uint8Array(samplePng())])));
    vi.advanceTimersByTime(1000);
    const { uploadId } = await advisor.as.mutation(api.advisorPhotos.generateUploadUrl, { size: samplePng().length, sha256: await sha256Hex(samplePng()) });
    const other = await makeUser(t, "advisor");
    await expect(other.as.action(api.advisorPhotos.setPhoto, { uploadId, storageId: older })).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
    await expect(advisor.as.action(api.advisorPhotos.setPhoto, { uploadId, storageId: older })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    expect((await advisor.as.query(api.advisors.mine, {}))?.photoUrl).toBeNull();
  });

  it("refuses oversized declarations and every role but advisors", async () => {
    const t = newTest();
    const advisor = await makeUser(t, "advisor");
    const client = await makeUser(t, "client");
    await expect(advisor.as.mutation(api.advisorPhotos.generateUploadUrl, { size: 3 * 1024 * 1024, sha256: "0".repeat(64) })).rejects.toMatchObject({ data: { field: "photo" } });
    await expect(advisor.as.mutation(api.advisorPhotos.generateUploadUrl, { size: 10, sha256: "nope" })).rejects.toMatchObject({ data: { field: "photo" } });
    await expect(client.as.mutation(api.advisorPhotos.generateUploadUrl, { size: 10, sha256: "0".repeat(64) })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    await expect(client.as.mutation(api.advisorPhotos.removePhoto, {})).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    await expect(t.mutation(api.advisorPhotos.removePhoto, {})).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
  });
});
