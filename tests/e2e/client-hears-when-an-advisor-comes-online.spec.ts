import { expect, test } from "../fixtures/test";
import { onlineAdvisor, openAdvisorProfile, screenshots, threeContexts } from "../fixtures/sessions";
import { freshAccount } from "../fixtures/accounts";
import { createAccount } from "../fixtures/auth";

/**
 * A client asks to be told when an offline advisor comes online: the bell
 * shows it live and the admin's mailbox holds the email, rendered; after the
 * client turns that email off in their preferences, the next alert arrives in
 * the app only and no second email is queued.
 */
test("a client hears by app and email that an advisor is online, then turns the email off", async ({ browser, browserLog }) => {
  test.setTimeout(120_000);
  // Playwright's trace snapshotter tries to run its script inside the email's iframe, which is sandboxed to run
  // none (the email is shown as sent, scripts never run): Chromium logs that refusal. The page itself runs none there.
  browserLog.allow(/^console: Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed/);
  const { admin, advisor, client, close } = await threeContexts(browser);
  try {
    const advisorAccount = await onlineAdvisor(admin, advisor, "1.00");
    const availability = advisor.getByRole("switch", { name: "Available for live sessions" });
    await availability.click();
    await expect(advisor.getByRole("heading", { name: "You are offline" })).toBeVisible();

    const clientAccount = freshAccount("Waiting");
    await createAccount(client, clientAccount);
    await openAdvisorProfile(client, advisorAccount.name);
    await expect(client.getByTestId("start-unavailable")).toContainText("is offline right now");
    await client.getByRole("button", { name: `Notify me when ${advisorAccount.name} is online` }).click();
    await expect(client.getByTestId("online-alert")).toContainText(`We will tell you once, in the app and by email, when ${advisorAccount.name} is online.`);

    await availability.click();
    await expect(advisor.getByRole("heading", { name: "You are online" })).toBeVisible();
    // Live: the client's bell counts the alert without a reload, and the offer to be told is gone.
    await expect(client.getByRole("link", { name: "Notifications, 1 unread" })).toBeVisible();
    await expect(client.getByTestId("online-alert")).toHaveCount(0);
    await client.goto("/notifications");
    await expect(client.getByTestId("notification").first()).toContainText(`${advisorAccount.name} is online`);

    await admin.goto("/admin/mailbox");
    const emails = admin.getByTestId("mailbox-row").filter({ hasText: clientAccount.email });
    await expect(emails).toHaveCount(1);
    await expect(emails.first()).toContainText(`${advisorAccount.name} is online · ExpertLine`);
    await expect(emails.first()).toContainText("Sent");
    await screenshots(admin, "admin-mailbox");
    await emails.first().getByRole("link").click();
    await expect(admin.getByTestId("email-subject")).toHaveText(`${advisorAccount.name} is online · ExpertLine`);
    const rendered = admin.frameLocator('iframe[title="The email, rendered"]');
    await expect(rendered.getByRole("heading", { name: `${advisorAccount.name} is online` })).toBeVisible();
    await expect(rendered.getByRole("link", { name: "Start a session" })).toHaveAttribute("href", /\/advisors\/[^/]+$/);
    await expect(rendered.getByRole("link", { name: "Choose which emails you get" })).toHaveAttribute("href", /\/notifications\/preferences$/);
    await expect(admin.getByTestId("email-text")).toContainText(`Hello ${clientAccount.name},`);
    await screenshots(admin, "admin-mailbox-message");

    await client.getByRole("link", { name: "Preferences" }).click();
    const emailSwitch = client.getByRole("switch", { name: "Email: Advisor is online" });
    await expect(emailSwitch).toBeChecked();
    await emailSwitch.click();
    await expect(emailSwitch).not.toBeChecked();
    await expect(client.getByRole("switch", { name: "In app: Advisor is online" })).toBeChecked();
    await screenshots(client, "notification-preferences");

    await availability.click();
    await expect(advisor.getByRole("heading", { name: "You are offline" })).toBeVisible();
    await openAdvisorProfile(client, advisorAccount.name);
    await client.getByRole("button", { name: `Notify me when ${advisorAccount.name} is online` }).click();
    await expect(client.getByTestId("online-alert")).toContainText("We will tell you once");
    await availability.click();
    await expect(advisor.getByRole("heading", { name: "You are online" })).toBeVisible();
    await expect(client.getByRole("link", { name: "Notifications, 2 unread" })).toBeVisible();

    await admin.goto("/admin/mailbox");
    await expect(admin.getByTestId("mailbox-row").first()).toBeVisible();
    await expect(admin.getByTestId("mailbox-row").filter({ hasText: clientAccount.email })).toHaveCount(1);
  } finally {
    await close();
  }
});
