/** A withdrawal's states (SPEC §6): requested → approved → paid, or rejected with the funds returned. */
export const WITHDRAWAL_STATUSES = ["requested", "approved", "paid", "rejected"] as const;
export type WithdrawalStatus = (typeof WITHDRAWAL_STATUSES)[number];
/** At most one of these per advisor at a time. */
export const OPEN_WITHDRAWAL_STATUSES: readonly WithdrawalStatus[] = ["requested", "approved"];
