/** Stands in for the app's own origin: only whether resolving `next` changes it matters, not which origin it is. */
const APP_ORIGIN = "http://app.invalid";

/** Longer than any path of this app; a bound on what is echoed back into the page and the redirect. */
const MAX_LENGTH = 2048;

/**
 * C0 controls, DEL and C1 controls: browsers drop tabs and newlines from URLs,
 * so "/\t/evil.example" would become "//evil.example" in the browser.
 */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/**
 * The path to follow after sign-in, or undefined (the caller then uses the
 * role's home page). Only a same-origin path survives: `next` is resolved
 * against the app's origin and kept only when the origin is unchanged; control
 * characters, backslashes and protocol-relative forms ("//host", "/\host",
 * also when they appear only after dot segments are resolved) are refused.
 * Returns the normalised path, query and fragment.
 */
export function safeNextPath(next: unknown): string | undefined {
  if (typeof next !== "string" || next.length > MAX_LENGTH) return undefined;
  if (!next.startsWith("/") || next.startsWith("//") || next.includes("\\") || hasControlCharacter(next)) return undefined;

  let url: URL;
  try {
    url = new URL(next, APP_ORIGIN);
  } catch {
    return undefined;
  }
  if (url.origin !== APP_ORIGIN) return undefined;
  const path = url.pathname + url.search + url.hash;
  // "/a/../..//evil" normalises to "//evil", which a browser reads as another host.
  if (!path.startsWith("/") || path.startsWith("//")) return undefined;
  return path;
}
