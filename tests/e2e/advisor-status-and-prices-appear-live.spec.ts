import { expect, test } from "@playwright/test";
import { DEMO } from "../fixtures/accounts";
import { signInAs } from "../fixtures/auth";

test("an advisor going offline and changing prices shows on a visitor's advisor list without a reload", async ({ browser }) => {
  const advisorContext = await browser.newContext();
  const visitorContext = await browser.newContext();
  try {
    const advisorPage = await advisorContext.newPage();
    const visitorPage = await visitorContext.newPage();
    await visitorPage.goto("/advisors");
    const card = visitorPage.getByRole("article").filter({ hasText: DEMO.advisor.name });
    await expect(card).toContainText("Online");

    await signInAs(advisorPage, DEMO.advisor, "advisor");
    const toggle = advisorPage.getByRole("switch", { name: "Available for live sessions" });
    await expect(toggle).toHaveAttribute("aria-checked", "true");
    await toggle.click();
    await expect(advisorPage.getByRole("heading", { name: "You are offline" })).toBeVisible();
    await expect(card).toContainText("Offline");

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
    await advisorContext.close();
    await visitorContext.close();
  }
});
