import { expect, test } from "@playwright/test";
import { DEMO, freshAccount } from "../fixtures/accounts";
import { createAccount, signInAs } from "../fixtures/auth";

test("an admin grants promo credit with a reason and the client's wallet shows it live", async ({ browser }) => {
  const clientContext = await browser.newContext();
  const adminContext = await browser.newContext();
  try {
    const client = await clientContext.newPage();
    const account = freshAccount("Promo");
    await createAccount(client, account);
    await client.goto("/wallet");
    await expect(client.getByTestId("wallet-promo")).toHaveText("$0.00");

    const admin = await adminContext.newPage();
    await signInAs(admin, DEMO.admin, "admin");
    await admin.goto("/admin/ledger");
    await admin.getByRole("button", { name: "Run audit" }).click();
    await expect(admin.getByTestId("ledger-audit")).toContainText("All invariants hold");
    await admin.getByLabel("Client email").fill(account.email);
    await admin.getByRole("button", { name: "Find" }).click();
    await expect(admin.getByTestId("promo-user")).toContainText(account.name);

    await admin.getByLabel("Promo credit (USD)").fill("7.50");
    await admin.getByRole("button", { name: "Grant promo credit" }).click();
    await expect(admin.getByRole("alert").filter({ hasText: "reason" })).toHaveText("Give a reason for the promo credit.");
    await admin.getByLabel("Reason").fill("Sorry about the dropped call");
    await admin.getByRole("button", { name: "Grant promo credit" }).click();
    await expect(admin.getByText(`Granted $7.50 of promo credit to ${account.name}.`)).toBeVisible();

    await expect(client.getByTestId("wallet-promo")).toHaveText("$7.50");
    await expect(client.getByTestId("wallet-available")).toHaveText("$7.50");
    await expect(client.getByTestId("history-row").first()).toContainText("Promo credit: Sorry about the dropped call");
    await admin.getByRole("button", { name: "Run audit" }).click();
    await expect(admin.getByTestId("ledger-audit")).toContainText("All invariants hold");
    await expect(admin.getByTestId("ledger-audit")).toContainText("Sum of all USD entries: $0.00 ✓");
  } finally {
    await clientContext.close();
    await adminContext.close();
  }
});
