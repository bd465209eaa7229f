/**
 * Bounds of the free-text fields people type (SPEC §10: every text argument
 * has a bound). The forms show them as counters and field errors; the backend
 * enforces the same numbers and refuses longer text, never cuts it.
 */
export const TEXT_LIMITS = {
  headline: 120,
  bio: 2000,
  specialty: 40,
  chatMessage: 2000,
  reason: 500,
} as const;

/** An advisor lists 1 to this many specialties. */
export const MAX_SPECIALTIES = 5;

/** The length the backend checks: the trimmed text. */
export function textLength(text: string): number {
  return text.trim().length;
}

/**
 * A field error for text longer than `max` once trimmed (e.g. "The headline
 * has 200 characters; the limit is 120."), or null when it fits.
 */
export function tooLongError(label: string, text: string, max: number): string | null {
  const length = textLength(text);
  return length > max ? `${label} has ${length.toLocaleString("en-US")} characters; the limit is ${max.toLocaleString("en-US")}.` : null;
}

/** Specialties as the backend stores them: trimmed, empty ones dropped, duplicates removed. */
export function normalizeSpecialties(list: readonly string[]): string[] {
  return [...new Set(list.map((s) => s.trim()).filter((s) => s !== ""))];
}

/** The first problem with a choice of specialties, or null. */
export function specialtiesError(specialties: readonly string[]): string | null {
  if (specialties.length === 0) return "Choose at least one specialty.";
  if (specialties.length > MAX_SPECIALTIES) return `Choose at most ${MAX_SPECIALTIES} specialties; there are ${specialties.length}.`;
  const long = specialties.find((s) => s.length > TEXT_LIMITS.specialty);
  if (long !== undefined) return `“${long.slice(0, 20)}…” has ${long.length} characters; a specialty has at most ${TEXT_LIMITS.specialty}.`;
  return null;
}
