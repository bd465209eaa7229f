/**
 * Nested queries and mutations inside a mutation on the indexed engine: they
 * see the outer transaction's writes, and a rolled-back nested mutation's
 * writes disappear from the indexes the outer transaction reads.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Backend } from "../src/index.js";
import { makeKeys, startFixture } from "./helpers.js";

let backend: Backend;

beforeAll(async () => {
  backend = await startFixture(await makeKeys());
});

afterAll(async () => {
  await backend.close();
});

describe("nested transactions", () => {
  it("share pending writes with nested queries and drop a failed nested mutation's writes", async () => {
    await backend.run("messages:insertInternal", { author: "nest", body: "committed" });
    const result = await backend.run("nested:writeAndReadNested", { author: "nest" });
    expect(result).toEqual({ nested: ["committed", "pending"], failed: true, own: ["committed", "pending"] });
    expect(await backend.run("nested:bodiesOf", { author: "nest" })).toEqual(["committed", "pending"]);
  });
});
