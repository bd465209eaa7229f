import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safeNext";

const ORIGINS = ["http://localhost:3100", "https://expertline.example", "http://127.0.0.1:3000"];

function hasControlCharacter(text: string): boolean {
  return [...text].some((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
  });
}

/** What every result must satisfy: a path that stays on whatever origin the app is served from. */
function expectSameOriginPath(result: string) {
  expect(result.startsWith("/")).toBe(true);
  expect(result.startsWith("//")).toBe(false);
  expect(result).not.toContain("\\");
  expect(hasControlCharacter(result)).toBe(false);
  for (const origin of ORIGINS) expect(new URL(result, origin).origin).toBe(origin);
}

describe("safeNextPath", () => {
  it.each(["/", "/admin", "/admin/users?tab=all", "/advisors/abc123", "/sessions?status=ended#row-3"])(
    "follows the same-site path %s unchanged",
    (path) => {
      expect(safeNextPath(path)).toBe(path);
    },
  );

  it.each([
    ["a tab after the first slash", "/\t/evil.example"],
    ["a tab before the path", "\t//evil.example"],
    ["a newline after the first slash", "/\n/evil"],
    ["a carriage return", "/\r/evil"],
    ["a NUL", "/\u0000/evil"],
    ["DEL", "/\u007f/evil"],
    ["a C1 control", "/\u0085/evil"],
    ["a protocol-relative URL", "//evil"],
    ["a protocol-relative URL with a path", "//evil.example/x"],
    ["a slash and a backslash", "/\\evil"],
    ["a backslash and a slash", "\\/evil"],
    ["two backslashes", "\\\\evil"],
    ["a backslash later in the path", "/admin\\..\\\\evil"],
    ["dot segments that leave two slashes", "/a/../..//evil"],
    ["encoded dot segments that leave two slashes", "/%2e%2e//evil"],
    ["an absolute https URL", "https://evil"],
    ["an absolute URL with credentials", "https://app@evil.example/"],
    ["a scheme without slashes", "http:evil.example"],
    ["javascript:", "javascript:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["a relative path", "admin"],
    ["a leading space", " /admin"],
    ["the empty string", ""],
    ["a very long path", `/${"a".repeat(5000)}`],
    ["undefined", undefined],
    ["a number", 42],
    ["an array (?next=a&next=b)", ["/a", "/b"]],
  ])("refuses %s", (_why, value) => {
    expect(safeNextPath(value)).toBeUndefined();
  });

  it.each([
    ["an encoded tab", "/%09/evil.example", "/%09/evil.example"],
    ["encoded slashes", "/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["an encoded backslash", "/%5Cevil.example", "/%5Cevil.example"],
    ["an ideographic space", "/\u3000/evil.example", "/%E3%80%80/evil.example"],
    ["fullwidth solidi", "/\uff0f\uff0fevil.example", "/%EF%BC%8F%EF%BC%8Fevil.example"],
    ["a line separator", "/\u2028/evil", "/%E2%80%A8/evil"],
    ["an at sign", "/@evil.example", "/@evil.example"],
    ["a colon", "/:evil.example", "/:evil.example"],
    ["dot segments", "/admin/../wallet", "/wallet"],
  ])("keeps %s as a normalised path on this origin", (_why, value, expected) => {
    const result = safeNextPath(value);
    expect(result).toBe(expected);
    expectSameOriginPath(result as string);
  });

  describe("for any input", () => {
    const piece = fc.constantFrom("/", "\\", "\t", "\n", "\r", " ", "//", ":", "@", ".", "..", "/..", "%2e", "%09", "?", "#", "evil.example", "http", "\u3000", "\uff0f");
    const built = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(""));
    const inputs = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.webUrl(), built, built.map((s) => `/${s}`));

    it("returns nothing or a path that stays on the app's origin", () => {
      fc.assert(
        fc.property(inputs, (input) => {
          const result = safeNextPath(input);
          if (result !== undefined) expectSameOriginPath(result);
        }),
        { numRuns: 2000 },
      );
    });

    it("returns a path that passes again unchanged (the sign-in form sends it back)", () => {
      fc.assert(
        fc.property(inputs, (input) => {
          const result = safeNextPath(input);
          if (result !== undefined) expect(safeNextPath(result)).toBe(result);
        }),
        { numRuns: 2000 },
      );
    });

    it("keeps every plain path of the app", () => {
      const segment = fc.stringMatching(/^[a-z0-9_-]{1,12}$/);
      const path = fc.array(segment, { maxLength: 5 }).map((segments) => `/${segments.join("/")}`);
      fc.assert(
        fc.property(path, (p) => {
          expect(safeNextPath(p)).toBe(p);
        }),
      );
    });
  });
});
