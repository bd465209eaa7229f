import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { freshAccount } from "../fixtures/accounts";
import { createAccount } from "../fixtures/auth";

async function openWallet(page: Page) {
  await page.goto("/wallet");
  await expect(page.getByRole("heading", { name: "Wallet", level: 1 })).toBeVisible();
}

/** Starts a $25 top-up from the wallet and returns the test checkout's URL. */
async function startTopUp(page: Page) {
  await page.getByRole("button", { name: "Add $25.00" }).click();
  await expect(page).toHaveURL(/\/checkout\/[^/]+$/);
  return page.url();
}

test("a client tops up $25 with the success card and the open wallet updates without a reload", async ({ context }) => {
  const wallet = await context.newPage();
  await createAccount(wallet, freshAccount("Topper"));
  await openWallet(wallet);
  await expect(wallet.getByTestId("wallet-available")).toHaveText("$0.00");
  let reloaded = false;
  wallet.on("load", () => (reloaded = true));

  const checkout = await context.newPage();
  await checkout.goto("/wallet");
  await startTopUp(checkout);
  await checkout.getByLabel("Card number").fill("4242 4242 4242 4242");
  await checkout.getByRole("button", { name: "Pay $25.00" }).click();
  await expect(checkout.getByTestId("checkout-paid")).toContainText("$25.00 was added to your wallet");

  await expect(wallet.getByTestId("wallet-available")).toHaveText("$25.00");
  await expect(wallet.getByTestId("history-row")).toHaveCount(1);
  await expect(wallet.getByTestId("history-row").first()).toContainText("Top-up");
  expect(reloaded).toBe(false);
});

test("a declined card shows the decline and the balance stays the same", async ({ page }) => {
  await createAccount(page, freshAccount("Declined"));
  await openWallet(page);
  await startTopUp(page);
  const cardNumber = page.getByLabel("Card number");
  await cardNumber.fill("4000 0000 0000 0002");
  await page.getByRole("button", { name: "Pay $25.00" }).click();
  // The decline is said next to the card number, which takes the focus.
  await expect(cardNumber).toHaveAccessibleDescription("Your card was declined.");
  await expect(cardNumber).toHaveAttribute("aria-invalid", "true");
  await expect(cardNumber).toBeFocused();
  await cardNumber.fill("4000 0000 0000 9995");
  await page.getByRole("button", { name: "Pay $25.00" }).click();
  await expect(cardNumber).toHaveAccessibleDescription("Your card has insufficient funds.");
  const expiry = page.getByLabel("Expiry (MM/YY)");
  await expiry.fill("01/20");
  await cardNumber.fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: "Pay $25.00" }).click();
  await expect(expiry).toHaveAccessibleDescription("Your card has expired.");
  await expect(expiry).toBeFocused();
  await expect(cardNumber).not.toHaveAttribute("aria-invalid");

  await openWallet(page);
  await expect(page.getByTestId("wallet-available")).toHaveText("$0.00");
  await expect(page.getByText("No transactions yet.")).toBeVisible();
});

test("the CSV export downloads the rows shown", async ({ page }) => {
  await createAccount(page, freshAccount("Exporter"));
  for (const card of ["4242 4242 4242 4242", "4242 4242 4242 4242"]) {
    await openWallet(page);
    await startTopUp(page);
    await page.getByLabel("Card number").fill(card);
    await page.getByRole("button", { name: "Pay $25.00" }).click();
    await expect(page.getByTestId("checkout-paid")).toBeVisible();
  }
  await openWallet(page);
  await expect(page.getByTestId("history-row")).toHaveCount(2);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV (2)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^expertline-wallet-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = (await readFile(await download.path(), "utf8")).trim().split("\r\n");
  expect(lines[0]).toBe("Date,Type,Description,Account,Amount,Currency");
  expect(lines.slice(1)).toEqual([
    expect.stringMatching(/^\d{4}-.*,Top-up,Wallet top-up,Cash,25\.00,USD$/),
    expect.stringMatching(/^\d{4}-.*,Top-up,Wallet top-up,Cash,25\.00,USD$/),
  ]);
});
