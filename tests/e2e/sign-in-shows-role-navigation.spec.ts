import { expect, test } from "../fixtures/test";
import { DEMO, NAV, freshAccount } from "../fixtures/accounts";
import { createAccount, mainNav, signInAs } from "../fixtures/auth";

test.describe("signing in shows each role its navigation", () => {
  for (const role of ["client", "advisor", "admin"] as const) {
    test(`a ${role} sees the ${role} navigation`, async ({ page }) => {
      await signInAs(page, DEMO[role], role);
      await expect(mainNav(page)).toHaveText([...NAV[role]]);
    });
  }

  test("a new account starts as a client and can sign out", async ({ page }) => {
    const account = freshAccount("Newcomer");
    await createAccount(page, account);
    await expect(mainNav(page)).toHaveText([...NAV.client]);

    await page.getByRole("button", { name: `Account menu for ${account.name}` }).click();
    await expect(page.getByText(account.email)).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
    await expect(mainNav(page)).toHaveText(["Advisors"]);
  });

  test("the sign-in form explains bad input", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Name").fill("Someone");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByRole("button", { name: "Create account and sign in" }).click();
    await expect(page.getByText("Enter a valid email address.")).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("sign-in follows a same-site next path", async ({ page }) => {
    await page.goto(`/sign-in?next=${encodeURIComponent("/wallet")}`);
    await page.getByRole("button", { name: `Continue as ${DEMO.client.name} (Client)` }).click();
    await expect(page).toHaveURL(/\/wallet$/);
  });

  test("sign-in never leaves the app, whatever next says", async ({ page, baseURL }) => {
    // Chromium drops the tab from "/\t/evil.example", which would leave "//evil.example": another host.
    await page.route((url) => url.hostname === "evil.example", (route) => route.abort());
    const hostile = `/sign-in?next=${encodeURIComponent("/\t/evil.example")}`;
    await page.goto(hostile);
    await page.getByRole("button", { name: `Continue as ${DEMO.client.name} (Client)` }).click();
    await expect(page).toHaveURL(`${baseURL}/advisors`);

    await page.goto(hostile);
    await expect(page).toHaveURL(`${baseURL}/advisors`);
  });

  test("a test build says so on every page", async ({ page, browserLog }) => {
    browserLog.allowPageStatus(404, "/no-such-page");
    for (const path of ["/", "/sign-in", "/no-such-page"]) {
      await page.goto(path);
      await expect(page.getByRole("complementary", { name: "Test build" })).toHaveText("Test build — local sign-in is enabled; not for production");
    }
  });

  test("visitors see advisors with specialties, prices and online status on the landing page", async ({ page }) => {
    await page.goto("/");
    const maya = page.getByRole("article").filter({ hasText: "Maya Chen" });
    await expect(maya).toContainText("Career coaching");
    await expect(maya).toContainText("$1.50/min");
    await expect(maya).toContainText("Online");
    await expect(maya).toContainText("4.8");
  });
});
