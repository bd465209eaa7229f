import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkDocument, checkDocumentName, extensionOf, sha256Hex, SHA256_HEX, sniffDocumentKind, zipEntryNames, type DocumentKind } from "./fileType";
import { bytesOf, sampleDocx, sampleJpeg, samplePdf, samplePng, zip } from "./sampleFiles";

const ALLOWED = ["pdf", "png", "jpg", "jpeg", "txt", "docx"];

describe("sniffDocumentKind", () => {
  it.each<[string, Uint8Array, DocumentKind | null]>([
    ["a PDF", samplePdf(), "pdf"],
    ["a PNG", samplePng(), "png"],
    ["a JPEG", sampleJpeg(), "jpg"],
    ["a DOCX", sampleDocx(), "docx"],
    ["plain text", bytesOf("1. Should I take the lead role?\r\n\tYes.\n"), "txt"],
    ["UTF-8 text with a BOM", bytesOf("\uFEFFRésumé — naïve"), "txt"],
    ["text starting with blank lines", bytesOf("\n\n  notes"), "txt"],
    ["an empty file", new Uint8Array(0), null],
    ["zeros", new Uint8Array(64), null],
    ["HTML", bytesOf("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"), null],
    ["HTML after blank space", bytesOf(" \r\n\t<html><script>alert(1)</script>"), null],
    ["HTML after a BOM", bytesOf("\uFEFF<script>alert(1)</script>"), null],
    ["an SVG", bytesOf('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), null],
    ["XML", bytesOf('<?xml version="1.0"?><a/>'), null],
    ["text with a NUL", bytesOf("abc\u0000def"), null],
    ["text with an escape character", bytesOf("abc\u001b[31mred"), null],
    ["text with DEL", bytesOf("abc\u007f"), null],
    ["text with a C1 control", bytesOf("abc\u0085"), null],
    ["malformed UTF-8", Uint8Array.from([0x61, 0xc3, 0x28]), null],
    ["a UTF-8 overlong encoding", Uint8Array.from([0xc0, 0xaf]), null],
    ["a GIF", bytesOf("GIF89a\u0001\u0000\u0001\u0000"), null],
    ["an EXE", Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), null],
    ["a plain ZIP", zip({ "notes.txt": "hi" }), null],
    ["a ZIP with word/ but no [Content_Types].xml", zip({ "word/document.xml": "<w:document/>" }), null],
    ["an XLSX", zip({ "[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>" }), null],
    ["a DOCX with an archive comment", zip({ "[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>" }, { comment: "made by hand" }), "docx"],
    ["a truncated DOCX", sampleDocx().subarray(0, 120), null],
    ["a PDF header not at the start", bytesOf("  %PDF-1.4"), "txt"],
    ["only half the PNG signature", Uint8Array.from([0x89, 0x50, 0x4e, 0x47]), null],
  ])("%s → %s", (_, bytes, kind) => {
    expect(sniffDocumentKind(bytes)).toBe(kind);
  });

  it("never throws, whatever the bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const kind = sniffDocumentKind(bytes);
        expect(kind === null || ["pdf", "png", "jpg", "txt", "docx"].includes(kind)).toBe(true);
      }),
    );
  });

  it("never calls markup plain text", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ \t\r\n]*$/), fc.string(), (blank, rest) => {
        expect(sniffDocumentKind(bytesOf(`${blank}<${rest}`))).not.toBe("txt");
      }),
    );
  });
});

describe("zipEntryNames", () => {
  it("lists the central directory and refuses what is not a ZIP", () => {
    expect(zipEntryNames(zip({ a: "1", "b/c.xml": "2" }))).toEqual(["a", "b/c.xml"]);
    expect(zipEntryNames(bytesOf("PK\u0003\u0004 not really"))).toBeNull();
    const lying = zip({ a: "1" });
    new DataView(lying.buffer).setUint16(lying.length - 12, 5, true); // claims 5 entries
    expect(zipEntryNames(lying)).toBeNull();
  });
});

describe("extensionOf", () => {
  it.each([
    ["Contract.PDF", "pdf"],
    ["a.b.docx", "docx"],
    ["noextension", ""],
    [".pdf", ""],
    ["trailing.", ""],
  ])("%s → %s", (name, extension) => {
    expect(extensionOf(name)).toBe(extension);
  });
});

describe("checkDocumentName", () => {
  it.each(["", "   ", "a".repeat(197) + ".pdf", "run.exe", "noextension", "archive.zip", "bad\u0000name.pdf", "line\nbreak.txt"])(
    "refuses %j",
    (name) => {
      expect(checkDocumentName(name, ALLOWED).ok).toBe(false);
    },
  );

  it("trims the name and honours the allowed list", () => {
    expect(checkDocumentName("  Contract.PDF ", ALLOWED)).toEqual({ ok: true, fileName: "Contract.PDF", extension: "pdf" });
    expect(checkDocumentName("photo.png", ["pdf"]).ok).toBe(false);
  });
});

describe("checkDocument", () => {
  it.each<[string, string, Uint8Array, string | undefined, string]>([
    ["a PDF", "Contract.PDF", samplePdf(), "application/pdf", "application/pdf"],
    ["a PDF with no declared type", "c.pdf", samplePdf(), undefined, "application/pdf"],
    ["a PDF sent as octet-stream", "c.pdf", samplePdf(), "application/octet-stream", "application/pdf"],
    ["a PNG", "p.png", samplePng(), "image/png", "image/png"],
    ["a JPEG named .jpeg", "p.jpeg", sampleJpeg(), "image/jpeg", "image/jpeg"],
    ["a JPEG named .JPG", "p.JPG", sampleJpeg(), "image/jpeg", "image/jpeg"],
    ["text with a charset", "notes.txt", bytesOf("hello"), "text/plain; charset=UTF-8", "text/plain"],
    ["a DOCX", "letter.docx", sampleDocx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  ])("accepts %s", (_, fileName, bytes, declaredType, contentType) => {
    expect(checkDocument({ fileName, bytes, declaredType, allowedExtensions: ALLOWED })).toMatchObject({ ok: true, contentType });
  });

  it.each<[string, string, Uint8Array, string | undefined, RegExp]>([
    ["a text body named a.pdf", "a.pdf", bytesOf("just some text"), "text/plain", /named \.pdf but its content is TXT/],
    ["HTML with no type named report.pdf", "report.pdf", bytesOf("<html><script>alert(1)</script></html>"), undefined, /not a real PDF file/],
    ["HTML named notes.txt", "notes.txt", bytesOf("<html><script>alert(1)</script></html>"), "text/plain", /not a real TXT file/],
    ["a PNG named .jpg", "p.jpg", samplePng(), "image/jpeg", /named \.jpg but its content is PNG/],
    ["a PDF named .docx", "d.docx", samplePdf(), undefined, /named \.docx but its content is PDF/],
    ["a PDF sent as text/html", "c.pdf", samplePdf(), "text/html", /sent as text\/html/],
    ["a PNG sent as image/svg+xml", "p.png", samplePng(), "image/svg+xml", /sent as image\/svg\+xml/],
    ["an empty file", "e.txt", new Uint8Array(0), "text/plain", /is empty/],
    ["an executable named .pdf", "x.pdf", Uint8Array.from([0x4d, 0x5a, 0x90, 0x00]), undefined, /not a real PDF file/],
    ["a disallowed name", "x.exe", samplePdf(), undefined, /Allowed files/],
  ])("refuses %s", (_, fileName, bytes, declaredType, message) => {
    const verdict = checkDocument({ fileName, bytes, declaredType, allowedExtensions: ALLOWED });
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? "" : verdict.message).toMatch(message);
  });
});

describe("sha256Hex", () => {
  it.each([
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
  ])("hashes %j in lower-case hex", async (text, hex) => {
    const hash = await sha256Hex(bytesOf(text));
    expect(hash).toBe(hex);
    expect(SHA256_HEX.test(hash)).toBe(true);
  });
});
