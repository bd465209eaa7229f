import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safeNext";

describe("safeNextPath", () => {
  it.each(["/admin", "/admin/users?tab=all", "/"])("follows the same-site path %s", (path) => {
    expect(safeNextPath(path)).toBe(path);
  });

  it.each(["//evil.example/x", "/\\evil.example", "https://evil.example", "admin", "", undefined, 42])(
    "refuses %s",
    (value) => {
      expect(safeNextPath(value)).toBeUndefined();
    },
  );
});
