import { expect, test } from "../fixtures/test";
import { DEMO, NAV, freshAccount } from "../fixtures/accounts";
import { createAccount, mainNav, setRoleAsAdmin, signInAs } from "../fixtures/auth";

test("a new advisor going online and changing prices shows on a visitor's advisor list without a reload", async ({ browser }) => {
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  try {
    const [advisorPage, adminPage, visitorPage] = await Promise.all(contexts.map((context) => context.newPage()));
    const account = freshAccount("Advisor");
    await createAccount(advisorPage, account);
    await signInAs(adminPage, DEMO.admin, "admin");
    await setRoleAsAdmin(adminPage, account, "advisor");
    await expect(mainNav(advisorPage)).toHaveText([...NAV.advisor]);

    await visitorPage.goto(`/advisors?q=${encodeURIComponent(account.name)}`);
    const card = visitorPage.getByRole("article").filter({ hasText: account.name });
    await expect(card).toContainText("Offline");

    await advisorPage.getByRole("link", { name: "Dashboard" }).first().click();
    const toggle = advisorPage.getByRole("switch", { name: "Available for live sessions" });
    await expect(toggle).toHaveAttribute("aria-checked", "false");
    await toggle.click();
    await expect(advisorPage.getByRole("heading", { name: "You are online" })).toBeVisible();
    await expect(card).toContainText("Online");

    await advisorPage.getByRole("link", { name: "Profile" }).first().click();
    await advisorPage.getByLabel("Chat price per minute (USD)").fill("1.75");
    await advisorPage.getByRole("button", { name: "Save profile" }).click();
    await expect(advisorPage.getByText("Saved. Clients see the new profile now.")).toBeVisible();
    await expect(card).toContainText("$1.75/min");

    await advisorPage.getByLabel("Chat price per minute (USD)").fill("0.05");
    await advisorPage.getByRole("button", { name: "Save profile" }).click();
    await expect(advisorPage.getByText("The chat price per minute must be from $0.10 to $100.00, in whole cents.")).toBeVisible();
    await expect(card).toContainText("$1.75/min");
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
});
