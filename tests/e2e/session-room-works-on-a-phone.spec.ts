import type { Page } from "@playwright/test";
import { TEXT_LIMITS } from "../../lib/forms/textLimits";
import { liveChat, screenshots, threeContexts } from "../fixtures/sessions";
import { expect, test } from "../fixtures/test";

const PHONE = { width: 390, height: 844 };

/** Whether the element's box lies inside the visible part of the page. */
async function inView(page: Page, testIdOrLabel: { testId: string } | { label: string }) {
  const locator = "testId" in testIdOrLabel ? page.getByTestId(testIdOrLabel.testId) : page.getByLabel(testIdOrLabel.label, { exact: true });
  const box = await locator.boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= PHONE.height;
}

test("on a phone the meter and the message box stay in view, long chats scroll inside the log, and a too-long message is refused at the field", async ({ browser }) => {
  test.setTimeout(90_000);
  const { admin, advisor, client, close } = await threeContexts(browser);
  try {
    await liveChat({ admin, advisor, client }, "0.60", "$10.00");

    await client.setViewportSize(PHONE);
    const message = client.getByLabel("Message", { exact: true });
    // A long conversation: many lines from the advisor.
    for (let i = 1; i <= 4; i++) {
      await advisor.getByLabel("Message", { exact: true }).fill(Array.from({ length: 12 }, (_, line) => `Point ${i}.${line + 1}`).join("\n"));
      await advisor.getByRole("button", { name: "Send" }).click();
      await expect(client.getByTestId("other-message")).toHaveCount(i);
    }

    // Scrolled down to write: the message box and the compact meter are both on screen, the meter ticking.
    await message.scrollIntoViewIfNeeded();
    await expect(client.getByTestId("phone-meter")).toBeVisible();
    expect(await inView(client, { testId: "phone-meter" })).toBe(true);
    expect(await inView(client, { label: "Message" })).toBe(true);
    await expect(client.getByTestId("session-timer")).toBeHidden();
    // The log scrolls inside itself instead of growing the page.
    const log = client.getByTestId("chat-log");
    expect(await log.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(true);
    await screenshots(client, "room-phone-scrolled");

    // One character over the limit: counted as typed, refused at the field with the focus there, nothing sent or cut.
    await message.fill("x".repeat(TEXT_LIMITS.chatMessage + 1));
    await expect(client.getByTestId("chat-counter")).toHaveText("2,001 / 2,000");
    await client.getByRole("button", { name: "Send" }).click();
    await expect(message).toHaveAccessibleDescription("Your message has 2,001 characters; the limit is 2,000.");
    await expect(message).toBeFocused();
    await expect(message).toHaveValue("x".repeat(TEXT_LIMITS.chatMessage + 1));
    await expect(advisor.getByTestId("other-message")).toHaveCount(0);
    await message.fill("x".repeat(TEXT_LIMITS.chatMessage));
    await client.getByRole("button", { name: "Send" }).click();
    await expect(advisor.getByTestId("other-message")).toHaveCount(1);
    await expect(advisor.getByTestId("other-message")).toContainText("x".repeat(TEXT_LIMITS.chatMessage));
    await expect(message).not.toHaveAttribute("aria-invalid");

    // Once ended, the phone's meter strip is gone and the stopped meter has no colour or time left.
    await client.getByRole("button", { name: "End session" }).click();
    await client.getByRole("button", { name: "Yes, end it" }).click();
    await expect(client.getByTestId("session-status")).toHaveAttribute("data-status", "ended");
    await expect(client.getByTestId("phone-meter")).toHaveCount(0);
    await expect(client.getByTestId("session-timer")).toHaveAttribute("data-colour", "none");
    await expect(client.getByTestId("timer-remaining")).toHaveCount(0);
    await screenshots(client, "room-phone-ended");
  } finally {
    await close();
  }
});
