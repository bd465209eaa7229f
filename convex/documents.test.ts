import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { shareDocument, storeFile, upload } from "./documents.fixtures";
import { advisorProfileId, setup, startSession, useFakeClock, type Party } from "./sessions.fixtures";
import { fund, makeUser, type TestConvex } from "./test.factories";
import { sha256Hex } from "../lib/documents/fileType";
import { bytesOf, sampleDocx, sampleJpeg, samplePdf, samplePng } from "../lib/documents/sampleFiles";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

const MB = 1024 * 1024;

async function stored(t: TestConvex, storageId: Id<"_storage">) {
  return await t.run((ctx) => ctx.db.system.get("_storage", storageId));
}

async function documentsOf(t: TestConvex, sessionId: Id<"sessions">) {
  return await t.run((ctx) => ctx.db.query("sessionDocuments").withIndex("by_sessionId", (q) => q.eq("sessionId", sessionId)).collect());
}

/** A second client and advisor in their own live session, on the same backend as `s`. */
async function otherLiveSession(t: TestConvex) {
  const client = await makeUser(t, "client");
  const advisor = await makeUser(t, "advisor");
  const advisorId = await advisorProfileId(t, advisor.userId);
  await t.run((ctx) => ctx.db.patch(advisorId, { chatPricePerMinute: 50, isOnline: true }));
  await fund(t, client.userId, 1000);
  const sessionId = await startSession({ t, client, advisor, advisorId }, "chat");
  return { client, advisor, sessionId };
}

async function declare(party: Party, sessionId: Id<"sessions">, fileName: string, bytes: Uint8Array) {
  return await party.as.mutation(api.documents.generateUploadUrl, { sessionId, fileName, size: bytes.length, sha256: await sha256Hex(bytes) });
}

describe("documents.attach", () => {
  it("lets either participant share a real file; both see it, typed by its bytes, and downloads are logged", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "chat");
    const pdf = samplePdf();
    const { uploadId, uploadUrl } = await declare(s.client, sessionId, "Contract.PDF", pdf);
    expect(uploadUrl).toMatch(/^https?:\/\//);
    const storageId = await storeFile(s.t, pdf);
    const documentId = await s.client.as.action(api.documents.attach, { sessionId, uploadId, storageId });
    const pngId = await shareDocument(s.t, s.advisor, sessionId, "diagram.png", samplePng());
    await expect(s.advisor.as.query(api.documents.list, { sessionId })).resolves.toMatchObject([
      { _id: documentId, uploaderId: s.client.userId, fileName: "Contract.PDF", contentType: "application/pdf", size: pdf.length },
      { _id: pngId, uploaderId: s.advisor.userId, fileName: "diagram.png", contentType: "image/png" },
    ]);
    await expect(s.advisor.as.mutation(api.documents.downloadUrl, { sessionId, documentId })).resolves.toMatch(/^https?:\/\//);
    const admin = await makeUser(s.t, "admin");
    await admin.as.mutation(api.documents.downloadUrl, { sessionId, documentId });
    const log = await s.t.run((ctx) => ctx.db.query("documentDownloads").collect());
    expect(log.map((d) => d.userId)).toEqual([s.advisor.userId, admin.userId]);
  });

  it.each([
    ["a.pdf", samplePdf(), "application/pdf"],
    ["b.png", samplePng(), "image/png"],
    ["c.jpg", sampleJpeg(), "image/jpeg"],
    ["d.jpeg", sampleJpeg(), "image/jpeg"],
    ["e.txt", bytesOf("Questions for the session\n1. Should I take the role?\n"), "text/plain"],
    ["f.docx", sampleDocx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  ])("accepts a real %s", async (fileName, bytes, contentType) => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "chat");
    const documentId = await shareDocument(s.t, s.client, sessionId, fileName, bytes);
    expect(await documentsOf(s.t, sessionId)).toMatchObject([{ _id: documentId, fileName, contentType, size: bytes.length }]);
  });

  it.each([
    ["a text body named a.pdf", "a.pdf", bytesOf("Not a PDF at all, just words."), /named \.pdf but its content is TXT/],
    ["HTML with no content type named report.pdf", "report.pdf", bytesOf("<!doctype html><html><script>alert(document.cookie)</script></html>"), /not a real PDF/],
    ["HTML named notes.txt", "notes.txt", bytesOf("<html><body onload=alert(1)></body></html>"), /not a real TXT/],
    ["a PNG named photo.jpg", "photo.jpg", samplePng(), /named \.jpg but its content is PNG/],
    ["an executable named setup.docx", "setup.docx", Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]), /not a real DOCX/],
  ])("refuses %s and deletes it from storage", async (_, fileName, bytes, message) => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "chat");
    const { uploadId, storageId } = await upload(s.t, s.client, sessionId, fileName, bytes);
    expect(await stored(s.t, storageId)).toMatchObject({ size: bytes.length });
    await expect(s.client.as.action(api.documents.attach, { sessionId, uploadId, storageId })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT", message: expect.stringMatching(message) },
    });
    expect(await stored(s.t, storageId)).toBeNull();
    expect(await documentsOf(s.t, sessionId)).toEqual([]);
    await expect(s.client.as.action(api.documents.attach, { sessionId, uploadId, storageId })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
  });

  it("refuses another session's file: an advisor cannot take session A's storage id into his own session", async () => {
    const s = await setup({ balance: 1000 });
    const sessionA = await startSession(s, "chat");
    const b = await otherLiveSession(s.t);
    const secret = bytesOf("Session A's private notes: account 1234.");
    const attachedInA = await shareDocument(s.t, s.client, sessionA, "notes.txt", secret);
    const { storageId: takenId } = (await documentsOf(s.t, sessionA)).find((d) => d._id === attachedInA)!;

    // B declares a file of his own for his session, then names A's storage id instead.
    const own = bytesOf("B's harmless file, same length as A's...");
    expect(own.length).toBe(secret.length);
    const slot = await declare(b.advisor, b.sessionId, "notes.txt", own);
    await expect(b.advisor.as.action(api.documents.attach, { sessionId: b.sessionId, uploadId: slot.uploadId, storageId: takenId })).rejects.toMatchObject({
      data: { code: "CONFLICT" },
    });
    // Nor into session A itself, where he is no participant.
    await expect(b.advisor.as.action(api.documents.attach, { sessionId: sessionA, uploadId: slot.uploadId, storageId: takenId })).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
    // Even declaring the very same bytes does not let him take an attached file.
    const copycat = await declare(b.advisor, b.sessionId, "notes.txt", secret);
    await expect(b.advisor.as.action(api.documents.attach, { sessionId: b.sessionId, uploadId: copycat.uploadId, storageId: takenId })).rejects.toMatchObject({
      data: { code: "CONFLICT" },
    });

    // A file of A's uploaded after B's slot was issued and not attached yet: same size, other bytes.
    const fresh = await upload(s.t, s.client, sessionA, "fresh.txt", secret);
    await expect(b.advisor.as.action(api.documents.attach, { sessionId: b.sessionId, uploadId: slot.uploadId, storageId: fresh.storageId })).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
    // The refused attempts deleted nothing and bound nothing: A's file is still there and A attaches it.
    expect(await stored(s.t, fresh.storageId)).not.toBeNull();
    await expect(s.client.as.action(api.documents.attach, { sessionId: sessionA, ...fresh })).resolves.toBeDefined();
    expect(await documentsOf(s.t, b.sessionId)).toEqual([]);
    expect((await documentsOf(s.t, sessionA)).map((d) => d.fileName)).toEqual(["notes.txt", "fresh.txt"]);
  });

  it("refuses a participant's own upload made for another session", async () => {
    const s = await setup({ balance: 5000 });
    const first = await startSession(s, "chat");
    const pdf = samplePdf();
    const early = await upload(s.t, s.client, first, "plan.pdf", pdf);
    await s.client.as.mutation(api.sessions.endSession, { sessionId: first });
    vi.advanceTimersByTime(1000);
    const second = await startSession(s, "chat");
    const slot = await declare(s.client, second, "plan.pdf", pdf);
    // The first session's slot is not for this session; this session's slot came after the file.
    await expect(s.client.as.action(api.documents.attach, { sessionId: second, ...early })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    await expect(s.client.as.action(api.documents.attach, { sessionId: second, uploadId: slot.uploadId, storageId: early.storageId })).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
    await expect(s.client.as.action(api.documents.attach, { sessionId: first, ...early })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    expect(await stored(s.t, early.storageId)).not.toBeNull();
    expect(await documentsOf(s.t, second)).toEqual([]);
  });

  it("uses a slot once and a file once", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "chat");
    const png = samplePng();
    const uploaded = await upload(s.t, s.client, sessionId, "a.png", png);
    await s.client.as.action(api.documents.attach, { sessionId, ...uploaded });
    await expect(s.client.as.action(api.documents.attach, { sessionId, ...uploaded })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    const again = await declare(s.client, sessionId, "a.png", png);
    await expect(s.client.as.action(api.documents.attach, { sessionId, uploadId: again.uploadId, storageId: uploaded.storageId })).rejects.toMatchObject({
      data: { code: "CONFLICT" },
    });
    // The other participant cannot use the client's slot either.
    const slot = await upload(s.t, s.client, sessionId, "b.png", png);
    await expect(s.advisor.as.action(api.documents.attach, { sessionId, ...slot })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    expect(await documentsOf(s.t, sessionId)).toHaveLength(1);
  });

  it("refuses a file other than the declared one, and a slot past its validity", async () => {
    const s = await setup({ balance: 5000 });
    const sessionId = await startSession(s, "chat");
    const slot = await declare(s.client, sessionId, "a.pdf", samplePdf());
    const other = await storeFile(s.t, samplePdf(samplePdf().length + 10));
    await expect(s.client.as.action(api.documents.attach, { sessionId, uploadId: slot.uploadId, storageId: other })).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
    expect(await stored(s.t, other)).not.toBeNull();

    const late = await upload(s.t, s.client, sessionId, "late.pdf", samplePdf());
    vi.advanceTimersByTime(10 * 60_000 + 1);
    await expect(s.client.as.action(api.documents.attach, { sessionId, ...late })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
  });

  it("refuses anyone but the participants, anonymous callers, and a session that is over", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "chat");
    const pending = await upload(s.t, s.client, sessionId, "a.txt", bytesOf("hello"));
    for (const role of ["client", "advisor", "admin"] as const) {
      const user = await makeUser(s.t, role);
      await expect(declare(user, sessionId, "a.txt", bytesOf("hello"))).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
      await expect(user.as.action(api.documents.attach, { sessionId, ...pending })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    }
    await expect(
      s.t.mutation(api.documents.generateUploadUrl, { sessionId, fileName: "a.txt", size: 5, sha256: await sha256Hex(bytesOf("hello")) }),
    ).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    await expect(s.t.action(api.documents.attach, { sessionId, ...pending })).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    await s.client.as.mutation(api.sessions.endSession, { sessionId });
    await expect(declare(s.client, sessionId, "a.txt", bytesOf("hello"))).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    await expect(s.client.as.action(api.documents.attach, { sessionId, ...pending })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    expect(await documentsOf(s.t, sessionId)).toEqual([]);
  });
});

describe("documents.generateUploadUrl", () => {
  it("refuses files over 10 MB, empty files and names other than pdf, png, jpg, txt, docx before anything is sent", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "chat");
    const sha256 = await sha256Hex(bytesOf("x"));
    const declareRaw = (fileName: string, size: number, hash = sha256) =>
      s.client.as.mutation(api.documents.generateUploadUrl, { sessionId, fileName, size, sha256: hash });
    for (const [fileName, size, hash] of [
      ["big.pdf", 10 * MB + 1, sha256],
      ["empty.txt", 0, sha256],
      ["half.pdf", 1.5, sha256],
      ["run.exe", 10, sha256],
      ["noextension", 10, sha256],
      ["archive.zip", 10, sha256],
      ["a".repeat(201) + ".pdf", 10, sha256],
      ["a.pdf", 10, "not-a-hash"],
      ["a.pdf", 10, sha256.toUpperCase()],
    ] as const) {
      await expect(declareRaw(fileName, size, hash)).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT" } });
    }
    expect(await s.t.run((ctx) => ctx.db.query("documentUploads").collect())).toEqual([]);
    const exactly = samplePdf(10 * MB);
    await expect(shareDocument(s.t, s.client, sessionId, "exactly.pdf", exactly)).resolves.toBeDefined();
  });

  it("limits upload URLs per user per minute by the platform setting", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "chat");
    await s.t.run((ctx) => ctx.db.insert("platformSettings", { documentUploadsMaxPerMinute: 3, updatedAt: Date.now() }));
    const txt = bytesOf("hello");
    for (let i = 0; i < 3; i++) await declare(s.client, sessionId, "a.txt", txt);
    await expect(declare(s.client, sessionId, "a.txt", txt)).rejects.toMatchObject({ data: { code: "RATE_LIMITED" } });
    // Per user: the other participant still has his own allowance.
    await expect(declare(s.advisor, sessionId, "a.txt", txt)).resolves.toBeDefined();
    vi.advanceTimersByTime(60_000);
    await expect(declare(s.client, sessionId, "a.txt", txt)).resolves.toBeDefined();
  });
});
