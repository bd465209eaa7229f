/** Test fixtures for session documents (two dots in the name: Convex never deploys this file). */
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import type { Party } from "./sessions.fixtures";
import type { TestConvex } from "./test.factories";
import { sha256Hex } from "../lib/documents/fileType";

/** What the browser's POST to an upload URL does: stores the bytes and yields a storage id. */
export async function storeFile(t: TestConvex, bytes: Uint8Array): Promise<Id<"_storage">> {
  return await t.run((ctx) => ctx.storage.store(new Blob([new Uint8Array(bytes)])));
}

/** Steps 1 and 2 of sharing: declares the file for the session (name, size, SHA-256), then uploads the bytes. */
export async function upload(t: TestConvex, party: Party, sessionId: Id<"sessions">, fileName: string, bytes: Uint8Array) {
  const { uploadId } = await party.as.mutation(api.documents.generateUploadUrl, {
    sessionId,
    fileName,
    size: bytes.length,
    sha256: await sha256Hex(bytes),
  });
  return { uploadId, storageId: await storeFile(t, bytes) };
}

/** The whole flow of the documents panel: declare, upload, attach. */
export async function shareDocument(t: TestConvex, party: Party, sessionId: Id<"sessions">, fileName: string, bytes: Uint8Array) {
  const uploaded = await upload(t, party, sessionId, fileName, bytes);
  return await party.as.action(api.documents.attach, { sessionId, ...uploaded });
}
