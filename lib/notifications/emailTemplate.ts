/**
 * The email of each notification kind: a single inline-styled column that
 * reads on a phone, the product name, the message, a button to the page it is
 * about (absolute, from the app's base URL) and a footer to the preferences.
 * Every piece of text is escaped: titles and bodies carry users' words.
 */
import { KIND_LABELS, type NotificationKind } from "./kinds";

export const PRODUCT_NAME = "ExpertLine";
export const PREFERENCES_PATH = "/notifications/preferences";

export type EmailContent = { kind: NotificationKind; title: string; body: string; href?: string; recipientName: string };
export type RenderedEmail = { subject: string; html: string; text: string };

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** An app path made absolute; anything that is not a path of this app (e.g. "javascript:" or another host) falls back to the app's home. */
export function absoluteLink(appUrl: string, href: string | undefined): string {
  const base = new URL(appUrl);
  if (href === undefined || !href.startsWith("/") || href.startsWith("//")) return base.origin + "/";
  return new URL(href, base).href;
}

const SUBJECT_MAX = 150;

export function renderEmail(content: EmailContent, appUrl: string): RenderedEmail {
  const { action } = KIND_LABELS[content.kind];
  const link = absoluteLink(appUrl, content.href);
  const preferences = absoluteLink(appUrl, PREFERENCES_PATH);
  const subject = `${content.title} · ${PRODUCT_NAME}`.replace(/\s+/g, " ").slice(0, SUBJECT_MAX);
  const text = [
    `Hello ${content.recipientName},`,
    "",
    content.title,
    "",
    content.body,
    "",
    `${action}: ${link}`,
    "",
    "—",
    `${PRODUCT_NAME}. Choose which emails you get: ${preferences}`,
  ].join("\n");
  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(content.title)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f5;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#18181b;">
<div style="max-width:560px;margin:0 auto;padding:24px 16px;">
<p style="margin:0 0 16px;font-size:18px;font-weight:700;color:#4338ca;">${PRODUCT_NAME}</p>
<div style="background:#ffffff;border-radius:12px;padding:24px;">
<p style="margin:0 0 12px;font-size:15px;">Hello ${e(content.recipientName)},</p>
<h1 style="margin:0 0 12px;font-size:20px;line-height:1.3;">${e(content.title)}</h1>
<p style="margin:0 0 24px;font-size:15px;line-height:1.5;white-space:pre-line;">${e(content.body)}</p>
<a href="${e(link)}" style="display:inline-block;background:#4338ca;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 20px;border-radius:8px;">${e(action)}</a>
</div>
<p style="margin:16px 0 0;font-size:12px;color:#71717a;">You get this email from ${PRODUCT_NAME}. <a href="${e(preferences)}" style="color:#4338ca;">Choose which emails you get</a>.</p>
</div>
</body></html>`;
  return { subject, html, text };
}
