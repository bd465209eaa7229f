/** Test fixtures for bookings (two dots in the name: Convex never deploys this file). */
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { T0, runDue, setup } from "./sessions.fixtures";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** 2026-01-03T09:00Z: 57 hours after T0 (a Saturday). */
export const START = T0 + 57 * HOUR;

/**
 * An online advisor at 50¢/min chat and $1.00/min video, open every day
 * 00:00–24:00 UTC with no buffer, no notice and a cap of 8, and a client with
 * `balance` cents.
 */
export async function bookingWorld(opts: { balance?: number } = {}) {
  const s = await setup({ balance: opts.balance ?? 5000, chatRate: 50, videoRate: 100 });
  await s.t.run(async (ctx) => {
    const weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "24:00" }));
    await ctx.db.insert("availability", { advisorId: s.advisorId, timeZone: "UTC", weekly, bufferMinutes: 0, minNoticeHours: 0, dailyCap: 8, updatedAt: T0 });
  });
  const book = (args: { startsAt?: number; durationMinutes?: number; kind?: "chat" | "video" } = {}) =>
    s.client.as.mutation(api.bookings.book, {
      advisorId: s.advisorId,
      kind: args.kind ?? "chat",
      durationMinutes: args.durationMinutes ?? 30,
      startsAt: args.startsAt ?? START,
      clientTimeZone: "America/New_York",
    });
  const booking = async (id: Id<"bookings">) => (await s.t.run((ctx) => ctx.db.get(id)))!;
  const sendReminders = async () => await s.t.mutation(internal.bookings.sendReminders, {});
  return { ...s, book, booking, sendReminders, runDue: () => runDue(s.t) };
}

export type BookingWorld = Awaited<ReturnType<typeof bookingWorld>>;
