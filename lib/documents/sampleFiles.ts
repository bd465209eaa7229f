/**
 * Small, well-formed files of each accepted kind, built byte by byte, for the
 * tests of fileType.ts and of the documents backend. Test-only.
 */

const encoder = new TextEncoder();

export function bytesOf(text: string): Uint8Array {
  return encoder.encode(text);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function le(bytes: number, value: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) out[i] = (value >>> (8 * i)) & 0xff;
  return out;
}

/** A ZIP archive with the entries stored uncompressed (CRCs left at 0: nothing here checks them). */
export function zip(entries: Record<string, string>, opts: { comment?: string } = {}): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = bytesOf(name);
    const data = bytesOf(content);
    const common = [le(2, 20), le(2, 0), le(2, 0), le(2, 0), le(2, 0), le(4, 0), le(4, data.length), le(4, data.length), le(2, nameBytes.length), le(2, 0)];
    const local = concat([le(4, 0x04034b50), ...common, nameBytes, data]);
    centrals.push(concat([le(4, 0x02014b50), le(2, 20), ...common, le(2, 0), le(2, 0), le(2, 0), le(4, 0), le(4, offset), nameBytes]));
    locals.push(local);
    offset += local.length;
  }
  const central = concat(centrals);
  const comment = bytesOf(opts.comment ?? "");
  const end = concat([le(4, 0x06054b50), le(2, 0), le(2, 0), le(2, centrals.length), le(2, centrals.length), le(4, central.length), le(4, offset), le(2, comment.length), comment]);
  return concat([...locals, central, end]);
}

export function samplePdf(padTo = 0): Uint8Array {
  const body = bytesOf("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
  if (padTo <= body.length) return body;
  const padded = new Uint8Array(padTo).fill(0x20);
  padded.set(body);
  return padded;
}

/** A 1×1 grey PNG. */
export function samplePng(): Uint8Array {
  return Uint8Array.from(
    atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="),
    (c) => c.charCodeAt(0),
  );
}

/** The start of a JFIF JPEG (SOI, APP0) and its end marker. */
export function sampleJpeg(): Uint8Array {
  return concat([Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), bytesOf("JFIF\u0000"), Uint8Array.from([1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9])]);
}

export function sampleDocx(): Uint8Array {
  return zip({
    "[Content_Types].xml":
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
    "word/document.xml": '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>',
  });
}
