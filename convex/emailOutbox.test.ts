import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { startTestSmtp, type TestSmtp } from "./emailOutbox.testkit";
import { notify, type NotifyArgs } from "./model/notifications";
import { T0, useFakeClock } from "./sessions.fixtures";
import { makeUser, newTest, type TestConvex } from "./test.factories";

let smtp: TestSmtp | null = null;
beforeEach(() => {
  useFakeClock();
  vi.stubEnv("APP_URL", "https://app.expertline.test");
});
afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  await smtp?.close();
  smtp = null;
});

const BOOKING = { uid: "booking-42@expertline", start: T0 + 86_400_000, end: T0 + 86_400_000 + 1_800_000, title: "Chat with Maya", description: "30 minutes", url: "https://app.expertline.test/bookings/42", sequence: 0 };

function withdrawalPaid(userId: Id<"users">, extra: Partial<NotifyArgs> = {}): NotifyArgs {
  return { userId, kind: "withdrawal_updated", title: "Withdrawal of $20.00 paid", body: "Sent to <b>the account</b> ending 5555.", href: "/advisor/earnings", now: Date.now(), ...extra };
}

const outbox = (t: TestConvex) => t.run((ctx) => ctx.db.query("emailOutbox").collect());

/**
 * For the SMTP tests: fake timers that also move with real time, so the
 * sockets' own short timers (smtp-server's greeting, nodemailer's) fire, while
 * the minutes of retry delay pass only when advanced.
 */
function useFakeClockWithSockets() {
  vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"], shouldAdvanceTime: true });
  vi.setSystemTime(T0);
}

/** Seconds until `at` (the SMTP tests' clock moves on by milliseconds of real time). */
const waitLeft = (at: number) => (at - Date.now()) / 1000;

/** Runs the delivery actions due now (the scheduler's timers are fake). */
async function deliverDue(t: TestConvex, afterMs = 0) {
  vi.advanceTimersByTime(afterMs);
  await t.finishInProgressScheduledFunctions();
}

describe("email outbox", () => {
  it("queues an email with the notification and delivers it into the local mailbox without a transport", async () => {
    const t = newTest();
    const advisor = await makeUser(t, "advisor", "maya@example.com");
    await t.run((ctx) => notify(ctx, withdrawalPaid(advisor.userId)));
    const [queued] = await outbox(t);
    expect(queued).toMatchObject({ to: "maya@example.com", status: "queued", attempts: 0, subject: "Withdrawal of $20.00 paid · ExpertLine" });
    expect(queued.html).toContain("Sent to &lt;b&gt;the account&lt;/b&gt; ending 5555.");
    expect(queued.html).toContain('href="https://app.expertline.test/advisor/earnings"');
    await deliverDue(t);
    expect((await outbox(t))[0]).toMatchObject({ status: "sent", transport: "local", attempts: 1, sentAt: T0 });
  });

  it("is empty after a rolled-back mutation: a mutation that notifies, then throws, leaves no email and no notification", async () => {
    const t = newTest();
    const advisor = await makeUser(t, "advisor");
    await expect(
      t.run(async (ctx) => {
        await notify(ctx, withdrawalPaid(advisor.userId));
        throw new Error("the event failed after notifying");
      }),
    ).rejects.toThrow("the event failed after notifying");
    expect(await outbox(t)).toEqual([]);
    expect(await t.run((ctx) => ctx.db.query("notifications").collect())).toEqual([]);
  });

  it("sends through a real SMTP server when MAIL_TRANSPORT_URL is set, with the booking's .ics, exactly once", async () => {
    useFakeClockWithSockets();
    smtp = await startTestSmtp();
    vi.stubEnv("MAIL_TRANSPORT_URL", smtp.url);
    const t = newTest();
    const client = await makeUser(t, "client", "jonas@example.com");
    await t.run((ctx) => notify(ctx, { userId: client.userId, kind: "booking_confirmed", title: "Booking confirmed", body: "Chat with Maya", href: "/bookings", calendarEvent: BOOKING, now: Date.now() }));
    await deliverDue(t);
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.subject).toBe("Booking confirmed · ExpertLine");
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("jonas@example.com");
    expect(mail.text).toContain("See the booking: https://app.expertline.test/bookings");
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([["booking.ics", "text/calendar"]]);
    const ics = mail.attachments[0].content.toString("utf8");
    expect(ics).toContain("UID:booking-42@expertline");
    expect(ics).toContain("DTSTART:20260102T000000Z");
    const [sent] = await outbox(t);
    expect(sent).toMatchObject({ status: "sent", transport: "smtp", attempts: 1 });
    await t.action(internal.emailSend.deliver, { id: sent._id });
    await t.mutation(internal.emailDelivery.sweep, {});
    expect(smtp.received).toHaveLength(1);
  });

  it("retries a refused message with exponential backoff, then keeps it dead with the last error until an admin retries it (audited)", async () => {
    useFakeClockWithSockets();
    smtp = await startTestSmtp({ refuse: "Mailbox unavailable" });
    vi.stubEnv("MAIL_TRANSPORT_URL", smtp.url);
    const t = newTest();
    const advisor = await makeUser(t, "advisor");
    await t.run((ctx) => notify(ctx, withdrawalPaid(advisor.userId)));
    await deliverDue(t);
    let [message] = await outbox(t);
    expect(message).toMatchObject({ status: "queued", attempts: 1 });
    expect(waitLeft(message.nextAttemptAt)).toBeCloseTo(60, 0);
    expect(message.lastError).toMatch(/Mailbox unavailable/);
    // Not due yet: neither the action nor the sweep tries again before the delay.
    await t.action(internal.emailSend.deliver, { id: message._id });
    expect((await outbox(t))[0].attempts).toBe(1);
    for (const [delay, attempts] of [[60_000, 2], [120_000, 3], [240_000, 4]] as const) {
      await deliverDue(t, delay);
      [message] = await outbox(t);
      expect(message).toMatchObject({ status: "queued", attempts });
      expect(waitLeft(message.nextAttemptAt)).toBeCloseTo((delay * 2) / 1000, 0);
    }
    await deliverDue(t, 480_000);
    [message] = await outbox(t);
    expect(message).toMatchObject({ status: "dead", attempts: 5 });
    expect(message.lastError).toMatch(/Mailbox unavailable/);
    await deliverDue(t, 3_600_000);
    expect((await outbox(t))[0].attempts).toBe(5);

    const admin = await makeUser(t, "admin");
    await expect(advisor.as.mutation(api.mailbox.retry, { id: message._id })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    vi.stubEnv("MAIL_TRANSPORT_URL", "");
    await admin.as.mutation(api.mailbox.retry, { id: message._id });
    await deliverDue(t);
    expect((await outbox(t))[0]).toMatchObject({ status: "sent", attempts: 1, transport: "local" });
    const audit = await t.run((ctx) => ctx.db.query("auditLog").withIndex("by_targetId", (q) => q.eq("targetId", message._id)).collect());
    expect(audit).toMatchObject([{ action: "email.retry", actorId: admin.userId, before: { status: "dead", attempts: 5 } }]);
    await expect(admin.as.mutation(api.mailbox.retry, { id: message._id })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
  });

  it("lists the kinds of the user's role and follows each choice: email off sends none, in-app off shows none", async () => {
    const t = newTest();
    const advisor = await makeUser(t, "advisor");
    expect((await advisor.as.query(api.notifications.preferences, {})).find((p) => p.kind === "withdrawal_updated")).toEqual({ kind: "withdrawal_updated", inApp: true, email: true });
    expect((await advisor.as.query(api.notifications.preferences, {})).find((p) => p.kind === "session_requested")).toMatchObject({ email: false });
    const client = await makeUser(t, "client");
    const clientKinds = (await client.as.query(api.notifications.preferences, {})).map((p) => p.kind);
    expect(clientKinds).toContain("advisor_online");
    expect(clientKinds).not.toContain("withdrawal_updated");
    await advisor.as.mutation(api.notifications.setPreference, { kind: "withdrawal_updated", channel: "email", on: false });
    await t.run((ctx) => notify(ctx, withdrawalPaid(advisor.userId)));
    expect(await outbox(t)).toEqual([]);
    expect(await advisor.as.query(api.notifications.unreadCount, {})).toBe(1);
    await advisor.as.mutation(api.notifications.setPreference, { kind: "withdrawal_updated", channel: "inApp", on: false });
    await advisor.as.mutation(api.notifications.setPreference, { kind: "withdrawal_updated", channel: "email", on: true });
    await t.run((ctx) => notify(ctx, withdrawalPaid(advisor.userId)));
    expect(await advisor.as.query(api.notifications.unreadCount, {})).toBe(1);
    expect(await outbox(t)).toHaveLength(1);
    await expect(t.mutation(api.notifications.setPreference, { kind: "withdrawal_updated", channel: "email", on: false })).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
  });

  it("lets only admins read the mailbox, newest first, with the rendered email and its attachment", async () => {
    const t = newTest();
    const admin = await makeUser(t, "admin");
    const client = await makeUser(t, "client");
    await t.run((ctx) => notify(ctx, { userId: client.userId, kind: "booking_confirmed", title: "First", body: "b", calendarEvent: BOOKING, now: Date.now() }));
    vi.setSystemTime(T0 + 1000);
    await t.run((ctx) => notify(ctx, { userId: client.userId, kind: "booking_changed", title: "Second", body: "b", now: Date.now() }));
    const page = await admin.as.query(api.mailbox.list, { paginationOpts: { numItems: 10, cursor: null } });
    expect(page.page.map((m) => [m.subject, m.attachmentCount])).toEqual([["Second · ExpertLine", 0], ["First · ExpertLine", 1]]);
    const opened = await admin.as.query(api.mailbox.get, { id: page.page[1]._id });
    expect(opened?.attachments[0].content).toContain("BEGIN:VCALENDAR");
    expect(opened?.text).toContain("First");
    await expect(client.as.query(api.mailbox.list, { paginationOpts: { numItems: 10, cursor: null } })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    await expect(admin.as.query(api.mailbox.list, { paginationOpts: { numItems: 51, cursor: null } })).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT" } });
  });
});
