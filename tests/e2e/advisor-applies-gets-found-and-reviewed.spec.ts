import { expect, test } from "../fixtures/test";
import { DEMO, NAV, freshAccount } from "../fixtures/accounts";
import { createAccount, mainNav, signInAs } from "../fixtures/auth";
import { fundedClient, screenshots, threeContexts } from "../fixtures/sessions";

test("a client applies, an admin approves, the new advisor is found, goes online, is saved, reviewed, replies, and an abusive review is hidden", async ({ browser }) => {
  test.setTimeout(240_000);
  const { admin, advisor: applicant, client, close } = await threeContexts(browser);
  try {
    // Apply: a refusal at its field first, then the application waits for review.
    const account = freshAccount("Applicant");
    const name = `Rosa ${account.name.split(" ")[1]}`;
    await createAccount(applicant, account);
    await applicant.getByRole("button", { name: `Account menu for ${account.name}` }).click();
    await applicant.getByRole("link", { name: "Become an advisor" }).click();
    await expect(applicant.getByRole("heading", { name: "Become an advisor", level: 1 })).toBeVisible();
    await applicant.getByLabel("Name clients will see").fill(name);
    await applicant.getByLabel("Years of experience").fill("12");
    await applicant.getByLabel("Headline").fill("Immigration lawyer for work and family visas");
    await applicant.getByLabel("About you").fill("Twelve years of visa cases across Europe, explained in plain words.");
    await applicant.getByRole("checkbox", { name: "Immigration" }).check();
    await applicant.getByRole("checkbox", { name: "Law" }).check();
    await applicant.getByRole("checkbox", { name: "Spanish" }).check();
    await applicant.getByLabel("Chat price per minute (USD)").fill("0.05");
    await applicant.getByLabel("Video price per minute (USD)").fill("3.40");
    await applicant.getByRole("button", { name: "Send application" }).click();
    await expect(applicant.getByLabel("Chat price per minute (USD)")).toHaveAccessibleDescription(/must be from \$0\.10 to \$100\.00/);
    await applicant.getByLabel("Chat price per minute (USD)").fill("2.20");
    await applicant.getByRole("button", { name: "Send application" }).click();
    await expect(applicant.getByTestId("application-status")).toContainText("Waiting for review");
    await screenshots(applicant, "apply-waiting");

    // The admin approves in another browser; the applicant's page follows live.
    await signInAs(admin, DEMO.admin, "admin");
    await admin.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Applications" }).click();
    const row = admin.getByTestId("queue-row").filter({ hasText: name });
    await expect(row).toContainText("Immigration, Law");
    await screenshots(admin, "admin-applications");
    await row.getByRole("button", { name: "Approve" }).click();
    await expect(applicant.getByTestId("application-status")).toContainText("Approved");
    await expect(mainNav(applicant)).toHaveText([...NAV.advisor]);
    await expect(applicant.getByRole("link", { name: "Open your advisor dashboard" })).toBeVisible();
    // The decision reaches the bell live, and the notifications page.
    await expect(applicant.getByTestId("notification-bell")).toHaveAccessibleName("Notifications, 1 unread");
    await applicant.getByTestId("notification-bell").click();
    await expect(applicant.getByTestId("notification").first()).toContainText("You are now an advisor");
    await screenshots(applicant, "notifications");
    await applicant.getByRole("button", { name: "Mark all as read" }).click();
    await expect(applicant.getByTestId("notification-bell")).toHaveAccessibleName("Notifications");

    // A client finds the new advisor by a search, with the application's prices, and saves them.
    await fundedClient(client, "$10.00");
    await client.goto(`/advisors?q=${encodeURIComponent(name)}`);
    const card = client.getByRole("article").filter({ hasText: name });
    await expect(card).toContainText("$2.20/min");
    await expect(card).toContainText("Offline");
    await card.getByRole("button", { name: `Save ${name} to favourites` }).click();
    await expect(card.getByRole("button", { name: `Remove ${name} from favourites` })).toHaveAttribute("aria-pressed", "true");
    await client.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Favourites" }).click();
    const favourite = client.getByTestId("favourite-results").getByRole("article").filter({ hasText: name });
    await expect(favourite).toContainText("Offline");

    // Going online shows on the client's open favourites page without a reload.
    await applicant.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Dashboard" }).click();
    await applicant.getByRole("switch", { name: "Available for live sessions" }).click();
    await expect(favourite).toContainText("Online");

    // A short chat, rated with detailed ratings.
    await favourite.getByRole("link", { name }).click();
    await client.getByRole("button", { name: "Start chat" }).click();
    await applicant.getByRole("button", { name: /^Accept chat request from/ }).click();
    await expect(client.getByTestId("session-status")).toHaveAttribute("data-status", "active");
    await client.getByRole("button", { name: "End session" }).click();
    await client.getByRole("button", { name: "Yes, end it" }).click();
    await expect(client.getByTestId("session-status")).toHaveAttribute("data-status", "ended");
    await client.getByRole("radio", { name: "4 stars" }).check();
    await client.getByLabel("Expertise (optional)").selectOption("5");
    await client.getByLabel("Feedback (optional)").fill("Knew exactly which visa to ask for.");
    await client.getByRole("button", { name: "Submit rating" }).click();
    await expect(client.getByTestId("rating-done")).toBeVisible();

    // The advisor replies once from their profile page; the client sees it on the advisor's page.
    await applicant.goto("/advisor/profile");
    const own = applicant.getByTestId("own-review").first();
    await expect(own).toContainText("Knew exactly which visa to ask for.");
    await own.getByLabel("Your public reply (once)").fill("Glad it helped. Good luck with the move!");
    await own.getByRole("button", { name: "Post reply" }).click();
    await expect(own).toContainText("Reply from the advisor");
    await expect(applicant.getByTestId("profile-completion")).toContainText("% complete");
    await screenshots(applicant, "advisor-profile-reviews");

    await client.goto(`/advisors?q=${encodeURIComponent(name)}`);
    await client.getByRole("link", { name }).click();
    const reviews = client.getByTestId("advisor-reviews");
    await expect(reviews).toContainText("4.0 out of 5 from 1 ratings");
    await expect(reviews).toContainText("Expertise");
    await expect(reviews.getByTestId("review").first()).toContainText("Glad it helped.");
    await screenshots(client, "advisor-page-reviews");

    // The admin hides the review with a reason; it leaves the client's open page live.
    await admin.goto(client.url());
    await admin.getByRole("button", { name: "Hide review…" }).click();
    await admin.getByLabel("Reason").fill("Test of hiding a review");
    await admin.getByRole("button", { name: "Hide review" }).click();
    await expect(reviews.getByTestId("review")).toHaveCount(0);
    await expect(reviews).toContainText("No reviews yet.");
  } finally {
    await close();
  }
});
