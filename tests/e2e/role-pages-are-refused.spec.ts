import { expect, test } from "../fixtures/test";
import { DEMO } from "../fixtures/accounts";
import { signInAs } from "../fixtures/auth";

test.describe("pages for another role are refused", () => {
  test("a client opening the admin pages is refused by the server", async ({ page, browserLog }) => {
    for (const path of ["/admin", "/admin/users"]) browserLog.allowPageStatus(403, path);
    await signInAs(page, DEMO.client, "client");
    for (const path of ["/admin", "/admin/users"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
      await expect(page.getByRole("list", { name: "Users" })).toHaveCount(0);
    }
  });

  test("an advisor opening the client wallet is refused", async ({ page, browserLog }) => {
    browserLog.allowPageStatus(403, "/wallet");
    await signInAs(page, DEMO.advisor, "advisor");
    const response = await page.goto("/wallet");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  });

  test("a visitor is sent to sign in and comes back after", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Fusers/);
    await page.getByRole("button", { name: `Continue as ${DEMO.admin.name} (Admin)` }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  });
});
