import { describe, expect, it } from "vitest";
import { bytesOf, sampleJpeg, samplePdf, samplePng } from "../documents/sampleFiles";
import { PHOTO_MAX_BYTES, checkPhoto } from "./photo";

describe("checkPhoto", () => {
  it("accepts PNG and JPEG by their bytes", () => {
    expect(checkPhoto(samplePng())).toEqual({ ok: true, contentType: "image/png" });
    expect(checkPhoto(sampleJpeg())).toEqual({ ok: true, contentType: "image/jpeg" });
  });

  it("refuses other files, empty ones and ones over the size limit", () => {
    expect(checkPhoto(samplePdf())).toEqual({ ok: false, message: "A photo must be a PNG or JPEG image." });
    expect(checkPhoto(bytesOf("<svg onload=alert(1)>"))).toMatchObject({ ok: false });
    expect(checkPhoto(new Uint8Array())).toMatchObject({ ok: false, message: "The file is empty." });
    const big = new Uint8Array(PHOTO_MAX_BYTES + 1);
    big.set(samplePng());
    expect(checkPhoto(big)).toMatchObject({ ok: false, message: "A photo can be at most 2 MB." });
  });
});
