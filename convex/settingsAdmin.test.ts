/**
 * The admin's settings page backend (issue 14): every setting listed with its
 * rule; a change validated on the server (the setting named as the field),
 * audited with before, after and a reason, and reaching new sessions only.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import { DEFAULT_SETTINGS, getSettings } from "./model/settings";
import { SETTING_RULES } from "./model/settingsRules";
import { elapse, sessionDoc, setup, startSession, T0, useFakeClock } from "./sessions.fixtures";
import { makeUser } from "./test.factories";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

async function withAdmin() {
  const s = await setup({ balance: 10_000, chatRate: 100 });
  const admin = await makeUser(s.t, "admin");
  return { ...s, admin };
}

const auditRows = (s: Awaited<ReturnType<typeof withAdmin>>) => s.t.run((ctx) => ctx.db.query("auditLog").collect());

describe("settings.adminList", () => {
  it("lists every setting with its rule, value and default", async () => {
    const s = await withAdmin();
    const { settings } = await s.admin.as.query(api.settings.adminList, {});
    expect(settings.map((r) => r.name).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
    expect(settings.find((r) => r.name === "feeBps")).toMatchObject({ label: "Platform fee", unit: "bps", min: 0, max: 5000, value: 1000, defaultValue: 1000, effect: "new_sessions" });
    for (const row of settings) expect(SETTING_RULES[row.name as keyof typeof SETTING_RULES]).toBeDefined();
  });
});

describe("settings.update", () => {
  it("changes the fee for the next session, not the running one", async () => {
    const s = await withAdmin();
    const running = await startSession(s, "chat");
    await s.admin.as.mutation(api.settings.update, { name: "feeBps", value: 2500, reason: "New pricing from January" });
    await elapse(s.t, 60_000, 30_000);
    await s.client.as.mutation(api.sessions.endSession, { sessionId: running });
    expect(await sessionDoc(s.t, running)).toMatchObject({ feeBps: 1000, chargeCents: 100, feeCents: 10, earningCents: 90 });

    const next = await startSession(s, "chat");
    await elapse(s.t, 60_000, 30_000);
    await s.client.as.mutation(api.sessions.endSession, { sessionId: next });
    expect(await sessionDoc(s.t, next)).toMatchObject({ feeBps: 2500, chargeCents: 100, feeCents: 25, earningCents: 75 });
  });

  it("keeps a running chat's inactivity pause at its snapshot", async () => {
    const s = await withAdmin();
    const running = await startSession(s, "chat");
    await s.admin.as.mutation(api.settings.update, { name: "chatInactivitySeconds", value: 30, reason: "Shorter idle window" });
    await elapse(s.t, 60_000, 5_000);
    expect(await sessionDoc(s.t, running)).toMatchObject({ status: "active", timings: { chatInactivitySeconds: 90 } });
    await elapse(s.t, 35_000, 5_000);
    expect(await sessionDoc(s.t, running)).toMatchObject({ status: "paused", pauseReason: "inactive", billedSeconds: 90 });
    await s.client.as.mutation(api.sessions.endSession, { sessionId: running });

    const next = await startSession(s, "chat");
    await elapse(s.t, 35_000, 5_000);
    expect(await sessionDoc(s.t, next)).toMatchObject({ status: "paused", pauseReason: "inactive", billedSeconds: 30, timings: { chatInactivitySeconds: 30 } });
  });

  it("writes the audit log with before, after and the reason", async () => {
    const s = await withAdmin();
    await s.admin.as.mutation(api.settings.update, { name: "platformTimeZone", value: " Europe/London ", reason: "Head office" });
    expect(await auditRows(s)).toEqual([
      expect.objectContaining({
        actorId: s.admin.userId,
        action: "settings.update",
        targetType: "setting",
        targetId: "platformTimeZone",
        before: { platformTimeZone: "UTC" },
        after: { platformTimeZone: "Europe/London" },
        reason: "Head office",
        at: T0,
      }),
    ]);
    const { page } = await s.admin.as.query(api.settings.history, { paginationOpts: { numItems: 10, cursor: null } });
    expect(page).toEqual([expect.objectContaining({ name: "platformTimeZone", label: "Platform time zone", before: "UTC", after: "Europe/London", reason: "Head office" })]);
  });

  it.each([
    { name: "feeBps", value: 6000, message: /Platform fee: must be from 0\.00% to 50\.00%/ },
    { name: "feeBps", value: 10.5, message: /Platform fee: give a whole number/ },
    { name: "feeBps", value: "10%", message: /Platform fee: give a whole number/ },
    { name: "topUpMin", value: 200_000, message: /Smallest top-up: must be from/ },
    { name: "topUpMax", value: 1000, message: /the smallest top-up \(\$5\.00\) must be at most the largest top-up \(\$10\.00\)|top-up button/ },
    { name: "sessionSecondWarningSeconds", value: 120, message: /must be less than the first balance warning/ },
    { name: "videoDisconnectSeconds", value: 8, message: /more than two heartbeats/ },
    { name: "platformTimeZone", value: "Mars/Olympus", message: /not an IANA time zone/ },
    { name: "platformTimeZone", value: "Asia/Kolkata", message: /whole hours/ },
    { name: "topUpPresets", value: [100], message: /outside the top-up range/ },
    { name: "documentAllowedExtensions", value: ["exe"], message: /choose from pdf/ },
    { name: "currency", value: "EUR", message: /cannot be changed/ },
  ])("refuses $name = $value naming the setting, and changes nothing", async ({ name, value, message }) => {
    const s = await withAdmin();
    const refused = s.admin.as.mutation(api.settings.update, { name, value, reason: "Trying a value" });
    await expect(refused).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT", field: name, message } });
    expect(await s.t.run((ctx) => getSettings(ctx))).toEqual(DEFAULT_SETTINGS);
    expect(await auditRows(s)).toEqual([]);
  });

  it("refuses an unknown setting and a missing reason", async () => {
    const s = await withAdmin();
    await expect(s.admin.as.mutation(api.settings.update, { name: "freeMoney", value: 1, reason: "x" })).rejects.toMatchObject({ data: { field: "name" } });
    await expect(s.admin.as.mutation(api.settings.update, { name: "feeBps", value: 1200, reason: "  " })).rejects.toMatchObject({ data: { field: "reason" } });
    expect(await s.t.run((ctx) => getSettings(ctx))).toEqual(DEFAULT_SETTINGS);
  });
});
