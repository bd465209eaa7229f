/**
 * What a session document really is (SPEC §4 "Documents": the type is checked
 * from the file's bytes, not its name or declared type). Pure: bytes in, a
 * verdict out; the backend reads the stored bytes and asks here.
 *
 * Kinds and how each is recognised:
 * - pdf:  starts with "%PDF-".
 * - png:  starts with the 8-byte PNG signature 89 50 4E 47 0D 0A 1A 0A.
 * - jpg:  starts with FF D8 FF (SOI followed by a marker).
 * - docx: a ZIP (starts with "PK\x03\x04") whose central directory lists both
 *         "[Content_Types].xml" and "word/document.xml" (the parts Word
 *         always writes). Entries are not decompressed.
 * - txt:  valid UTF-8 (a BOM is allowed) with no control characters other
 *         than tab, line feed and carriage return (no NUL, no DEL, no C1
 *         controls), whose first non-blank character is not "<". That last
 *         rule refuses HTML, XML and SVG, which a browser could render as a
 *         page; the price is that a note starting with "<" is refused too.
 * An empty file is none of them.
 *
 * The name must end in an extension of the kind found: a text body named
 * "a.pdf" is refused (not renamed), so what people see in the list is what
 * they get. A declared content type (the upload's Content-Type, served back
 * on download) must be absent, application/octet-stream or one of the kind's
 * own types: a PDF sent as text/html is refused.
 */

export const DOCUMENT_KINDS = {
  pdf: { label: "PDF", contentType: "application/pdf", extensions: ["pdf"], declaredTypes: ["application/pdf", "application/x-pdf"] },
  png: { label: "PNG", contentType: "image/png", extensions: ["png"], declaredTypes: ["image/png"] },
  jpg: { label: "JPG", contentType: "image/jpeg", extensions: ["jpg", "jpeg"], declaredTypes: ["image/jpeg", "image/jpg", "image/pjpeg"] },
  txt: { label: "TXT", contentType: "text/plain", extensions: ["txt"], declaredTypes: ["text/plain"] },
  docx: {
    label: "DOCX",
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: ["docx"],
    declaredTypes: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  },
} as const;

export type DocumentKind = keyof typeof DOCUMENT_KINDS;

export const MAX_FILE_NAME_LENGTH = 200;

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const ZIP_END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP_CENTRAL_HEADER = 0x02014b50;
const ZIP_END_SIZE = 22;
const ZIP_CENTRAL_HEADER_SIZE = 46;

/** C0 controls except tab, LF and CR; DEL; C1 controls. */
const FORBIDDEN_TEXT_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);
}

/**
 * The entry names of a ZIP archive's central directory, or null when the
 * bytes are not a well-formed (non-ZIP64) archive.
 */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  if (bytes.length < ZIP_END_SIZE) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  // The end record is the last 22 bytes plus a comment of at most 65,535 bytes.
  for (let i = bytes.length - ZIP_END_SIZE; i >= Math.max(0, bytes.length - ZIP_END_SIZE - 0xffff); i--) {
    if (view.getUint32(i, true) === ZIP_END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (offset + size > end) return null;
  const decoder = new TextDecoder("utf-8");
  const names: string[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + ZIP_CENTRAL_HEADER_SIZE > offset + size || view.getUint32(at, true) !== ZIP_CENTRAL_HEADER) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const nameStart = at + ZIP_CENTRAL_HEADER_SIZE;
    if (nameStart + nameLength > offset + size) return null;
    names.push(decoder.decode(bytes.subarray(nameStart, nameStart + nameLength)));
    at = nameStart + nameLength + extraLength + commentLength;
  }
  return names;
}

function isDocx(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, ZIP_LOCAL_HEADER)) return false;
  const names = zipEntryNames(bytes);
  return names !== null && names.includes("[Content_Types].xml") && names.includes("word/document.xml");
}

function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    // fatal: malformed UTF-8 throws; the BOM, if any, is dropped.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  if (FORBIDDEN_TEXT_CHARACTERS.test(text)) return false;
  return !text.trimStart().startsWith("<");
}

/** The kind the bytes are, or null when they are none of the accepted kinds. */
export function sniffDocumentKind(bytes: Uint8Array): DocumentKind | null {
  if (bytes.length === 0) return null;
  if (startsWith(bytes, PDF)) return "pdf";
  if (startsWith(bytes, PNG)) return "png";
  if (startsWith(bytes, JPEG)) return "jpg";
  if (isDocx(bytes)) return "docx";
  if (isPlainText(bytes)) return "txt";
  return null;
}

/** The lower-case extension after the last dot ("" when there is none). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot <= 0 ? "" : fileName.slice(dot + 1).toLowerCase();
}

function kindOfExtension(extension: string): DocumentKind | null {
  for (const [kind, spec] of Object.entries(DOCUMENT_KINDS)) {
    if ((spec.extensions as readonly string[]).includes(extension)) return kind as DocumentKind;
  }
  return null;
}

/** "text/plain; charset=utf-8" → "text/plain"; "" for none. */
function mediaType(declared: string | undefined): string {
  return (declared ?? "").split(";")[0]!.trim().toLowerCase();
}

export type NameVerdict = { ok: true; fileName: string; extension: string } | { ok: false; message: string };

/** The name alone: 1–200 characters without control characters, with an allowed extension. Checked before reading any bytes. */
export function checkDocumentName(rawName: string, allowedExtensions: readonly string[]): NameVerdict {
  const fileName = rawName.trim();
  if (fileName === "" || fileName.length > MAX_FILE_NAME_LENGTH || CONTROL_CHARACTERS.test(fileName)) {
    return { ok: false, message: `A file name must be 1–${MAX_FILE_NAME_LENGTH} characters without control characters.` };
  }
  const extension = extensionOf(fileName);
  if (kindOfExtension(extension) === null || !allowedExtensions.includes(extension)) {
    return { ok: false, message: `"${fileName}" is not an allowed file. Allowed files: ${allowedExtensions.join(", ")}.` };
  }
  return { ok: true, fileName, extension };
}

export type DocumentVerdict = { ok: true; fileName: string; kind: DocumentKind; contentType: string } | { ok: false; message: string };

/**
 * The whole check of an uploaded document: its name, then its bytes, then
 * the type it was declared with. On success `contentType` is the kind's own
 * type (never the declared one).
 */
export function checkDocument(input: {
  fileName: string;
  bytes: Uint8Array;
  declaredType?: string;
  allowedExtensions: readonly string[];
}): DocumentVerdict {
  const name = checkDocumentName(input.fileName, input.allowedExtensions);
  if (!name.ok) return name;
  const { fileName, extension } = name;
  if (input.bytes.length === 0) return { ok: false, message: `"${fileName}" is empty.` };
  const kind = sniffDocumentKind(input.bytes);
  const named = DOCUMENT_KINDS[kindOfExtension(extension)!];
  if (kind === null) {
    return { ok: false, message: `"${fileName}" is not a real ${named.label} file: its content is not a PDF, PNG, JPG, TXT or DOCX document.` };
  }
  const spec = DOCUMENT_KINDS[kind];
  if (!(spec.extensions as readonly string[]).includes(extension)) {
    return {
      ok: false,
      message: `"${fileName}" is named .${extension} but its content is ${spec.label}. Rename it to .${spec.extensions[0]} to share it.`,
    };
  }
  const declared = mediaType(input.declaredType);
  if (declared !== "" && declared !== "application/octet-stream" && !(spec.declaredTypes as readonly string[]).includes(declared)) {
    return { ok: false, message: `"${fileName}" was sent as ${declared} but its content is ${spec.label}.` };
  }
  return { ok: true, fileName, kind, contentType: spec.contentType };
}

/** Lower-case hex SHA-256 of the bytes (Web Crypto: browsers, Convex, Node). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new Uint8Array(bytes));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
