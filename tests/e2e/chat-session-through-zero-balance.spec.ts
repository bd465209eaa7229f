import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { cents, fundedClient, onlineAdvisor, openAdvisorProfile, payWithTestCard, screenshots, seconds, threeContexts } from "../fixtures/sessions";

/**
 * $10.00 at $3.33/min buys exactly 180 s (floor(333 × 180 / 60) = 999¢), the
 * least a session may start with (3 minutes). The real clock ticks every
 * second, so the 2-minute warning comes at 1:00 billed, the 1-minute at 2:00
 * and the zero-balance pause at 3:00. Messages every minute keep the chat
 * from pausing for inactivity (90 s).
 */
const RATE = "3.33";
const RATE_CENTS = 333;
const WARNING_WAIT = { timeout: 80_000 };

async function say(page: Page, text: string) {
  await page.getByRole("textbox", { name: "Message", exact: true }).fill(text);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("own-message").filter({ hasText: text })).toBeVisible();
}

async function expectStatus(page: Page, status: string, reason?: string) {
  const banner = page.getByTestId("session-status");
  await expect(banner).toHaveAttribute("data-status", status, WARNING_WAIT);
  if (reason !== undefined) await expect(banner).toHaveAttribute("data-reason", reason);
}

test("a chat runs to zero balance, is topped up in the room, resumes, ends, and the receipt equals the ledger", async ({ browser }) => {
  test.setTimeout(360_000);
  const { admin, advisor, client, close } = await threeContexts(browser);
  try {
    const advisorAccount = await onlineAdvisor(admin, advisor, RATE);
    const clientAccount = await fundedClient(client, "$10.00");

    // Request → the advisor sees it live with a badge → accept → both in the room.
    await openAdvisorProfile(client, advisorAccount.name);
    await client.getByRole("button", { name: "Start chat" }).click();
    await expect(client).toHaveURL(/\/session\/[^/]+$/);
    await expect(client.getByTestId("request-waiting")).toHaveText(`Waiting for ${advisorAccount.name} to accept…`);
    await expect(client.getByRole("button", { name: "Cancel request" })).toBeVisible();
    await expect(advisor.getByTestId("request-count")).toHaveText("1");
    await screenshots(client, "waiting");
    await screenshots(advisor, "advisor-request");
    await advisor.getByRole("button", { name: `Accept chat request from ${clientAccount.name}` }).click();
    await expect(advisor).toHaveURL(client.url());
    await expectStatus(client, "active");
    await expectStatus(advisor, "active");

    // Messages appear live on both sides, styled as own and other.
    await say(client, "Hello, I have a question about my career.");
    await expect(advisor.getByTestId("other-message").filter({ hasText: "Hello, I have a question about my career." })).toBeVisible();
    await say(advisor, "Happy to help. What is on your mind?");
    await expect(client.getByTestId("other-message").filter({ hasText: "Happy to help. What is on your mind?" })).toBeVisible();
    await expect(client.getByTestId("system-message").filter({ hasText: "The session has started." })).toBeVisible();

    // The meter ticks on both sides, green with more than 2 minutes left.
    for (const page of [client, advisor]) {
      await expect(page.getByTestId("timer-billed")).not.toHaveText("00:00:00");
      await expect(page.getByTestId("timer-rate")).toHaveText(`$${RATE}/min`);
    }
    await expect(client.getByTestId("session-timer")).toHaveAttribute("data-colour", "green");

    // A shared document shows on both sides and downloads.
    await client.getByLabel("Share a document").setInputFiles({ name: "questions.txt", mimeType: "text/plain", buffer: Buffer.from("1. Should I take the lead role?") });
    await expect(client.getByTestId("document-list")).toContainText("questions.txt");
    await expect(advisor.getByTestId("document-list")).toContainText("questions.txt");
    // It downloads under its own name, with its bytes, without opening a tab.
    const [download] = await Promise.all([advisor.waitForEvent("download"), advisor.getByRole("button", { name: "Download questions.txt" }).click()]);
    expect(download.suggestedFilename()).toBe("questions.txt");
    expect(await readFile(await download.path(), "utf8")).toBe("1. Should I take the lead role?");
    await screenshots(client, "room-active");

    // Warnings at 2 and 1 minute, as alerts on both sides, amber then red.
    await expect(client.getByRole("alert").filter({ hasText: "About 2 minutes of balance left" })).toBeVisible(WARNING_WAIT);
    await expect(advisor.getByRole("alert").filter({ hasText: "runs out in about 2 minutes" })).toBeVisible();
    await expect(client.getByTestId("session-timer")).toHaveAttribute("data-colour", "amber");
    await screenshots(client, "room-warning");
    await say(client, "Still here, one more question.");

    await expect(client.getByRole("alert").filter({ hasText: "Less than 1 minute of balance left" })).toBeVisible(WARNING_WAIT);
    await expect(advisor.getByRole("alert").filter({ hasText: "runs out in less than a minute" })).toBeVisible();
    await expect(client.getByTestId("session-timer")).toHaveAttribute("data-colour", "red");
    await say(advisor, "We are almost out of time.");

    // Auto-pause at exactly the last affordable second; the chat is read-only for both.
    await expectStatus(client, "paused", "zero_balance");
    await expectStatus(advisor, "paused", "zero_balance");
    for (const page of [client, advisor]) {
      await expect(page.getByTestId("timer-billed")).toHaveText("00:03:00");
      await expect(page.getByTestId("timer-cost")).toHaveText("$9.99");
      await expect(page.getByTestId("session-timer")).toHaveAttribute("data-colour", "black");
      await expect(page.getByRole("alert").filter({ hasText: "balance is used up" })).toBeVisible();
      await expect(page.getByRole("textbox", { name: "Message", exact: true })).toBeDisabled();
      await expect(page.getByRole("button", { name: "Resume" })).toHaveCount(0);
      await expect(page.getByTestId("session-ends-in")).toContainText(/The session ends in [45]:\d\d unless topped up/);
    }
    // Only the client sees wallet amounts; the advisor sees the time left.
    await expect(client.getByTestId("timer-balance")).toHaveText("$0.01");
    await expect(advisor.getByTestId("timer-balance")).toHaveCount(0);
    await expect(client.getByTestId("resume-hint")).toHaveText("Top up the wallet to resume the session.");
    await expect(advisor.getByTestId("resume-hint")).toHaveText("Only the client can resume after topping up.");
    await screenshots(client, "room-paused");

    // In-session top-up: the balance updates live in the room, then resume.
    await client.getByRole("button", { name: "Top up" }).click();
    const dialog = client.getByRole("dialog", { name: "Top up without leaving the session" });
    await dialog.getByRole("button", { name: "Add $10.00" }).click();
    await payWithTestCard(dialog, "$10.00");
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(client.getByTestId("timer-balance")).toHaveText("$10.01");
    await expect(advisor.getByTestId("timer-remaining")).toHaveText("00:03:00");
    await expect(advisor.getByRole("button", { name: "Resume" })).toHaveCount(0);
    await client.getByRole("button", { name: "Resume" }).click();
    await expectStatus(client, "active");
    await expectStatus(advisor, "active");
    await expect(client.getByTestId("timer-billed")).not.toHaveText("00:03:00");
    await say(client, "Thanks, topped up.");

    // End → both see it ended; the client rates the session.
    await advisor.getByRole("button", { name: "End session" }).click();
    await advisor.getByRole("button", { name: "Yes, end it" }).click();
    await expectStatus(advisor, "ended", "advisor_ended");
    await expectStatus(client, "ended", "advisor_ended");
    await client.getByRole("radio", { name: "5 stars" }).check();
    await client.getByLabel("Feedback (optional)").fill("Clear and kind advice.");
    await client.getByRole("button", { name: "Submit rating" }).click();
    await expect(client.getByTestId("rating-done")).toContainText("Clear and kind advice.");

    // The receipt: charge by the formula, fee + earning = charge, wallet after = before − charge.
    await client.getByRole("link", { name: "View receipt" }).click();
    await expect(client.getByRole("heading", { name: `Chat session with ${advisorAccount.name}` })).toBeVisible();
    const billed = seconds(await client.getByTestId("receipt-billed").innerText());
    const charge = cents(await client.getByTestId("receipt-charge").innerText());
    const fee = cents(await client.getByTestId("receipt-fee").innerText());
    const earning = cents(await client.getByTestId("receipt-earning").innerText());
    const before = cents(await client.getByTestId("receipt-wallet-before").innerText());
    const after = cents(await client.getByTestId("receipt-wallet-after").innerText());
    expect(billed).toBeGreaterThan(180);
    expect(charge).toBe(Math.floor((RATE_CENTS * billed) / 60));
    expect(fee + earning).toBe(charge);
    expect(fee).toBe(Math.round(charge / 10));
    expect(before).toBe(2000);
    expect(after).toBe(before - charge);
    // The $10.00 top-up during the session is its own line, apart from the balance at the start.
    expect(cents(await client.getByTestId("receipt-available-at-start").innerText())).toBe(1000);
    await expect(client.getByTestId("receipt-top-ups")).toHaveText("+$10.00");
    const timeline = client.getByTestId("receipt-timeline");
    for (const line of ["Warning: 2 minutes left", "Warning: 1 minute left", "Warning: Balance exhausted", "Paused (balance used up)", "Resumed by the client", "Ended by the advisor"]) {
      await expect(timeline).toContainText(line);
    }
    await expect(client.getByTestId("receipt-documents")).toContainText("questions.txt");
    await screenshots(client, "receipt");
    await client.emulateMedia({ media: "print" });
    await expect(client.getByRole("banner")).toBeHidden();
    await expect(client.getByRole("button", { name: "Print" })).toBeHidden();
    await expect(client.getByTestId("receipt-charge")).toBeVisible();
    await client.emulateMedia({ media: "screen" });

    // The ledger: the wallet's session charge row for this session is the receipt's charge.
    await client.goto("/wallet");
    const chargeRow = client.getByTestId("history-row").filter({ hasText: "Live chat session" });
    await expect(chargeRow).toHaveCount(1);
    expect(cents(await chargeRow.locator("td").last().innerText())).toBe(-charge);
    await expect(client.getByTestId("wallet-available")).toHaveText(`$${((2000 - charge) / 100).toFixed(2)}`);

    // Both histories list the session with a receipt link.
    await client.goto("/sessions");
    const clientRow = client.getByTestId("session-row").filter({ hasText: advisorAccount.name });
    await expect(clientRow).toContainText("Ended");
    await expect(clientRow.getByRole("link", { name: /Receipt/ })).toBeVisible();
    await screenshots(client, "history-client");
    await advisor.goto("/advisor/sessions");
    const advisorRow = advisor.getByTestId("session-row").filter({ hasText: clientAccount.name });
    await expect(advisorRow).toContainText(`$${(earning / 100).toFixed(2)}`);
    await screenshots(advisor, "history-advisor");
  } finally {
    await close();
  }
});
