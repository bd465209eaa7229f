import { describe, expect, it } from "vitest";
import { api } from "./_generated/api";
import { makeUser, newTest } from "./test.factories";

describe("specialties", () => {
  it("admins add and remove entries, audited; duplicates and bad names are refused at the name field; everyone reads the list", async () => {
    const t = newTest();
    const admin = await makeUser(t, "admin");
    const client = await makeUser(t, "client");
    const id = await admin.as.mutation(api.specialties.add, { name: "  Tax   law " });
    await admin.as.mutation(api.specialties.add, { name: "Astronomy" });
    await expect(admin.as.mutation(api.specialties.add, { name: "tax LAW" })).rejects.toMatchObject({ data: { code: "CONFLICT", field: "name" } });
    await expect(admin.as.mutation(api.specialties.add, { name: "x" })).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT", field: "name" } });
    await expect(admin.as.mutation(api.specialties.add, { name: "x".repeat(41) })).rejects.toMatchObject({ data: { field: "name" } });
    expect((await t.query(api.specialties.list, {})).map((s) => s.name)).toEqual(["Astronomy", "Tax law"]);
    await expect(admin.as.mutation(api.specialties.remove, { id, reason: "" })).rejects.toMatchObject({ data: { field: "reason" } });
    await admin.as.mutation(api.specialties.remove, { id, reason: "Merged into Tax" });
    expect((await client.as.query(api.specialties.list, {})).map((s) => s.name)).toEqual(["Astronomy"]);
    const audit = await t.run((ctx) => ctx.db.query("auditLog").collect());
    expect(audit.map((a) => a.action)).toEqual(["specialty.add", "specialty.add", "specialty.remove"]);
    await expect(client.as.mutation(api.specialties.add, { name: "Law" })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    await expect(t.mutation(api.specialties.add, { name: "Law" })).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
  });
});
