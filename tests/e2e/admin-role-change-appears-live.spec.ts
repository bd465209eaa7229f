import { expect, test } from "@playwright/test";
import { DEMO, NAV, freshAccount } from "../fixtures/accounts";
import { createAccount, mainNav, setRoleAsAdmin, signInAs } from "../fixtures/auth";

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
