import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { setup, startSession, useFakeClock } from "./sessions.fixtures";
import { makeUser, type TestConvex } from "./test.factories";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

async function upload(t: TestConvex, bytes: number, type = "application/pdf"): Promise<Id<"_storage">> {
  return await t.run((ctx) => ctx.storage.store(new Blob([new Uint8Array(bytes)], { type })));
}

describe("documents", () => {
  it("lets either participant attach a file during the session; both see it and downloads are logged", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "chat");
    await expect(s.client.as.mutation(api.documents.generateUploadUrl, { sessionId })).resolves.toMatch(/^https?:\/\//);
    const storageId = await upload(s.t, 2048);
    const documentId = await s.client.as.mutation(api.documents.attach, { sessionId, storageId, fileName: "Contract.PDF" });
    await expect(s.advisor.as.query(api.documents.list, { sessionId })).resolves.toMatchObject([
      { _id: documentId, uploaderId: s.client.userId, fileName: "Contract.PDF", contentType: "application/pdf", size: 2048 },
    ]);
    await expect(s.advisor.as.mutation(api.documents.downloadUrl, { documentId })).resolves.toMatch(/^https?:\/\//);
    const admin = await makeUser(s.t, "admin");
    await admin.as.mutation(api.documents.downloadUrl, { documentId });
    const log = await s.t.run((ctx) => ctx.db.query("documentDownloads").collect());
    expect(log.map((d) => d.userId)).toEqual([s.advisor.userId, admin.userId]);
  });

  it("refuses files over 10 MB and types other than pdf, png, jpg, txt, docx", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "chat");
    const big = await upload(s.t, 10 * 1024 * 1024 + 1);
    await expect(s.client.as.mutation(api.documents.attach, { sessionId, storageId: big, fileName: "big.pdf" })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT" },
    });
    const exactly = await upload(s.t, 10 * 1024 * 1024);
    await expect(s.client.as.mutation(api.documents.attach, { sessionId, storageId: exactly, fileName: "ok.pdf" })).resolves.toBeDefined();
    const small = await upload(s.t, 10);
    for (const fileName of ["run.exe", "noextension", "archive.zip"]) {
      await expect(s.advisor.as.mutation(api.documents.attach, { sessionId, storageId: small, fileName })).rejects.toMatchObject({
        data: { code: "INVALID_ARGUMENT" },
      });
    }
    for (const fileName of ["a.png", "b.jpg", "c.txt", "d.docx"]) {
      await expect(s.advisor.as.mutation(api.documents.attach, { sessionId, storageId: small, fileName })).resolves.toBeDefined();
    }
  });

  it("refuses uploads outside a live session and from anyone but the participants", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "chat");
    const storageId = await upload(s.t, 10);
    const documentId = await s.client.as.mutation(api.documents.attach, { sessionId, storageId, fileName: "a.txt" });
    for (const role of ["client", "advisor", "admin"] as const) {
      const user = await makeUser(s.t, role);
      await expect(user.as.mutation(api.documents.generateUploadUrl, { sessionId })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
      await expect(user.as.mutation(api.documents.attach, { sessionId, storageId, fileName: "a.txt" })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
      if (role !== "admin") {
        await expect(user.as.mutation(api.documents.downloadUrl, { documentId })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
      }
    }
    await expect(s.t.mutation(api.documents.downloadUrl, { documentId })).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    await s.client.as.mutation(api.sessions.endSession, { sessionId });
    await expect(s.client.as.mutation(api.documents.generateUploadUrl, { sessionId })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    await expect(s.client.as.mutation(api.documents.attach, { sessionId, storageId, fileName: "a.txt" })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
  });
});
