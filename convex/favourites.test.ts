import { describe, expect, it } from "vitest";
import { api } from "./_generated/api";
import { advisorProfileId } from "./sessions.fixtures";
import * as Advisors from "./model/advisors";
import { makeUser, newTest } from "./test.factories";

const page = { numItems: 10, cursor: null };

describe("favourites", () => {
  it("a client saves and forgets advisors; the list is theirs alone, newest saved first, without suspended advisors", async () => {
    const t = newTest();
    const client = await makeUser(t, "client");
    const other = await makeUser(t, "client");
    const a = await makeUser(t, "advisor");
    const b = await makeUser(t, "advisor");
    const [aId, bId] = [await advisorProfileId(t, a.userId), await advisorProfileId(t, b.userId)];
    await client.as.mutation(api.favourites.set, { advisorId: aId, favourite: true });
    await client.as.mutation(api.favourites.set, { advisorId: bId, favourite: true });
    await client.as.mutation(api.favourites.set, { advisorId: bId, favourite: true });
    expect(new Set(await client.as.query(api.favourites.ids, {}))).toEqual(new Set([aId, bId]));
    expect((await client.as.query(api.favourites.list, { paginationOpts: page })).page.map((c) => c._id)).toEqual([bId, aId]);
    expect(await other.as.query(api.favourites.ids, {})).toEqual([]);

    await client.as.mutation(api.favourites.set, { advisorId: aId, favourite: false });
    await client.as.mutation(api.favourites.set, { advisorId: aId, favourite: false });
    expect(await client.as.query(api.favourites.ids, {})).toEqual([bId]);
    await t.run((ctx) => Advisors.suspendProfile(ctx, b.userId));
    expect((await client.as.query(api.favourites.list, { paginationOpts: page })).page).toEqual([]);
    await expect(client.as.mutation(api.favourites.set, { advisorId: bId, favourite: true })).resolves.toBeNull();
    await client.as.mutation(api.favourites.set, { advisorId: bId, favourite: false });
    await expect(client.as.mutation(api.favourites.set, { advisorId: bId, favourite: true })).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
  });

  it("is for clients only", async () => {
    const t = newTest();
    const advisor = await makeUser(t, "advisor");
    const admin = await makeUser(t, "admin");
    const advisorId = await advisorProfileId(t, advisor.userId);
    for (const caller of [advisor.as, admin.as]) {
      await expect(caller.mutation(api.favourites.set, { advisorId, favourite: true })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
      await expect(caller.query(api.favourites.ids, {})).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    }
    await expect(t.query(api.favourites.list, { paginationOpts: page })).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
  });
});
