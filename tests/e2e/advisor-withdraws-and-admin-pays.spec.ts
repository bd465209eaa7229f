import { expect, test } from "../fixtures/test";
import { screenshots } from "../fixtures/sessions";
import { DEMO } from "../fixtures/accounts";
import { signInAs } from "../fixtures/auth";

/** The demo advisor whose seeded past session (convex/seed.ts) was settled and released: $27.00 available. */
const SAM = { name: "Sam Rivera" };

test("an advisor withdraws, an admin approves and marks it paid, and the advisor's figures move live", async ({ browser }) => {
  test.setTimeout(90_000);
  const advisorContext = await browser.newContext();
  const adminContext = await browser.newContext();
  try {
    const advisor = await advisorContext.newPage();
    await signInAs(advisor, SAM, "advisor");
    await advisor.goto("/advisor/earnings");
    await expect(advisor.getByTestId("figure-total")).toHaveText("$27.00");
    await expect(advisor.getByTestId("figure-available")).toHaveText("$27.00");
    await expect(advisor.getByTestId("figure-pending")).toHaveText("$0.00");
    await expect(advisor.getByTestId("figure-paid-out")).toHaveText("$0.00");
    await expect(advisor.getByTestId("figure-sessions")).toHaveText("1");
    await expect(advisor.getByTestId("figure-time")).toHaveText("25 min");
    // The chart's numbers are in its table too.
    await advisor.getByText("Show the figures as a table").click();
    await expect(advisor.getByTestId("earnings-chart-table")).toContainText("$27.00");
    await expect(advisor.getByTestId("history-row").first()).toContainText("Earning released");

    // Bank details: only the holder and the last 4 come back.
    await advisor.getByRole("button", { name: "Save bank details" }).click();
    await expect(advisor.getByLabel("Account holder")).toBeFocused();
    await advisor.getByLabel("Account holder").fill("Sam Rivera");
    await advisor.getByLabel("Account number or IBAN").fill("GB33 BUKB 2020 1555 5555 55");
    await advisor.getByRole("button", { name: "Save bank details" }).click();
    await expect(advisor.getByTestId("bank-masked")).toHaveText("Sam Rivera · account ending 5555");
    await expect(advisor.locator("body")).not.toContainText("BUKB");

    // Below the minimum is refused at the field; $20.00 is held out of available at once.
    const amount = advisor.getByLabel("Amount (USD)");
    await amount.fill("19.99");
    await advisor.getByRole("button", { name: "Request withdrawal" }).click();
    await expect(amount).toHaveAccessibleDescription(/The smallest withdrawal is \$20\.00\./);
    await expect(amount).toBeFocused();
    await amount.fill("20.00");
    await advisor.getByRole("button", { name: "Request withdrawal" }).click();
    await expect(advisor.getByTestId("my-withdrawal").first()).toContainText("Requested");
    await expect(advisor.getByTestId("figure-available")).toHaveText("$7.00");
    await expect(advisor.getByTestId("withdrawals")).toContainText("you can ask for another once it is paid or rejected");

    const admin = await adminContext.newPage();
    await signInAs(admin, DEMO.admin, "admin");
    await admin.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Withdrawals" }).click();
    const row = admin.getByTestId("queue-row").filter({ hasText: SAM.name });
    await expect(row).toContainText("$20.00");
    await expect(row).toContainText("account ending 5555");
    await screenshots(admin, "admin-withdrawals-queue");
    await row.getByRole("button", { name: "Approve" }).click();
    await expect(advisor.getByTestId("my-withdrawal").first()).toContainText("Approved");

    await admin.getByLabel("Status").selectOption({ label: "Approved" });
    await admin.getByTestId("queue-row").filter({ hasText: SAM.name }).getByRole("button", { name: "Mark paid" }).click();
    await admin.getByLabel("Status").selectOption({ label: "Paid" });
    await expect(admin.getByTestId("queue-row").filter({ hasText: SAM.name })).toContainText("Paid");

    // The advisor's page follows without a reload.
    await expect(advisor.getByTestId("my-withdrawal").first()).toContainText("Paid");
    await expect(advisor.getByTestId("figure-paid-out")).toHaveText("$20.00");
    await expect(advisor.getByTestId("figure-available")).toHaveText("$7.00");
    await expect(advisor.getByTestId("figure-total")).toHaveText("$27.00");
    await expect(advisor.getByTestId("history-row").first()).toContainText("Withdrawal paid to account ending 5555");
    await screenshots(advisor, "advisor-earnings");
  } finally {
    await advisorContext.close();
    await adminContext.close();
  }
});
