import { describe, expect, it } from "vitest";
import { absoluteLink, escapeHtml, renderEmail } from "./emailTemplate";
import { KIND_LABELS, NOTIFICATION_KINDS } from "./kinds";

const APP = "https://app.expertline.test";

describe("escapeHtml", () => {
  it.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    [`"quoted" & 'single'`, "&quot;quoted&quot; &amp; &#39;single&#39;"],
    ["plain words", "plain words"],
  ])("escapes %s", (input, output) => expect(escapeHtml(input)).toBe(output));
});

describe("absoluteLink", () => {
  it.each([
    ["/session/abc/receipt", `${APP}/session/abc/receipt`],
    [undefined, `${APP}/`],
    ["javascript:alert(1)", `${APP}/`],
    ["//evil.example/x", `${APP}/`],
    ["https://evil.example/", `${APP}/`],
  ])("makes %s absolute within the app", (href, expected) => expect(absoluteLink(APP, href)).toBe(expected));
});

describe("renderEmail", () => {
  it.each(NOTIFICATION_KINDS)("renders %s with the product name, the message, its button to the page and the preferences footer", (kind) => {
    const email = renderEmail({ kind, title: "Something happened", body: "Details here.", href: "/wallet", recipientName: "Chris" }, APP);
    expect(email.subject).toBe("Something happened · ExpertLine");
    for (const part of [email.html, email.text]) {
      expect(part).toContain("Something happened");
      expect(part).toContain("Details here.");
      expect(part).toContain(`${APP}/wallet`);
      expect(part).toContain(`${APP}/notifications/preferences`);
      expect(part).toContain(KIND_LABELS[kind].action);
    }
    expect(email.html).toContain("ExpertLine");
    expect(email.html).toContain('name="viewport"');
  });

  it("escapes a user's words in the HTML and keeps them as written in the text", () => {
    const email = renderEmail({ kind: "dispute_resolved", title: "Refund <b>now</b>", body: `Note: "<img src=x onerror=alert(1)>"`, recipientName: "<Mallory>" }, APP);
    expect(email.html).not.toContain("<img");
    expect(email.html).not.toContain("<b>now</b>");
    expect(email.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(email.html).toContain("Hello &lt;Mallory&gt;");
    expect(email.text).toContain(`Note: "<img src=x onerror=alert(1)>"`);
  });
});
