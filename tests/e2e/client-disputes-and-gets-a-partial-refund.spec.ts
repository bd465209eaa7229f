import { expect, test } from "../fixtures/test";
import { cents, liveChat, threeContexts } from "../fixtures/sessions";

test("a client disputes a session, an admin refunds part of it, and the client's wallet and the advisor's earnings change live", async ({ browser }) => {
  test.setTimeout(180_000);
  const { admin, advisor, client, close } = await threeContexts(browser);
  try {
    const { advisorAccount, clientAccount } = await liveChat({ admin, advisor, client }, "6.00", "$25.00");
    const sessionId = client.url().split("/").at(-1)!;
    // At $6.00/min, 10 billed seconds are $1.00: enough for a $0.50 refund.
    await expect(client.getByTestId("timer-billed")).toHaveText(/^00:00:(1\d|[2-5]\d)$/, { timeout: 20_000 });
    await client.getByRole("button", { name: "End session" }).click();
    await client.getByRole("button", { name: "Yes, end it" }).click();
    await expect(client.getByTestId("session-status")).toHaveAttribute("data-status", "ended");

    // The client's receipt and wallet, the advisor's receipt and earnings, each open in its own page.
    await client.goto(`/session/${sessionId}/receipt`);
    const charge = cents(await client.getByTestId("receipt-charge").innerText());
    const fee = cents(await client.getByTestId("receipt-fee").innerText());
    expect(charge).toBeGreaterThanOrEqual(100);
    const wallet = await client.context().newPage();
    await wallet.goto("/wallet");
    await expect(wallet.getByTestId("wallet-available")).toHaveText(/^\$\d/);
    const availableBefore = cents(await wallet.getByTestId("wallet-available").innerText());
    await advisor.goto(`/session/${sessionId}/receipt`);
    const earnings = await advisor.context().newPage();
    await earnings.goto("/advisor/earnings");
    await expect(earnings.getByTestId("figure-pending")).toHaveText(`$${((charge - fee) / 100).toFixed(2)}`);

    // The client disputes: the description's error is shown at its field first.
    await client.getByLabel("Reason").selectOption({ label: "Advisor unresponsive" });
    await client.getByRole("button", { name: "Open dispute" }).click();
    await expect(client.getByLabel("What happened")).toHaveAttribute("aria-invalid", "true");
    await expect(client.getByLabel("What happened")).toBeFocused();
    await client.getByLabel("What happened").fill("The advisor did not answer my question.");
    await client.getByRole("button", { name: "Open dispute" }).click();
    await expect(client.getByTestId("dispute-list")).toContainText("Under review");
    await expect(advisor.getByTestId("dispute-list")).toContainText("Under review");

    // The admin finds it in the queue, sees the evidence, and refunds $0.50.
    await admin.goto("/admin/disputes");
    const row = admin.getByTestId("disputes-queue").getByRole("listitem").filter({ hasText: clientAccount.name });
    await row.getByRole("link", { name: "Review" }).click();
    await expect(admin.getByTestId("dispute-summary")).toContainText("The advisor did not answer my question.");
    await expect(admin.getByRole("heading", { name: `Chat session with ${advisorAccount.name}` })).toBeVisible();
    await admin.getByLabel("Refund amount").fill("0.50");
    await admin.getByRole("button", { name: "Refund" }).click();
    await expect(admin.getByLabel("Note")).toHaveAttribute("aria-invalid", "true");
    await admin.getByLabel("Note").fill("Part of the time was unanswered");
    await admin.getByRole("button", { name: "Refund" }).click();
    await expect(admin.getByTestId("dispute-outcome")).toContainText("Refunded $0.50");

    // Both sides see it without reloading: the client's refund and wallet, the advisor's reversed earning and pending figure.
    const feeBack = Math.round((fee * 50) / charge);
    await expect(client.getByTestId("dispute-refund")).toHaveText("Refunded $0.50 to your wallet");
    await expect(wallet.getByTestId("wallet-available")).toHaveText(`$${((availableBefore + 50) / 100).toFixed(2)}`);
    await expect(advisor.getByTestId("dispute-earning-reversed")).toHaveText(`Earning reversed: −$${((50 - feeBack) / 100).toFixed(2)}`);
    await expect(earnings.getByTestId("figure-pending")).toHaveText(`$${((charge - fee - (50 - feeBack)) / 100).toFixed(2)}`);
    if (process.env.SESSION_SHOTS) {
      await client.screenshot({ path: `${process.env.SESSION_SHOTS}/disputes-client-receipt.png`, fullPage: true });
      await admin.screenshot({ path: `${process.env.SESSION_SHOTS}/disputes-admin-evidence.png`, fullPage: true });
      await advisor.screenshot({ path: `${process.env.SESSION_SHOTS}/disputes-advisor-receipt.png`, fullPage: true });
    }
  } finally {
    await close();
  }
});
