/** Sends one outbox message through SMTP with nodemailer (MAIL_TRANSPORT_URL, e.g. smtps://user:pass@smtp.example.com). */
import nodemailer from "nodemailer";
import type { EmailAttachment } from "./calendar";
import { PRODUCT_NAME } from "./emailTemplate";

export type OutgoingEmail = { to: string; subject: string; html: string; text: string; attachments: EmailAttachment[]; messageId: string };

/** Whoever the mail transport lets the product send as; MAIL_FROM is not a setting of its own yet. */
export function senderAddress(transportUrl: string): string {
  const url = new URL(transportUrl);
  const user = decodeURIComponent(url.username);
  return `${PRODUCT_NAME} <${user.includes("@") ? user : `no-reply@${url.hostname || "localhost"}`}>`;
}

export async function sendSmtp(transportUrl: string, email: OutgoingEmail): Promise<void> {
  const transport = nodemailer.createTransport(transportUrl);
  try {
    await transport.sendMail({
      from: senderAddress(transportUrl),
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      messageId: email.messageId,
      attachments: email.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    });
  } finally {
    transport.close();
  }
}
