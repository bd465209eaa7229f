import { expect, test } from "../fixtures/test";
import { liveChat, threeContexts } from "../fixtures/sessions";

test("an admin ends a live chat from the dashboard with a reason and both sides see it ended", async ({ browser }) => {
  const { admin, advisor, client, close } = await threeContexts(browser);
  try {
    const { advisorAccount, clientAccount } = await liveChat({ admin, advisor, client }, "1.00", "$10.00");
    await expect(advisor.getByTestId("session-status")).toHaveAttribute("data-status", "active");

    await admin.goto("/admin");
    const row = admin.getByTestId("live-session").filter({ hasText: `${clientAccount.name} with ${advisorAccount.name}` });
    await expect(row).toContainText("Active");
    // The admin's own view of the room names both sides.
    const adminRoom = await admin.context().newPage();
    await adminRoom.goto((await row.getByRole("link").getAttribute("href"))!);
    await expect(adminRoom.getByRole("heading", { level: 1 })).toContainText(`Chat: ${clientAccount.name} with ${advisorAccount.name}`);
    await expect(adminRoom.getByTestId("timer-remaining")).toBeVisible();
    await row.getByRole("button", { name: /^End Chat:/ }).click();
    await row.getByRole("button", { name: "End session" }).click();
    await expect(row.getByText("Give a reason: it goes to the audit log.")).toBeVisible();
    await expect(client.getByTestId("session-status")).toHaveAttribute("data-status", "active");

    await row.getByLabel("Reason for ending").fill("Reported by the client");
    await row.getByRole("button", { name: "End session" }).click();
    await expect(row).toHaveCount(0);
    for (const page of [client, advisor]) {
      const banner = page.getByTestId("session-status");
      await expect(banner).toHaveAttribute("data-status", "ended");
      await expect(banner).toHaveAttribute("data-reason", "admin_ended");
    }
    // Every meter stops with the session: neutral, no time left, no "More than 2 minutes left".
    for (const page of [client, advisor, adminRoom]) {
      await expect(page.getByTestId("session-timer")).toHaveAttribute("data-colour", "none");
      await expect(page.getByTestId("timer-remaining")).toHaveCount(0);
      await expect(page.getByText("More than 2 minutes left")).toHaveCount(0);
    }
  } finally {
    await close();
  }
});
