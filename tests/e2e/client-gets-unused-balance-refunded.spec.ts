import { expect, test } from "../fixtures/test";
import { screenshots } from "../fixtures/sessions";
import { DEMO, freshAccount } from "../fixtures/accounts";
import { createAccount, signInAs } from "../fixtures/auth";

test("a client asks for unused cash back, an admin approves, and the card refund shows live in the wallet", async ({ browser }) => {
  test.setTimeout(90_000);
  const clientContext = await browser.newContext();
  const adminContext = await browser.newContext();
  try {
    const client = await clientContext.newPage();
    const account = freshAccount("Refunded");
    await createAccount(client, account);
    await client.goto("/wallet");
    await client.getByRole("button", { name: "Add $25.00" }).click();
    await client.getByLabel("Card number").fill("4242 4242 4242 4242");
    await client.getByRole("button", { name: "Pay $25.00" }).click();
    await expect(client.getByTestId("checkout-paid")).toContainText("$25.00 was added to your wallet");

    await client.goto("/wallet");
    const panel = client.getByTestId("balance-refunds");
    await expect(panel.getByTestId("refundable-max")).toHaveText("$25.00");
    const amount = panel.getByLabel("Amount (USD)");
    await amount.fill("30");
    await panel.getByRole("button", { name: "Ask for a refund" }).click();
    await expect(amount).toHaveAccessibleDescription(/The most you can ask back now is \$25\.00\./);
    await expect(amount).toBeFocused();
    await amount.fill("10.00");
    await panel.getByLabel("Note (optional)").fill("Not using the service this month");
    await panel.getByRole("button", { name: "Ask for a refund" }).click();
    await expect(panel.getByTestId("my-balance-refund").first()).toContainText("Waiting for approval");
    await expect(client.getByTestId("wallet-available")).toHaveText("$15.00");
    await expect(panel).toContainText("You can ask again once your current request is finished.");

    const admin = await adminContext.newPage();
    await signInAs(admin, DEMO.admin, "admin");
    await admin.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Refunds" }).click();
    const row = admin.getByTestId("queue-row").filter({ hasText: account.name });
    await expect(row).toContainText("$10.00");
    await expect(row).toContainText("Not using the service this month");
    await screenshots(admin, "admin-refunds-queue");
    await row.getByRole("button", { name: "Approve and refund" }).click();
    await admin.getByLabel("Status").selectOption({ label: "Refunded" });
    await expect(admin.getByTestId("queue-row").filter({ hasText: account.name })).toContainText(/\$10\.00 of the test checkout payment of .*: refunded \(re_test_/);

    // The client's wallet follows without a reload: the request is refunded and the cash left the wallet for good.
    const request = panel.getByTestId("my-balance-refund").first();
    await expect(request).toContainText("Refunded");
    await expect(request).toContainText(/\$10\.00 to your payment of .*: refunded/);
    await expect(client.getByTestId("wallet-available")).toHaveText("$15.00");
    await expect(panel.getByTestId("refundable-max")).toHaveText("$15.00");
    await expect(client.getByTestId("history-row").first()).toContainText("Refunded to your card");
    await screenshots(client, "client-wallet-refunded");
  } finally {
    await clientContext.close();
    await adminContext.close();
  }
});
