import { expect, test } from "../fixtures/test";
import { liveChat, screenshots, threeContexts } from "../fixtures/sessions";

test("an admin suspends an advisor mid-chat: the chat goes on to its end, then the advisor can do nothing and is not found", async ({ browser }) => {
  const { admin, advisor, client, close } = await threeContexts(browser);
  try {
    const { advisorAccount } = await liveChat({ admin, advisor, client }, "1.00", "$10.00");
    await expect(advisor.getByTestId("session-status")).toHaveAttribute("data-status", "active");
    const room = advisor.url();

    await admin.goto("/admin/users");
    await admin.getByLabel("Name or email").fill(advisorAccount.email);
    await admin.getByRole("button", { name: "Search", exact: true }).click();
    await admin.getByTestId("user-search-results").getByRole("link", { name: new RegExp(advisorAccount.name) }).click();
    await expect(admin.getByText("can only finish a session already running")).toBeVisible();
    await admin.getByLabel("Reason to suspend").fill("Complaints under review");
    await admin.getByRole("button", { name: `Suspend ${advisorAccount.name}` }).click();
    await expect(admin.getByText("Suspended", { exact: true }).first()).toBeVisible();

    // The chat is not cut: both sides still talk, and the meter still runs.
    await advisor.getByRole("textbox", { name: "Message", exact: true }).fill("I can still finish my answer.");
    await advisor.getByRole("button", { name: "Send" }).click();
    await expect(client.getByTestId("chat-log")).toContainText("I can still finish my answer.");
    await expect(client.getByTestId("session-status")).toHaveAttribute("data-status", "active");

    // Anywhere else the advisor is told why, with the way back to the running session.
    await advisor.goto("/advisor");
    await expect(advisor.getByText(/This account is suspended\..*you can finish it/)).toBeVisible();
    await screenshots(advisor, "suspended-advisor-notice");
    await advisor.getByRole("link", { name: "Return to your live session" }).click();
    await expect(advisor).toHaveURL(room);
    await expect(advisor.getByTestId("session-status")).toHaveAttribute("data-status", "active");

    await client.getByRole("button", { name: "End session" }).click();
    await client.getByRole("button", { name: "Yes, end it" }).click();
    await expect(client.getByTestId("session-status")).toHaveAttribute("data-status", "ended");
    // Once it has ended the room closes to the suspended advisor, and nothing links back any more.
    await expect(advisor.getByText("This account is suspended. Contact support to have it reinstated.")).toBeVisible();
    await expect(advisor.getByRole("link", { name: "Return to your live session" })).toHaveCount(0);

    await client.goto(`/advisors?q=${encodeURIComponent(advisorAccount.name)}`);
    await expect(client.getByRole("link", { name: advisorAccount.name })).toHaveCount(0);
  } finally {
    await close();
  }
});
