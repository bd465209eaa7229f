import { expect, test } from "../fixtures/test";
import { cents, fundedClient, onlineAdvisor, openAdvisorProfile, screenshots, threeContexts } from "../fixtures/sessions";
import type { Page } from "@playwright/test";
import { readFileSync } from "node:fs";

/** Starts a chat from the client's side and has the advisor accept it; returns the session id. */
async function startChat(client: Page, advisor: Page, advisorName: string, clientName: string) {
  await advisor.goto("/advisor");
  await openAdvisorProfile(client, advisorName);
  await client.getByRole("button", { name: "Start chat" }).click();
  await advisor.getByRole("button", { name: `Accept chat request from ${clientName}` }).click();
  await expect(client.getByTestId("session-status")).toHaveAttribute("data-status", "active");
  // At $6.00/min, 10 billed seconds are $1.00.
  await expect(client.getByTestId("timer-billed")).toHaveText(/^00:00:(1\d|[2-5]\d)$/, { timeout: 20_000 });
  return client.url().split("/").at(-1)!;
}

async function changeFee(admin: Page, percent: string, reason: string) {
  const row = admin.getByTestId("setting-feeBps");
  await row.getByRole("button", { name: "Change Platform fee" }).click();
  await row.getByLabel("New platform fee").fill(percent);
  await row.getByLabel("Reason").fill(reason);
  await row.getByRole("button", { name: "Save platform fee" }).click();
}

test("an admin sees GMV move live when a session ends elsewhere, changes the fee for the next session, and the audit log lists both", async ({ browser }) => {
  test.setTimeout(240_000);
  const { admin, advisor, client, close } = await threeContexts(browser);
  let feeChanged = false;
  try {
    const advisorAccount = await onlineAdvisor(admin, advisor, "6.00");
    const clientAccount = await fundedClient(client, "$25.00");

    // The dashboard is open while the session runs and ends in the client's context.
    await admin.goto("/admin");
    const gmv = admin.getByTestId("gmv-today");
    await expect(gmv).toHaveText(/^\$\d/);
    const gmvBefore = cents(await gmv.innerText());
    const sessionsBefore = Number(await admin.getByTestId("sessions-today").innerText());
    const first = await startChat(client, advisor, advisorAccount.name, clientAccount.name);
    await expect(admin.getByTestId("live-now")).not.toHaveText("0");
    await client.getByRole("button", { name: "End session" }).click();
    await client.getByRole("button", { name: "Yes, end it" }).click();
    await expect(client.getByTestId("session-status")).toHaveAttribute("data-status", "ended");
    await client.goto(`/session/${first}/receipt`);
    const firstCharge = cents(await client.getByTestId("receipt-charge").innerText());
    expect(firstCharge).toBeGreaterThanOrEqual(100);
    expect(cents(await client.getByTestId("receipt-fee").innerText())).toBe(Math.round(firstCharge / 10));
    // Live: no reload of the admin's page.
    await expect(gmv).toHaveText(`$${((gmvBefore + firstCharge) / 100).toFixed(2)}`);
    await expect(admin.getByTestId("sessions-today")).toHaveText(String(sessionsBefore + 1));
    await screenshots(admin, "admin-dashboard");

    // Settings: a bad fee is refused at its field and changes nothing; 25% is saved with a reason.
    await admin.goto("/admin/settings");
    const feeRow = admin.getByTestId("setting-feeBps");
    await expect(feeRow.getByTestId("setting-value")).toHaveText("10.00%");
    await changeFee(admin, "60", "Testing the bounds");
    await expect(feeRow.getByLabel("New platform fee")).toHaveAttribute("aria-invalid", "true");
    await expect(feeRow.getByText("Platform fee: must be from 0.00% to 50.00%; 60.00% is outside.")).toBeVisible();
    await expect(feeRow.getByTestId("setting-value")).toHaveText("10.00%");
    await feeRow.getByLabel("New platform fee").fill("25");
    await feeRow.getByRole("button", { name: "Save platform fee" }).click();
    feeChanged = true;
    await expect(feeRow.getByTestId("setting-value")).toHaveText("25.00%");
    await expect(admin.getByTestId("settings-history")).toContainText("changed Platform fee from 10.00% to 25.00%");
    await screenshots(admin, "admin-settings");

    // The next session: the admin ends it from the dashboard (audited); its receipt uses 25%.
    const second = await startChat(client, advisor, advisorAccount.name, clientAccount.name);
    await admin.goto("/admin");
    const row = admin.getByTestId("live-session").filter({ hasText: `${clientAccount.name} with ${advisorAccount.name}` });
    await row.getByRole("button", { name: /^End Chat:/ }).click();
    await row.getByLabel("Reason for ending").fill("Checking the new fee");
    await row.getByRole("button", { name: "End session" }).click();
    await expect(row).toHaveCount(0);
    await expect(client.getByTestId("session-status")).toHaveAttribute("data-status", "ended");
    await client.goto(`/session/${second}/receipt`);
    const secondCharge = cents(await client.getByTestId("receipt-charge").innerText());
    const secondFee = cents(await client.getByTestId("receipt-fee").innerText());
    expect(secondFee).toBe(Math.round(secondCharge / 4));
    expect(cents(await client.getByTestId("receipt-earning").innerText())).toBe(secondCharge - secondFee);
    await expect(admin.getByTestId("gmv-today")).toHaveText(`$${((gmvBefore + firstCharge + secondCharge) / 100).toFixed(2)}`);

    // The audit log lists both actions; the action filter narrows it to the fee change.
    await admin.goto("/admin/audit");
    const log = admin.getByTestId("audit-log");
    await expect(log.getByRole("row").filter({ hasText: "session.end" }).filter({ hasText: second })).toContainText("Checking the new fee");
    await expect(log.getByRole("row").filter({ hasText: "settings.update" }).first()).toContainText('{"feeBps":1000} → {"feeBps":2500}');
    await admin.getByLabel("Action").fill("settings.update");
    await admin.getByRole("button", { name: "Apply filters" }).click();
    await expect(log.getByRole("row").filter({ hasText: "session.end" })).toHaveCount(0);
    await expect(log.getByRole("row").filter({ hasText: "feeBps" }).first()).toContainText("Testing the bounds");
    await screenshots(admin, "admin-audit");
    // The filtered entries as CSV, fetched page by page in the browser.
    const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("button", { name: "Export these entries as CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^expertline-audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toBe("id,time,actor,action,target_type,target,before,after,reason");
    expect(csv).toContain('settings.update,setting,feeBps,"{""feeBps"":1000}","{""feeBps"":2500}",Testing the bounds');
    expect(csv).not.toContain("session.end");
    await expect(admin.getByText(/\d+ rows exported\./)).toBeVisible();

    // The client's user page, found by email: both sessions, their ledger entries.
    await admin.goto("/admin/users");
    await admin.getByLabel("Name or email").fill(clientAccount.email);
    await admin.getByRole("button", { name: "Search", exact: true }).click();
    await admin.getByTestId("user-search-results").getByRole("link", { name: new RegExp(clientAccount.name) }).click();
    await expect(admin.getByRole("heading", { level: 1, name: clientAccount.name })).toBeVisible();
    await expect(admin.getByTestId("user-sessions").getByRole("listitem")).toHaveCount(2);
    await expect(admin.getByRole("region", { name: "Ledger history" })).toContainText("+$25.00");
    await screenshots(admin, "admin-user");
  } finally {
    // Other specs expect the default 10% fee.
    if (feeChanged) {
      await admin.goto("/admin/settings");
      await changeFee(admin, "10", "Back to the default after the e2e check");
      await expect(admin.getByTestId("setting-feeBps").getByTestId("setting-value")).toHaveText("10.00%");
    }
    await close();
  }
});
