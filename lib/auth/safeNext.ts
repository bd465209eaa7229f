/** Only same-site paths are followed after sign-in ("/x", never "//host" or "https://…"). */
export function safeNextPath(next: unknown): string | undefined {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return undefined;
  return next;
}
