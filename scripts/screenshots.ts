/**
 * Screenshots of the landing page and each role's home at desktop and phone
 * widths, for a human to look at: `node --import tsx scripts/screenshots.ts [baseUrl] [outDir]`
 * against a running app (default http://localhost:3000 → /tmp/shots).
 */
import { chromium, type Browser, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import path from "node:path";

const baseUrl = process.argv[2] ?? "http://localhost:3000";
const outDir = process.argv[3] ?? "/tmp/shots";

const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
const roles = [
  { role: "client", label: "Client", name: "Chris Client", pages: ["/advisors", "/wallet", "/sessions"] },
  { role: "advisor", label: "Advisor", name: "Maya Chen", pages: ["/advisor", "/advisor/profile", "/advisor/earnings"] },
  { role: "admin", label: "Admin", name: "Ada Admin", pages: ["/admin", "/admin/users", "/admin/settings", "/admin/audit", "/admin/exports"] },
];

async function shoot(page: Page, file: string) {
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(outDir, file), fullPage: true });
  console.log(path.join(outDir, file));
}

async function run(browser: Browser, device: keyof typeof viewports) {
  const visitor = await browser.newContext({ viewport: viewports[device], deviceScaleFactor: 1 });
  const page = await visitor.newPage();
  for (const [name, url] of [["landing", "/"], ["sign-in", "/sign-in"], ["not-found", "/no-such-page"]]) {
    await page.goto(baseUrl + url);
    await shoot(page, `${name}-${device}.png`);
  }
  await visitor.close();

  for (const { role, label, name, pages } of roles) {
    const context = await browser.newContext({ viewport: viewports[device], deviceScaleFactor: 1 });
    const rolePage = await context.newPage();
    await rolePage.goto(`${baseUrl}/sign-in`);
    await rolePage.getByRole("button", { name: `Continue as ${name} (${label})` }).click();
    await rolePage.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
    for (const pagePath of pages) {
      await rolePage.goto(baseUrl + pagePath);
      await shoot(rolePage, `${role}${pagePath.replaceAll("/", "-")}-${device}.png`);
    }
    if (role === "client") {
      await rolePage.goto(`${baseUrl}/admin`);
      await shoot(rolePage, `client-refused-admin-${device}.png`);
    }
    await context.close();
  }
}

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-dev-shm-usage"] });
try {
  for (const device of Object.keys(viewports) as (keyof typeof viewports)[]) await run(browser, device);
} finally {
  await browser.close();
}
