import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { DEMO } from "../fixtures/accounts";
import { signInAs } from "../fixtures/auth";
import { expect, test, type BrowserLog } from "../fixtures/test";

/**
 * Every route, as a visitor, a client, an advisor and an admin, at desktop
 * (1280 px) and phone (390 px) widths. A route answers what the role may see
 * (the page, a 403, or the sign-in page), and fails the test on any console
 * error or failed request (the browser log of ../fixtures/test), on a page
 * wider than a 390 px phone, and on any serious or critical accessibility
 * violation axe-core finds (controls and images without a name, contrast, …).
 *
 * The route table must name every page in app/: a new page fails the first
 * test until it is added here.
 */

type Role = "visitor" | "client" | "advisor" | "admin";
type Ids = { advisorId: string; sessionId: string; checkoutId: string };
type Route = {
  /** The page's route pattern, as its folder in app/ spells it (route groups left out). */
  pattern: string;
  path: (ids: Ids) => string;
  /** The signed-in roles that may open it; null: anyone, visitors too. */
  roles: readonly Exclude<Role, "visitor">[] | null;
  /** Needs data the walk cannot make yet: the route is listed, and reported as not walked. */
  notWalked?: string;
};

const ROUTES: Route[] = [
  { pattern: "/", path: () => "/", roles: null },
  { pattern: "/advisors", path: () => "/advisors", roles: null },
  { pattern: "/advisors/[advisorId]", path: (ids) => `/advisors/${ids.advisorId}`, roles: null },
  { pattern: "/sign-in", path: () => "/sign-in", roles: null },
  { pattern: "/wallet", path: () => "/wallet", roles: ["client"] },
  { pattern: "/sessions", path: () => "/sessions", roles: ["client"] },
  { pattern: "/bookings", path: () => "/bookings", roles: ["client"] },
  { pattern: "/checkout/[checkoutId]", path: (ids) => `/checkout/${ids.checkoutId}`, roles: ["client"] },
  { pattern: "/session/[sessionId]", path: (ids) => `/session/${ids.sessionId}`, roles: ["client", "advisor", "admin"] },
  { pattern: "/session/[sessionId]/receipt", path: (ids) => `/session/${ids.sessionId}/receipt`, roles: ["client", "advisor", "admin"] },
  { pattern: "/advisor", path: () => "/advisor", roles: ["advisor"] },
  { pattern: "/advisor/sessions", path: () => "/advisor/sessions", roles: ["advisor"] },
  { pattern: "/advisor/bookings", path: () => "/advisor/bookings", roles: ["advisor"] },
  { pattern: "/advisor/availability", path: () => "/advisor/availability", roles: ["advisor"] },
  { pattern: "/advisor/profile", path: () => "/advisor/profile", roles: ["advisor"] },
  { pattern: "/advisor/earnings", path: () => "/advisor/earnings", roles: ["advisor"] },
  { pattern: "/admin", path: () => "/admin", roles: ["admin"] },
  { pattern: "/admin/users", path: () => "/admin/users", roles: ["admin"] },
  // An id that names no user: the page says so (a real user's page is walked in admin-sees-figures-move-and-changes-the-fee).
  { pattern: "/admin/users/[userId]", path: () => "/admin/users/none", roles: ["admin"] },
  { pattern: "/admin/ledger", path: () => "/admin/ledger", roles: ["admin"] },
  { pattern: "/admin/disputes", path: () => "/admin/disputes", roles: ["admin"] },
  { pattern: "/admin/withdrawals", path: () => "/admin/withdrawals", roles: ["admin"] },
  { pattern: "/admin/settings", path: () => "/admin/settings", roles: ["admin"] },
  { pattern: "/admin/audit", path: () => "/admin/audit", roles: ["admin"] },
  { pattern: "/admin/exports", path: () => "/admin/exports", roles: ["admin"] },
  { pattern: "/admin/refunds", path: () => "/admin/refunds", roles: ["admin"] },
  { pattern: "/admin/applications", path: () => "/admin/applications", roles: ["admin"] },
  { pattern: "/apply", path: () => "/apply", roles: ["client"] },
  { pattern: "/favourites", path: () => "/favourites", roles: ["client"] },
  { pattern: "/notifications", path: () => "/notifications", roles: ["client", "advisor", "admin"] },
  { pattern: "/notifications/preferences", path: () => "/notifications/preferences", roles: ["client", "advisor", "admin"] },
  { pattern: "/admin/mailbox", path: () => "/admin/mailbox", roles: ["admin"] },
  {
    pattern: "/admin/mailbox/[messageId]",
    path: () => "/admin/mailbox/none",
    roles: ["admin"],
    notWalked: "needs an email's id; opened in client-hears-when-an-advisor-comes-online",
  },
  {
    pattern: "/admin/disputes/[disputeId]",
    path: () => "/admin/disputes/none",
    roles: ["admin"],
    notWalked: "needs a dispute, which the walk cannot open yet",
  },
];
/** Not a page of app/, but every role can land on it. */
const NOT_FOUND = "/no-such-page";

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
const ROLES: readonly Role[] = ["visitor", "client", "advisor", "admin"];

/** app/**\/page.tsx as route patterns: "(client)/wallet/page.tsx" → "/wallet". */
function pagePatterns(dir = "app"): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...pagePatterns(path));
    else if (/^page\.(tsx|ts|jsx|js)$/.test(entry)) {
      const segments = relative("app", dir).split(sep).filter((s) => s !== "" && !/^\(.*\)$/.test(s));
      found.push(`/${segments.join("/")}`);
    }
  }
  return found;
}

/** A finished chat between the demo client and advisor (for the room and its receipt), and an open checkout of the client. */
async function demoData(browser: Browser): Promise<Ids> {
  const [clientContext, advisorContext] = await Promise.all([browser.newContext(), browser.newContext()]);
  try {
    const [client, advisor] = await Promise.all([clientContext.newPage(), advisorContext.newPage()]);
    await signInAs(advisor, DEMO.advisor, "advisor");
    const online = advisor.getByRole("switch", { name: "Available for live sessions" });
    if ((await online.getAttribute("aria-checked")) !== "true") await online.click();
    await expect(advisor.getByRole("heading", { name: "You are online" })).toBeVisible();

    await signInAs(client, DEMO.client, "client");
    await client.goto("/advisors");
    await client.getByRole("link", { name: DEMO.advisor.name }).first().click();
    await expect(client.getByRole("heading", { name: DEMO.advisor.name, level: 1 })).toBeVisible();
    const advisorId = client.url().split("/").at(-1)!;
    await client.getByRole("button", { name: "Start chat" }).click();
    await advisor.getByRole("button", { name: `Accept chat request from ${DEMO.client.name}` }).click();
    await expect(client.getByTestId("session-status")).toHaveAttribute("data-status", "active");
    const sessionId = client.url().split("/").at(-1)!;
    await client.getByLabel("Message").fill("Hello, a quick question about my CV.");
    await client.getByRole("button", { name: "Send" }).click();
    await expect(advisor.getByTestId("other-message")).toContainText("a quick question");
    await client.getByRole("button", { name: "End session" }).click();
    await client.getByRole("button", { name: "Yes, end it" }).click();
    await expect(client.getByTestId("session-status")).toHaveAttribute("data-status", "ended");

    await client.goto("/wallet");
    await client.getByRole("button", { name: "Add $10.00" }).click();
    await expect(client).toHaveURL(/\/checkout\/[^/]+$/);
    const checkoutId = client.url().split("/").at(-1)!;
    return { advisorId, sessionId, checkoutId };
  } finally {
    await Promise.all([clientContext.close(), advisorContext.close()]);
  }
}

/** Waits until nothing on the page is still loading (skeletons, spinners, busy regions). */
async function settled(page: Page) {
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expect(page.locator('[aria-busy="true"], .animate-pulse, .animate-spin')).toHaveCount(0);
}

/** Elements that stick out to the right of a phone-wide page (empty when nothing does). */
async function overflowing(page: Page): Promise<string[]> {
  return await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    return [...document.body.querySelectorAll("*")]
      .filter((element) => element.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")} (right edge ${Math.round(element.getBoundingClientRect().right)} px)`);
  });
}

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
}

test("the walk knows every page of the app", () => {
  expect(pagePatterns().sort()).toEqual(ROUTES.map((r) => r.pattern).sort());
});

test.describe("every route", () => {
  let ids: Ids;
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(120_000);
    ids = await demoData(browser);
  });

  for (const role of ROLES) {
    for (const [device, viewport] of Object.entries(VIEWPORTS)) {
      test(`as ${/^[aeiou]/.test(role) ? "an" : "a"} ${role} at ${device} width (${viewport.width} px)`, async ({ browser, browserLog }) => {
        test.setTimeout(300_000);
        const context = await browser.newContext({ viewport });
        const page = await context.newPage();
        const problems: string[] = [];
        try {
          if (role !== "visitor") await signInAs(page, DEMO[role], role);
          for (const route of [...ROUTES, { pattern: NOT_FOUND, path: () => NOT_FOUND, roles: null } satisfies Route]) {
            if (route.notWalked !== undefined) {
              test.info().annotations.push({ type: "not walked", description: `${route.pattern}: ${route.notWalked}` });
              continue;
            }
            problems.push(...(await walk(page, browserLog, route, role, device as keyof typeof VIEWPORTS, ids)));
          }
        } finally {
          await context.close();
        }
        expect(problems).toEqual([]);
      });
    }
  }
});

/** Opens one route as `role` and returns what is wrong with it: overflow on a phone, accessibility violations. */
async function walk(page: Page, browserLog: BrowserLog, route: Route, role: Role, device: keyof typeof VIEWPORTS, ids: Ids): Promise<string[]> {
  const path = route.path(ids);
  const allowed = route.roles === null || (role !== "visitor" && route.roles.includes(role));
  const outcome = route.pattern === NOT_FOUND ? "not found" : allowed ? "page" : role === "visitor" ? "sign-in" : "refused";
  if (outcome === "refused") browserLog.allowPageStatus(403, path);
  if (outcome === "not found") browserLog.allowPageStatus(404, path);

  const response = await page.goto(path);
  if (outcome === "sign-in") await expect(page, `${path} sends a visitor to sign in`).toHaveURL(/\/sign-in\?next=/);
  else expect(response?.status(), `${path} as ${role}`).toBe(outcome === "refused" ? 403 : outcome === "not found" ? 404 : 200);
  if (outcome === "refused") await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await settled(page);

  const where = `${path} as ${role} at ${VIEWPORTS[device].width} px`;
  const problems: string[] = [];
  if (device === "phone") problems.push(...(await overflowing(page)).map((element) => `${where}: wider than the phone: ${element}`));
  problems.push(...(await seriousViolations(page)).map((violation) => `${where}: ${violation}`));
  const shots = process.env.SESSION_SHOTS;
  if (shots && outcome === "page") {
    const slug = route.pattern === "/" ? "home" : route.pattern.slice(1).replace(/\[|\]/g, "").replace(/\//g, "-");
    await page.screenshot({ path: `${shots}/walk-${role}-${slug}-${device}.png`, fullPage: true });
  }
  return problems;
}
