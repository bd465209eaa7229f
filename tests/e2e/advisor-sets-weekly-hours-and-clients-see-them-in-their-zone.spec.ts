import { expect, test } from "../fixtures/test";
import { openAdvisorProfile, screenshots } from "../fixtures/sessions";
import { DEMO, NAV, freshAccount } from "../fixtures/accounts";
import { createAccount, mainNav, setRoleAsAdmin, signInAs } from "../fixtures/auth";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

test("an advisor in Tokyo sets weekly hours, sees the open times, and a New York visitor sees them in their own zone", async ({ browser }) => {
  test.setTimeout(120_000);
  const adminContext = await browser.newContext();
  const advisorContext = await browser.newContext({ timezoneId: "Asia/Tokyo" });
  const visitorContext = await browser.newContext({ timezoneId: "America/New_York" });
  try {
    const [admin, advisor, visitor] = await Promise.all([adminContext.newPage(), advisorContext.newPage(), visitorContext.newPage()]);
    const account = freshAccount("Hours");
    await createAccount(advisor, account);
    await signInAs(admin, DEMO.admin, "admin");
    await setRoleAsAdmin(admin, account, "advisor");
    await expect(mainNav(advisor)).toHaveText([...NAV.advisor]);

    await mainNav(advisor).filter({ hasText: "Availability" }).click();
    await expect(advisor.getByRole("heading", { name: "Availability", level: 1 })).toBeVisible();
    await expect(advisor.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");
    const preview = advisor.getByTestId("slots-preview");
    await expect(preview).toContainText("No open times in the next 14 days.");

    for (const day of WEEKDAYS) await advisor.getByRole("button", { name: `Add hours on ${day}` }).click();
    await expect(advisor.getByLabel("Monday, range 1 start")).toHaveValue("09:00");
    await advisor.getByLabel("Monday, range 1 end").selectOption("12:00");
    await advisor.getByRole("button", { name: "Add hours on Monday" }).click();
    await expect(advisor.getByLabel("Monday, range 2 start")).toHaveValue("13:00");

    const buffer = advisor.getByLabel("Buffer between bookings (minutes)");
    await buffer.fill("500");
    await advisor.getByRole("button", { name: "Save availability" }).click();
    await expect(buffer).toHaveAccessibleDescription(/The buffer must be a whole number of minutes from 0 to 120\./);
    await expect(buffer).toBeFocused();
    await buffer.fill("15");

    await advisor.getByRole("button", { name: "Add a date" }).click();
    await advisor.getByRole("button", { name: "Save availability" }).click();
    await expect(advisor.getByText("Saved. Clients see your new times now.")).toBeVisible();
    await expect(preview).toContainText(/\d+ open from \d\d:\d\d( [AP]M)? to \d\d:\d\d/);
    await expect(preview).toContainText("Asia/Tokyo");
    await screenshots(advisor, "advisor-availability");

    // 09:00–17:00 in Tokyo is 19:00–03:00 in New York (20:00–04:00 in its summer): the evening and the small hours after midnight.
    await openAdvisorProfile(visitor, account.name);
    const section = visitor.getByTestId("advisor-availability");
    await expect(section).toContainText("America/New York");
    await expect(section).toContainText(/(19|20):00–24:00/);
    await expect(section).toContainText(/00:00–0[34]:00/);
    await expect(section).toContainText(/Next open time: /);
    await screenshots(visitor, "advisor-page-availability");
  } finally {
    await Promise.all([adminContext.close(), advisorContext.close(), visitorContext.close()]);
  }
});
