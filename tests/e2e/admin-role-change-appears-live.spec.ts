import { expect, test } from "../fixtures/test";
import { DEMO, NAV, freshAccount } from "../fixtures/accounts";
import { createAccount, mainNav, setRoleAsAdmin, signInAs } from "../fixtures/auth";
import { screenshots } from "../fixtures/sessions";

test("an admin makes a client an advisor and the client's app changes without a reload", async ({ browser }) => {
  const clientContext = await browser.newContext();
  const adminContext = await browser.newContext();
  try {
    const clientPage = await clientContext.newPage();
    const adminPage = await adminContext.newPage();
    const account = freshAccount("Promoted");

    await createAccount(clientPage, account);
    await clientPage.getByRole("link", { name: "Wallet" }).first().click();
    await expect(clientPage.getByRole("heading", { name: "Wallet", level: 1 })).toBeVisible();
    await expect(mainNav(clientPage)).toHaveText([...NAV.client]);
    let reloaded = false;
    clientPage.on("load", () => (reloaded = true));

    await signInAs(adminPage, DEMO.admin, "admin");
    await setRoleAsAdmin(adminPage, account, "advisor");

    await expect(mainNav(clientPage)).toHaveText([...NAV.advisor]);
    await expect(clientPage.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    expect(reloaded).toBe(false);

    await adminPage.goto("/admin");
    await expect(adminPage.getByText(`changed ${account.name} from Client to Advisor`)).toBeVisible();
  } finally {
    await clientContext.close();
    await adminContext.close();
  }
});

test("making a user an admin asks for a reason and a confirmation first", async ({ browser }) => {
  const clientContext = await browser.newContext();
  const adminContext = await browser.newContext();
  try {
    const account = freshAccount("Elevated");
    await createAccount(await clientContext.newPage(), account);
    const adminPage = await adminContext.newPage();
    await signInAs(adminPage, DEMO.admin, "admin");
    await adminPage.goto("/admin/users");
    const row = adminPage.getByTestId(`user-row-${account.email}`);
    await row.getByLabel(`Role for ${account.name}`).selectOption("admin");

    // No reason: refused at the reason field, which takes the focus.
    await row.getByRole("button", { name: "Change role" }).click();
    const reason = row.getByLabel(`Reason for changing the role of ${account.name}`);
    await expect(reason).toHaveAccessibleDescription("Give a reason: it goes to the audit log.");
    await expect(reason).toBeFocused();

    // With a reason, it asks to confirm; going back changes nothing.
    await reason.fill("Runs support on weekends");
    await row.getByRole("button", { name: "Change role" }).click();
    const confirm = row.getByRole("group", { name: `Confirm making ${account.name} an admin` });
    await expect(confirm).toContainText(`Make ${account.name} an admin?`);
    await screenshots(adminPage, "users-confirm-admin");
    await confirm.getByRole("button", { name: "Back" }).click();
    await expect(confirm).toHaveCount(0);
    await adminPage.reload();
    await expect(row.getByLabel(`Role for ${account.name}`)).toHaveValue("client");

    await setRoleAsAdmin(adminPage, account, "admin");
    await expect(row.getByLabel(`Role for ${account.name}`)).toHaveValue("admin");
  } finally {
    await clientContext.close();
    await adminContext.close();
  }
});
