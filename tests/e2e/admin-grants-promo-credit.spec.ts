import { expect, test } from "../fixtures/test";
import { DEMO, freshAccount } from "../fixtures/accounts";
import { createAccount, signInAs } from "../fixtures/auth";
import { screenshots } from "../fixtures/sessions";

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
    // An empty or malformed email is refused at the field, not answered as an unknown user.
    const email = admin.getByLabel("Client email");
    await admin.getByRole("button", { name: "Find" }).click();
    await expect(email).toHaveAccessibleDescription("Enter the client's email address.");
    await expect(email).toBeFocused();
    await email.fill("not-an-email");
    await admin.getByRole("button", { name: "Find" }).click();
    await expect(email).toHaveAccessibleDescription("Enter an email address like name@example.com.");
    await screenshots(admin, "ledger-lookup-field-error");
    await expect(admin.getByText(/No user has the email/)).toHaveCount(0);
    await email.fill(account.email);
    await admin.getByRole("button", { name: "Find" }).click();
    await expect(admin.getByTestId("promo-user")).toContainText(account.name);
    await expect(email).not.toHaveAttribute("aria-invalid");

    await admin.getByLabel("Promo credit (USD)").fill("7.50");
    await admin.getByRole("button", { name: "Grant promo credit" }).click();
    const reason = admin.getByLabel("Reason");
    await expect(reason).toHaveAccessibleDescription(/Give a reason for the promo credit; it goes to the audit log\./);
    await expect(reason).toBeFocused();
    await reason.fill("Sorry about the dropped call");
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
