/**
 * Dispute rules shared by the form and the backend (SPEC §7): the reasons a
 * client may give and the bound on the description.
 */

export const DISPUTE_REASONS = ["technical_problem", "advisor_unresponsive", "not_as_described", "billing_error", "other"] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

export const DISPUTE_REASON_LABELS: Record<DisputeReason, string> = {
  technical_problem: "Technical problem",
  advisor_unresponsive: "Advisor unresponsive",
  not_as_described: "Not as described",
  billing_error: "Billing error",
  other: "Other",
};

/** The longest description a dispute takes, in characters once trimmed. */
export const DISPUTE_DESCRIPTION_MAX = 2000;

export const DISPUTE_OUTCOMES = ["full_refund", "partial_refund", "reject"] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

/** The problem with a description, or null when it is acceptable. */
export function descriptionProblem(description: string): string | null {
  const trimmed = description.trim();
  if (trimmed === "") return "Describe what went wrong.";
  if (trimmed.length > DISPUTE_DESCRIPTION_MAX) return `Keep the description to ${DISPUTE_DESCRIPTION_MAX} characters (now ${trimmed.length}).`;
  return null;
}
