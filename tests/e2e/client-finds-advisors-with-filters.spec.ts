import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { screenshots } from "../fixtures/sessions";

const names = (page: Page) => page.getByTestId("advisor-results").getByRole("heading", { level: 3 }).allTextContents();

test("a visitor filters and sorts advisors, and the URL gives the same results in a new browser", async ({ browser }) => {
  const first = await browser.newContext();
  const second = await browser.newContext();
  try {
    const page = await first.newPage();
    await page.goto("/advisors");
    await expect(page.getByTestId("advisor-results").getByRole("article")).toHaveCount(12);

    await page.getByLabel("Language").selectOption("Spanish");
    await expect(page).toHaveURL(/language=Spanish/);
    await page.getByLabel("Sort by").selectOption({ label: "Lowest price" });
    await expect(page).toHaveURL(/sort=price/);
    // Ana Souza ($0.60/min chat) is the cheapest Spanish speaker of the demo data; prices never go down the list.
    await expect(page.getByTestId("advisor-results").getByRole("heading", { level: 3 }).first()).toHaveText("Ana Souza");
    const spanish = await names(page);
    expect(spanish).toEqual(expect.arrayContaining(["Ana Souza", "Mateo García", "Sam Rivera", "Diego Torres"]));
    expect(spanish).not.toContain("Maya Chen");

    await page.getByLabel("Lowest $/min").fill("1.00");
    await page.getByLabel("Highest $/min").fill("1.50");
    await page.getByLabel("Highest $/min").press("Enter");
    await expect(page).toHaveURL(/min=100&max=150/);
    // Of the demo Spanish speakers only Sam Rivera ($1.20/min) is within $1.00–$1.50 (advisors other tests make list no language or dearer prices).
    await expect.poll(() => names(page)).toEqual(["Sam Rivera"]);
    const filtered = await names(page);
    await screenshots(page, "advisors-filtered");

    // The same URL in another browser shows the same advisors in the same order.
    const shared = await second.newPage();
    await shared.goto(page.url());
    await expect(shared.getByLabel("Language")).toHaveValue("Spanish");
    await expect.poll(() => names(shared)).toEqual(filtered);

    // A text search, then nothing found, then back to everyone.
    await page.goto("/advisors?q=immigration");
    // Jonas Weber of the demo data (and any immigration advisor other specs made), no one else.
    await expect.poll(() => names(page)).toContain("Jonas Weber");
    expect((await names(page)).filter((n) => !n.startsWith("Rosa "))).toEqual(["Jonas Weber"]);
    await page.getByLabel("Search").fill("zzzz nobody");
    await expect(page.getByText("No advisors match")).toBeVisible();
    await expect(page).toHaveURL(/q=zzzz/);
    await page.getByRole("button", { name: "Clear search and filters" }).first().click();
    await expect(page).toHaveURL(/\/advisors$/);
    await expect(page.getByTestId("advisor-results").getByRole("article")).toHaveCount(12);
    await screenshots(page, "advisors-all");
  } finally {
    await first.close();
    await second.close();
  }
});
