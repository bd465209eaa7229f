import { expect, test } from "../fixtures/test";
import { DEMO, freshAccount } from "../fixtures/accounts";
import { createAccount, signInAs } from "../fixtures/auth";

test("an admin suspends a client, whose wallet page then says so, and reinstates them; both in the audit log", async ({ browser }) => {
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  const [admin, client] = await Promise.all(contexts.map((c) => c.newPage()));
  try {
    const account = freshAccount("Client");
    await createAccount(client, account);
    await client.goto("/wallet");
    await expect(client.getByRole("heading", { level: 1 })).toBeVisible();

    await signInAs(admin, DEMO.admin, "admin");
    await admin.goto("/admin/users");
    await admin.getByLabel("Name or email").fill(account.email);
    await admin.getByRole("button", { name: "Search", exact: true }).click();
    await admin.getByTestId("user-search-results").getByRole("link", { name: new RegExp(account.name) }).click();
    await admin.getByRole("button", { name: `Suspend ${account.name}` }).click();
    await expect(admin.getByLabel("Reason to suspend")).toHaveAttribute("aria-invalid", "true");
    await admin.getByLabel("Reason to suspend").fill("Chargeback under review");
    await admin.getByRole("button", { name: `Suspend ${account.name}` }).click();
    await expect(admin.getByText("Suspended", { exact: true }).first()).toBeVisible();

    // The open wallet page turns into the suspension notice, live.
    await expect(client.getByText("This account is suspended. Contact support to have it reinstated.")).toBeVisible();

    await admin.getByLabel("Reason to reinstate").fill("Bank confirmed the payment");
    await admin.getByRole("button", { name: `Reinstate ${account.name}` }).click();
    await expect(admin.getByTestId("user-audit")).toContainText("user.reinstate");
    await expect(admin.getByTestId("user-audit")).toContainText("Chargeback under review");
    await client.goto("/wallet");
    await expect(client.getByText("This account is suspended.")).toHaveCount(0);
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
