import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

crons.interval("billing clock watchdog", { minutes: 1 }, internal.clock.watchdog, {});
crons.interval("booking reminders", { minutes: 1 }, internal.bookings.sendReminders, {});
crons.interval("email outbox retries", { minutes: 1 }, internal.emailDelivery.sweep, {});

export default crons;
