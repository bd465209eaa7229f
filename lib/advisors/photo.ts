/** Advisor profile photos: what is accepted, checked from the bytes, never from the name or the browser's type. */
import { sniffDocumentKind } from "../documents/fileType";

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

export type PhotoVerdict = { ok: true; contentType: "image/png" | "image/jpeg" } | { ok: false; message: string };

export function checkPhoto(bytes: Uint8Array): PhotoVerdict {
  if (bytes.length === 0) return { ok: false, message: "The file is empty." };
  if (bytes.length > PHOTO_MAX_BYTES) return { ok: false, message: `A photo can be at most ${PHOTO_MAX_BYTES / (1024 * 1024)} MB.` };
  const kind = sniffDocumentKind(bytes);
  if (kind === "png") return { ok: true, contentType: "image/png" };
  if (kind === "jpg") return { ok: true, contentType: "image/jpeg" };
  return { ok: false, message: "A photo must be a PNG or JPEG image." };
}
