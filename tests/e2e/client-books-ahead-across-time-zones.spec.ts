import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { payWithTestCard, openAdvisorProfile, screenshots } from "../fixtures/sessions";
import { DEMO, NAV, freshAccount } from "../fixtures/accounts";
import { createAccount, mainNav, setRoleAsAdmin, signInAs } from "../fixtures/auth";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

async function setJoinEarly(admin: Page, minutes: string, reason: string) {
  await admin.goto("/admin/settings");
  const row = admin.getByTestId("setting-bookingJoinEarlyMinutes");
  await row.getByRole("button", { name: "Change Join opens early" }).click();
  await row.getByLabel("New join opens early").fill(minutes);
  await row.getByLabel("Reason").fill(reason);
  await row.getByRole("button", { name: "Save join opens early" }).click();
  await expect(row.getByTestId("setting-value")).toHaveText(`${minutes} min`);
}

/** "Sat, Dec 5, 09:00 PM–09:15 PM" (or 21:00–21:15) → minutes after midnight of its start. */
function startMinutes(text: string): number {
  const match = /(\d{1,2}):(\d{2})\s*(AM|PM)?\s*[–-]/.exec(text);
  if (match === null) throw new Error(`no time range in ${text}`);
  const hour = (Number(match[1]) % 12) + (match[3] === "PM" ? 12 : 0) + (match[3] === undefined && Number(match[1]) === 12 ? 12 : 0);
  return hour * 60 + Number(match[2]);
}

test("a client in New York books an advisor in Tokyo, both see it in their own time, the email has its calendar file, and both join the prepaid room", async ({ browser }) => {
  test.setTimeout(240_000);
  const adminContext = await browser.newContext();
  const advisorContext = await browser.newContext({ timezoneId: "Asia/Tokyo" });
  const clientContext = await browser.newContext({ timezoneId: "America/New_York" });
  const [admin, advisor, client] = await Promise.all([adminContext.newPage(), advisorContext.newPage(), clientContext.newPage()]);
  let joinEarlyChanged = false;
  try {
    // Join opens 30 minutes early (an admin setting within its bounds), so the booking made below for the second open
    // quarter hour, 15 to 30 minutes ahead, can be joined at once instead of the test waiting for the clock.
    await signInAs(admin, DEMO.admin, "admin");
    await setJoinEarly(admin, "30", "End-to-end check of joining a booking");
    joinEarlyChanged = true;

    const advisorAccount = freshAccount("Tokyo");
    await createAccount(advisor, advisorAccount);
    await setRoleAsAdmin(admin, advisorAccount, "advisor");
    await expect(mainNav(advisor)).toHaveText([...NAV.advisor]);
    await advisor.goto("/advisor/availability");
    await expect(advisor.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");
    for (const day of WEEKDAYS) {
      await advisor.getByRole("button", { name: `Add hours on ${day}` }).click();
      await advisor.getByLabel(`${day}, range 1 start`).selectOption("00:00");
      await advisor.getByLabel(`${day}, range 1 end`).selectOption("24:00");
    }
    await advisor.getByLabel("Minimum notice (hours)").fill("0");
    await advisor.getByLabel("Buffer between bookings (minutes)").fill("0");
    await advisor.getByRole("button", { name: "Save availability" }).click();
    await expect(advisor.getByText("Saved. Clients see your new times now.")).toBeVisible();

    const clientAccount = freshAccount("NewYork");
    await createAccount(client, clientAccount);
    await client.goto("/wallet");
    await client.getByRole("button", { name: "Add $25.00" }).click();
    await payWithTestCard(client, "$25.00");

    await openAdvisorProfile(client, advisorAccount.name);
    const panel = client.getByTestId("book-session");
    await panel.getByLabel("15 min").check();
    await expect(panel.getByTestId("slot-picker")).toContainText("America/New York");
    await panel.getByRole("group", { name: /^Open times on / }).getByRole("button").nth(1).click();
    const summary = panel.getByTestId("booking-summary");
    await expect(summary).toContainText("Cancel or move it free until 24 hours before the start");
    await expect(summary).toContainText("Join from 30 minutes before the start");
    await screenshots(client, "booking-confirm");
    await summary.getByRole("button", { name: /^Book for \$/ }).click();
    await expect(client.getByTestId("booking-confirmed")).toBeVisible();

    // The advisor's bell shows the confirmation live, and both sides see the same booking in their own zone: 14 hours apart in December.
    await expect(advisor.getByTestId("notification-bell")).toHaveAccessibleName(/Notifications, \d+ unread/);
    await client.goto("/bookings");
    const clientRow = client.getByTestId("booking-row").first();
    await expect(clientRow).toContainText(`15-min chat with ${advisorAccount.name}`);
    await advisor.goto("/advisor/bookings");
    const advisorRow = advisor.getByTestId("booking-row").first();
    await expect(advisorRow).toContainText(clientAccount.name);
    const newYork = startMinutes((await clientRow.getByTestId("booking-time").textContent()) ?? "");
    const tokyo = startMinutes((await advisorRow.getByTestId("booking-time").textContent()) ?? "");
    expect((tokyo - newYork + 24 * 60) % (24 * 60)).toBe(14 * 60);
    await screenshots(client, "client-bookings");
    await screenshots(advisor, "advisor-bookings");

    // The admin's mailbox holds the confirmation email with its calendar file.
    await admin.goto("/admin/mailbox");
    const email = admin.getByTestId("mailbox-row").filter({ hasText: `Booked: 15-minute chat session with ${advisorAccount.name}` });
    await expect(email).toContainText("with calendar file");
    await email.getByRole("link").click();
    await expect(admin.getByTestId("email-subject")).toContainText("Booked: 15-minute chat session");
    await expect(admin.getByRole("link", { name: /booking\.ics/ })).toBeVisible();
    await screenshots(admin, "mailbox-booking-email");

    // Both join the prepaid room; the booked time counts down and nothing bills per second.
    await clientRow.getByRole("button", { name: "Join" }).click();
    await expect(client).toHaveURL(/\/session\/[^/]+$/);
    await expect(client.getByTestId("booked-time")).toContainText("Booked time left");
    await advisorRow.getByRole("button", { name: "Join" }).click();
    await expect(advisor).toHaveURL(client.url());
    await client.getByLabel("Message").fill("Hello from New York");
    await client.getByRole("button", { name: "Send" }).click();
    await expect(advisor.getByText("Hello from New York")).toBeVisible();
    await screenshots(client, "booked-room");

    await client.getByRole("button", { name: "End session" }).click();
    await client.getByRole("button", { name: "Yes, end it" }).click();
    await client.getByRole("link", { name: "View receipt" }).click();
    await expect(client.getByTestId("receipt-booking-charge")).toHaveText(/^\$\d+\.\d{2}$/);
    await expect(client.getByTestId("receipt-charge")).toHaveText("$0.00");
    await screenshots(client, "booked-receipt");

    // The admin's page of the advisor lists the booking, completed, with its charge.
    await admin.goto("/admin/users");
    await admin.getByLabel("Name or email").fill(advisorAccount.email);
    await admin.getByRole("button", { name: "Search", exact: true }).click();
    await admin.getByTestId("user-search-results").getByRole("link", { name: new RegExp(advisorAccount.name) }).click();
    await expect(admin.getByTestId("user-bookings")).toContainText(`15-min chat as advisor with ${clientAccount.name}`);
    await expect(admin.getByTestId("user-bookings")).toContainText(/Completed · \$\d+\.\d{2} charged/);
    await screenshots(admin, "admin-user-bookings");
  } finally {
    if (joinEarlyChanged) await setJoinEarly(admin, "5", "Back to the default after the e2e check");
    await Promise.all([adminContext.close(), advisorContext.close(), clientContext.close()]);
  }
});
