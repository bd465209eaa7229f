/**
 * Demo data for a fresh local backend (`npm run dev` runs `seed:init` when the
 * data directory is empty). Accounts are local sign-in accounts; with Clerk,
 * make admins through ADMIN_EMAILS instead.
 */
import { v } from "convex/values";
import { config } from "../lib/config";
import { localSubjectFor, tokenIdentifierFor } from "../lib/auth/subject";
import { internalMutation } from "./functions";
import type { MutationCtx } from "./_generated/server";
import * as Advisors from "./model/advisors";
import * as Availability from "./model/availability";
import * as Bookings from "./model/bookings";
import * as Specialties from "./model/specialties";
import { DEFAULT_SPECIALTIES } from "../lib/advisors/discovery";
import { writeProfile } from "./model/advisorListings";
import * as Earnings from "./model/earnings";
import * as Payments from "./model/payments";
import * as Chat from "./model/sessionsChat";
import * as Lifecycle from "./model/sessionsLifecycle";
import type { Role } from "./validators";
import { isoFromDay, localDayOf } from "../lib/bookings/zonedTime";

type DemoAdvisor = Advisors.ProfileFields & { isOnline: boolean; ratingTotal: number; ratingCount: number };

type DemoAccount = { name: string; email: string; role: Role; advisor?: DemoAdvisor; walletCents?: number };

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { name: "Ada Admin", email: "admin@example.com", role: "admin" },
  {
    name: "Maya Chen",
    email: "maya@example.com",
    role: "advisor",
    advisor: {
      headline: "Career coach for engineers stepping into leadership",
      bio: "Ten years leading engineering teams. I help you prepare for promotions, interviews and difficult conversations.",
      specialties: ["Career coaching", "Leadership", "Interviews"],
      languages: ["English", "Mandarin"],
      chatPricePerMinute: 150,
      videoPricePerMinute: 250,
      isOnline: true,
      ratingTotal: 120,
      ratingCount: 25,
    },
  },
  {
    name: "Omar Haddad",
    email: "omar@example.com",
    role: "advisor",
    advisor: {
      headline: "Chartered accountant: small-business tax and bookkeeping",
      bio: "I answer tax, VAT and bookkeeping questions for freelancers and small companies in plain words.",
      specialties: ["Tax", "Small business", "Bookkeeping"],
      languages: ["English", "Arabic", "French"],
      chatPricePerMinute: 300,
      videoPricePerMinute: 450,
      isOnline: true,
      ratingTotal: 87,
      ratingCount: 19,
    },
  },
  {
    name: "Lena Park",
    email: "lena@example.com",
    role: "advisor",
    advisor: {
      headline: "Licensed counsellor for relationships and stress",
      bio: "A calm space to talk through relationships, burnout and big life decisions.",
      specialties: ["Relationships", "Stress", "Wellbeing"],
      languages: ["English", "Korean"],
      chatPricePerMinute: 199,
      videoPricePerMinute: 349,
      isOnline: false,
      ratingTotal: 98,
      ratingCount: 20,
    },
  },
  {
    name: "Sam Rivera",
    email: "sam@example.com",
    role: "advisor",
    advisor: {
      headline: "Full-stack developer: code reviews, architecture, debugging",
      bio: "Stuck on a bug or a design decision? Share your screen and we'll work through it together.",
      specialties: ["Software", "Architecture", "Debugging"],
      languages: ["English", "Spanish"],
      chatPricePerMinute: 120,
      videoPricePerMinute: 200,
      isOnline: false,
      ratingTotal: 0,
      ratingCount: 0,
    },
  },
  { name: "Chris Client", email: "chris@example.com", role: "client", walletCents: 5000 },
  { name: "Dana Diaz", email: "dana@example.com", role: "client", walletCents: 2000 },
];

/**
 * Twenty more advisors, so discovery's filters and sorts mean something on a
 * fresh backend: varied specialties, languages, prices, ratings and online
 * status. They sign in like any local account.
 */
const CATALOG: [name: string, headline: string, specialties: string[], languages: string[], chatCents: number, online: boolean, ratingTenths: number, reviews: number][] = [
  ["Priya Nair", "Product marketing for early-stage startups", ["Marketing", "Startups"], ["English", "Hindi"], 180, true, 48, 41],
  ["Jonas Weber", "German immigration and work visas, explained", ["Immigration", "Law"], ["German", "English"], 260, false, 46, 33],
  ["Sofia Rossi", "Nutrition plans that fit a busy week", ["Nutrition", "Wellbeing"], ["Italian", "English"], 90, true, 44, 12],
  ["Mateo García", "Strength training and injury-free running", ["Fitness", "Nutrition"], ["Spanish", "English"], 75, false, 47, 58],
  ["Aiko Tanaka", "UX and product design critiques", ["Design", "Software"], ["Japanese", "English"], 210, false, 49, 27],
  ["Lucas Martin", "French tenancy and buying property in France", ["Real estate", "Law"], ["French", "English"], 240, false, 42, 9],
  ["Fatima Zahra", "Parenting toddlers and teens without shouting", ["Parenting", "Relationships"], ["Arabic", "French", "English"], 110, true, 45, 64],
  ["Noah Kim", "Index investing and your first portfolio", ["Investing", "Tax"], ["Korean", "English"], 300, false, 41, 18],
  ["Ana Souza", "Portuguese lessons and Brazilian business culture", ["Languages", "Small business"], ["Portuguese", "Spanish", "English"], 60, true, 50, 7],
  ["Piotr Nowak", "Backend architecture and database performance", ["Architecture", "Software", "Debugging"], ["Polish", "English"], 320, false, 46, 22],
  ["Emma de Vries", "Writing coach for theses and long reports", ["Writing", "Career coaching"], ["Dutch", "English", "German"], 95, false, 43, 15],
  ["Ravi Patel", "Bookkeeping and VAT for online shops", ["Bookkeeping", "Tax", "Small business"], ["Hindi", "English"], 150, false, 0, 0],
  ["Wei Zhang", "Negotiating offers and salaries in tech", ["Interviews", "Career coaching"], ["Mandarin", "English"], 200, false, 48, 36],
  ["Chloé Dubois", "Burnout recovery and healthier work habits", ["Stress", "Wellbeing"], ["French", "English"], 140, false, 47, 44],
  ["Diego Torres", "Pitch decks and fundraising for seed rounds", ["Startups", "Investing"], ["Spanish", "English"], 450, false, 39, 11],
  ["Hana Sato", "Brand identity and logo feedback", ["Design", "Marketing"], ["Japanese", "English"], 130, false, 0, 0],
  ["Oliver Smith", "Leading remote teams through change", ["Leadership", "Career coaching"], ["English"], 275, false, 45, 29],
  ["Isabel Costa", "Buying your first home: mortgages and offers", ["Real estate", "Investing"], ["Portuguese", "English"], 190, false, 44, 16],
  ["Yusuf Demir", "Debugging mobile apps and crashes", ["Debugging", "Software"], ["English", "German"], 160, true, 42, 8],
  ["Grace Liu", "Couples communication and conflict", ["Relationships", "Stress"], ["Mandarin", "English"], 220, false, 49, 52],
];

function catalogAccount([name, headline, specialties, languages, chatCents, online, ratingTenths, reviews]: (typeof CATALOG)[number]): DemoAccount {
  const email = `${name.toLowerCase().normalize("NFD").replace(/[^a-z ]/g, "").replace(/ /g, ".")}@example.com`;
  const advisor: DemoAdvisor = {
    headline,
    bio: `${headline}. Ask me anything in ${languages.join(" or ")}.`,
    specialties,
    languages,
    chatPricePerMinute: chatCents,
    videoPricePerMinute: Math.round(chatCents * 1.6),
    isOnline: online,
    ratingTotal: Math.round((ratingTenths * reviews) / 10),
    ratingCount: reviews,
  };
  return { name, email, role: "advisor", advisor };
}

/** A star histogram that adds up to the demo totals: the ratings split between the two star values around the average. */
function starCountsFor(total: number, count: number): number[] {
  const counts = [0, 0, 0, 0, 0];
  if (count === 0) return counts;
  const base = Math.min(5, Math.max(1, Math.floor(total / count)));
  const higher = base === 5 ? 0 : total - base * count;
  counts[base - 1] = count - higher;
  if (higher > 0) counts[base] = higher;
  return counts;
}

async function createDemoAccounts(ctx: MutationCtx) {
  for (const name of DEFAULT_SPECIALTIES) await Specialties.add(ctx, { name, now: Date.now() });
  const issuer = config.localAuth.issuer;
  for (const account of [...DEMO_ACCOUNTS, ...CATALOG.map(catalogAccount)]) {
    const userId = await ctx.db.insert("users", {
      tokenIdentifier: tokenIdentifierFor(issuer, localSubjectFor(account.email)),
      name: account.name,
      email: account.email,
      role: account.role,
    });
    if (account.advisor !== undefined) {
      const { isOnline, ratingTotal, ratingCount, ...fields } = account.advisor;
      const advisorId = await Advisors.activateProfile(ctx, userId, fields);
      await writeProfile(ctx, advisorId, { isOnline, ratingTotal, ratingCount, starCounts: starCountsFor(ratingTotal, ratingCount) });
    }
    if (account.walletCents !== undefined) {
      await Payments.grantDemoTopUp(ctx, { userId, amount: account.walletCents, n: 1, now: Date.now() });
    }
  }
}

const weekdays = (days: number[], ...ranges: [string, string][]) => days.flatMap((weekday) => ranges.map(([start, end]) => ({ weekday, start, end })));

/** Weekly hours in three zones, so the advisors' pages and the slot picker show open times on a fresh backend. */
const DEMO_HOURS: { email: string; timeZone: string; weekly: ReturnType<typeof weekdays>; dayOffInDays?: number }[] = [
  { email: "maya@example.com", timeZone: "Europe/London", weekly: weekdays([1, 2, 3, 4, 5], ["09:00", "12:00"], ["13:00", "17:30"]), dayOffInDays: 3 },
  { email: "omar@example.com", timeZone: "America/New_York", weekly: [...weekdays([1, 2, 3, 4], ["08:00", "12:00"]), ...weekdays([6], ["10:00", "14:00"])] },
  { email: "lena@example.com", timeZone: "Asia/Tokyo", weekly: weekdays([2, 3, 4, 5, 6], ["10:00", "18:00"]) },
  { email: "sam@example.com", timeZone: "America/Los_Angeles", weekly: weekdays([1, 2, 3, 4, 5, 6, 7], ["07:00", "09:00"], ["18:00", "22:00"]) },
];

async function createDemoAvailability(ctx: MutationCtx, now: number) {
  for (const hours of DEMO_HOURS) {
    const user = await ctx.db.query("users").withIndex("by_email", (q) => q.eq("email", hours.email)).unique();
    const advisor = user && (await Advisors.findProfile(ctx, user._id));
    if (advisor === null) continue;
    const dayOff = hours.dayOffInDays === undefined ? [] : [{ date: isoFromDay(localDayOf(hours.timeZone, now) + hours.dayOffInDays), ranges: [] }];
    await Availability.save(ctx, advisor._id, { timeZone: hours.timeZone, weekly: hours.weekly, exceptions: dayOff, bufferMinutes: 10, minNoticeHours: 4, dailyCap: 8 }, now);
  }
}

const MINUTE = 60_000;

/**
 * An earnings history for Sam, made by the real session code: three days ago
 * a client chatted with him for 25 minutes at $1.20/min (a message a minute),
 * the session was settled ($30.00 charge, $3.00 fee, $27.00 earning) and its
 * earning released after the pending hours, so his earnings page has figures
 * and $27.00 he can withdraw. The client is not a sign-in demo account.
 */
async function createPastSession(ctx: MutationCtx, now: number) {
  const sam = await ctx.db.query("users").withIndex("by_email", (q) => q.eq("email", "sam@example.com")).unique();
  const advisor = sam && (await ctx.db.query("advisors").withIndex("by_userId", (q) => q.eq("userId", sam._id)).unique());
  if (sam === null || advisor === null) return;
  const start = now - 3 * 24 * 60 * MINUTE;
  const email = "pat.past@example.com";
  const clientId = await ctx.db.insert("users", { tokenIdentifier: tokenIdentifierFor(config.localAuth.issuer, localSubjectFor(email)), name: "Pat Past", email, role: "client" });
  await Payments.grantDemoTopUp(ctx, { userId: clientId, amount: 5000, n: 1, now: start - MINUTE });
  await writeProfile(ctx, advisor._id, { isOnline: true });
  const sessionId = await Lifecycle.request(ctx, { client: (await ctx.db.get(clientId))!, advisorId: advisor._id, kind: "chat", now: start });
  await Lifecycle.accept(ctx, (await ctx.db.get(sessionId))!, { role: "advisor", id: sam._id }, start);
  for (let minute = 1; minute <= 25; minute++) {
    await Chat.send(ctx, (await ctx.db.get(sessionId))!, { role: "client", id: clientId }, `Question ${minute}`, start + minute * MINUTE);
  }
  await Lifecycle.end(ctx, (await ctx.db.get(sessionId))!, "client_ended", { role: "client", id: clientId }, start + 25 * MINUTE);
  await Earnings.release(ctx, (await ctx.db.get(sessionId))!, now);
  await writeProfile(ctx, advisor._id, { isOnline: false });
}

/**
 * An upcoming booking for Chris with Maya, made by the real booking code at
 * Maya's first open quarter hour at least a day and a half ahead (so it can
 * still be moved or cancelled free): both see it on their bookings pages.
 */
async function createDemoBooking(ctx: MutationCtx, now: number) {
  const chris = await ctx.db.query("users").withIndex("by_email", (q) => q.eq("email", "chris@example.com")).unique();
  const maya = await ctx.db.query("users").withIndex("by_email", (q) => q.eq("email", "maya@example.com")).unique();
  const advisor = maya && (await Advisors.findProfile(ctx, maya._id));
  if (chris === null || advisor === null) return;
  const from = now + 36 * 60 * MINUTE;
  const [startsAt] = await Availability.slotsFor(ctx, advisor._id, { durationMinutes: 15, from, to: from + 7 * 24 * 60 * MINUTE }, now);
  if (startsAt === undefined) return;
  await Bookings.book(ctx, { client: chris, advisorId: advisor._id, kind: "video", durationMinutes: 15, startsAt, clientTimeZone: "Europe/Berlin", note: "Preparing for a team-lead interview.", now });
}

/** Loads the demo accounts into an empty deployment; does nothing when users exist. */
export const init = internalMutation({
  args: {},
  returns: v.object({
    created: v.boolean(),
    accounts: v.array(v.object({ name: v.string(), email: v.string(), role: v.string() })),
  }),
  handler: async (ctx) => {
    const accounts = DEMO_ACCOUNTS.map(({ name, email, role }) => ({ name, email, role }));
    if ((await ctx.db.query("users").first()) !== null) return { created: false, accounts };
    await createDemoAccounts(ctx);
    await createPastSession(ctx, Date.now());
    await createDemoAvailability(ctx, Date.now());
    await createDemoBooking(ctx, Date.now());
    return { created: true, accounts };
  },
});
