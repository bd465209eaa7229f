import { describe, expect, it } from "vitest";
import { csvByPages, decimalAmount } from "./csvExport";

describe("csvByPages", () => {
  it("fetches page after page with the cursor and writes each row once", async () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({ n: i, text: i === 3 ? '=cmd, "x"' : `row ${i}` }));
    const cursors: (string | null)[] = [];
    const progress: number[] = [];
    const { chunks, rows: count } = await csvByPages(
      async (cursor) => {
        cursors.push(cursor);
        const start = cursor === null ? 0 : Number(cursor);
        return { page: rows.slice(start, start + 10), isDone: start + 10 >= rows.length, continueCursor: String(start + 10) };
      },
      ["n", "text"],
      (r) => [r.n, r.text],
      (n) => progress.push(n),
    );
    expect(cursors).toEqual([null, "10", "20"]);
    expect(progress).toEqual([10, 20, 25]);
    expect(count).toBe(25);
    const lines = chunks.join("").split("\r\n");
    expect(lines[0]).toBe("n,text");
    expect(lines[4]).toBe(`3,"'=cmd, ""x"""`);
    expect(lines).toHaveLength(27);
  });
});

describe("decimalAmount", () => {
  it.each([
    [0, "0.00"],
    [5, "0.05"],
    [1234, "12.34"],
    [-250, "-2.50"],
    [100_000_000, "1000000.00"],
  ])("%i cents is %s", (cents, text) => expect(decimalAmount(cents)).toBe(text));
});
