import { expect, test } from "../fixtures/test";
import { fundedClient, onlineAdvisor, openAdvisorProfile, screenshots, threeContexts } from "../fixtures/sessions";

test("a client without 3 minutes of balance is refused with a top-up link", async ({ browser }) => {
  const { admin, advisor, client, close } = await threeContexts(browser);
  try {
    const advisorAccount = await onlineAdvisor(admin, advisor, "2.00");
    await fundedClient(client, null);
    await openAdvisorProfile(client, advisorAccount.name);
    await client.getByRole("button", { name: "Start chat" }).click();
    const refusal = client.getByTestId("start-refused");
    await expect(refusal).toHaveAttribute("role", "alert");
    await expect(refusal).toContainText("A session needs a balance for at least 3 minutes at this rate.");
    await refusal.getByRole("link", { name: "Top up your wallet" }).click();
    await expect(client).toHaveURL(/\/wallet$/);
    await expect(advisor.getByText("No requests right now.")).toBeVisible();
  } finally {
    await close();
  }
});

test("an advisor declines a request and the waiting client is told in words", async ({ browser }) => {
  const { admin, advisor, client, close } = await threeContexts(browser);
  try {
    const advisorAccount = await onlineAdvisor(admin, advisor, "1.00");
    const clientAccount = await fundedClient(client, "$10.00");
    await openAdvisorProfile(client, advisorAccount.name);
    await client.getByRole("button", { name: "Start video" }).click();
    await expect(client.getByTestId("request-waiting")).toBeVisible();

    const request = advisor.getByTestId("incoming-request").filter({ hasText: clientAccount.name });
    await expect(request).toContainText("Video");
    await request.getByRole("button", { name: `Decline video request from ${clientAccount.name}` }).click();
    await expect(advisor.getByText("No requests right now.")).toBeVisible();

    await expect(client.getByTestId("request-outcome")).toHaveText(`${advisorAccount.name} declined the request.`);
    await expect(client.getByText("No session took place and nothing was charged.")).toBeVisible();
    await client.goto("/sessions");
    await expect(client.getByTestId("session-row").filter({ hasText: advisorAccount.name })).toContainText("Declined");
    await client.getByLabel("Status").selectOption("ended");
    await expect(client.getByRole("heading", { name: "No sessions match these filters" })).toBeVisible();
    await client.getByLabel("Status").selectOption("declined");
    await client.getByLabel("Kind").selectOption("video");
    await expect(client.getByTestId("session-row")).toHaveCount(1);
  } finally {
    await close();
  }
});

test("an advisor going offline disables the start buttons on the open profile", async ({ browser }) => {
  const { admin, advisor, client, close } = await threeContexts(browser);
  try {
    const advisorAccount = await onlineAdvisor(admin, advisor, "1.00");
    await fundedClient(client, null);
    await openAdvisorProfile(client, advisorAccount.name);
    await expect(client.getByRole("button", { name: "Start chat" })).toBeEnabled();
    await advisor.getByRole("switch", { name: "Available for live sessions" }).click();
    await expect(advisor.getByRole("heading", { name: "You are offline" })).toBeVisible();
    await expect(client.getByTestId("start-unavailable")).toHaveText(`${advisorAccount.name} is offline right now.`);
    await expect(client.getByRole("button", { name: "Start chat" })).toBeDisabled();
  } finally {
    await close();
  }
});

test("someone who is not a participant cannot open a session's room or receipt", async ({ browser, browserLog }) => {
  const { admin, advisor, client, close } = await threeContexts(browser);
  const outsiderContext = await browser.newContext();
  try {
    const advisorAccount = await onlineAdvisor(admin, advisor, "1.00");
    await fundedClient(client, "$10.00");
    await openAdvisorProfile(client, advisorAccount.name);
    await client.getByRole("button", { name: "Start chat" }).click();
    await expect(client.getByTestId("request-waiting")).toBeVisible();
    const roomPath = new URL(client.url()).pathname;

    const outsider = await outsiderContext.newPage();
    await fundedClient(outsider, null);
    for (const path of [roomPath, `${roomPath}/receipt`]) {
      browserLog.allowPageStatus(403, path);
      const response = await outsider.goto(path);
      expect(response?.status()).toBe(403);
      await expect(outsider.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
      // About this session, not about the kind of account (the outsider is a client, as the participant is).
      await expect(outsider.getByText("This session belongs to other people")).toBeVisible();
      await expect(outsider.getByText("for another kind of account")).toHaveCount(0);
      if (path === roomPath) await screenshots(outsider, "room-forbidden");
    }
    await client.getByRole("button", { name: "Cancel request" }).click();
    await expect(client.getByTestId("request-outcome")).toHaveText("You cancelled the request.");
  } finally {
    await outsiderContext.close();
    await close();
  }
});
