/** Local accounts are keyed by email: signing in again with the same email is the same account. */
export function localSubjectFor(email: string): string {
  return `local:${email.trim().toLowerCase()}`;
}

/** Convex's tokenIdentifier for a token: `issuer|subject`. */
export function tokenIdentifierFor(issuer: string, subject: string): string {
  return `${issuer}|${subject}`;
}
