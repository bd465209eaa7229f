/**
 * Index keys in Convex's value order: a document's key in an index is its
 * index fields, then `_creationTime`, then `_id`. Ranges (`withIndex` bounds)
 * are prefixes of such keys; cursors are encoded keys.
 */
import { compareValues, convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";

export type IndexKey = (Value | undefined)[];

export type RangeFilter = { type: "Eq" | "Gt" | "Gte" | "Lt" | "Lte"; fieldPath: string; value: unknown };

/** A prefix bound: keys compare against `values` on its length only. */
export type Bound = { values: IndexKey; inclusive: boolean };

export type KeyRange = { lower: Bound; upper: Bound };

export type Order = "asc" | "desc";

export const SYSTEM_FIELDS = ["_creationTime", "_id"];

export function fieldOf(doc: Record<string, unknown>, fieldPath: string): Value | undefined {
  if (!fieldPath.includes(".")) return doc[fieldPath] as Value | undefined;
  let value: unknown = doc;
  for (const part of fieldPath.split(".")) {
    value = value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value as Value | undefined;
}

export function keyOf(doc: Record<string, unknown>, fields: string[]): IndexKey {
  const key: IndexKey = new Array(fields.length);
  for (let i = 0; i < fields.length; i++) key[i] = fieldOf(doc, fields[i]!);
  return key;
}

/** Convex's total order on values, with fast paths for the common scalar cases. */
export function compareValue(a: Value | undefined, b: Value | undefined): number {
  if (typeof a === "number" && typeof b === "number" && a === a && b === b && a !== 0 && b !== 0) return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  return compareValues(a, b);
}

/**
 * UTF-8 byte order (Convex's string order) without encoding: it is code point
 * order, which differs from UTF-16 unit order only where a surrogate (a code
 * point above U+FFFF) meets a unit from U+E000 up.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

/** Compares `key` with `prefix` on the prefix's length. */
export function comparePrefix(key: IndexKey, prefix: IndexKey): number {
  for (let i = 0; i < prefix.length; i++) {
    const cmp = compareValue(key[i], prefix[i]);
    if (cmp !== 0) return cmp;
  }
  return 0;
}

export function compareKeys(a: IndexKey, b: IndexKey): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const cmp = compareValue(a[i], b[i]);
    if (cmp !== 0) return cmp;
  }
  return a.length - b.length;
}

export function decodeBoundValue(value: unknown): Value | undefined {
  if (value !== null && typeof value === "object" && "$undefined" in value) return undefined;
  return jsonToConvex(value as JSONValue);
}

/**
 * The key range of successive `withIndex` filters: equalities on a prefix of
 * the index fields, then optional lower and upper bounds on the next field.
 */
export function keyRangeOf(range: RangeFilter[]): KeyRange {
  const eqs: IndexKey = [];
  let lower: Bound | null = null;
  let upper: Bound | null = null;
  for (const filter of range) {
    const value = decodeBoundValue(filter.value);
    if (filter.type === "Eq") eqs.push(value);
    else if (filter.type === "Gt" || filter.type === "Gte") lower = { values: [...eqs, value], inclusive: filter.type === "Gte" };
    else upper = { values: [...eqs, value], inclusive: filter.type === "Lte" };
  }
  return { lower: lower ?? { values: eqs, inclusive: true }, upper: upper ?? { values: eqs, inclusive: true } };
}

export function aboveLower(key: IndexKey, lower: Bound): boolean {
  const cmp = comparePrefix(key, lower.values);
  return lower.inclusive ? cmp >= 0 : cmp > 0;
}

export function belowUpper(key: IndexKey, upper: Bound): boolean {
  const cmp = comparePrefix(key, upper.values);
  return upper.inclusive ? cmp <= 0 : cmp < 0;
}

export function keyInRange(key: IndexKey, range: KeyRange): boolean {
  return aboveLower(key, range.lower) && belowUpper(key, range.upper);
}

/** Position of `a` relative to `b` in the scan direction. */
export function compareInOrder(a: IndexKey, b: IndexKey, order: Order): number {
  const cmp = compareKeys(a, b);
  return order === "asc" ? cmp : -cmp;
}

/** A cursor is the encoded full key of the last document of a page. */
export function encodeCursor(key: IndexKey): string {
  return JSON.stringify(key.map((v) => (v === undefined ? null : [convexToJson(v)])));
}

export function decodeCursor(cursor: string): IndexKey {
  const parts = JSON.parse(cursor) as unknown;
  if (!Array.isArray(parts)) throw new Error(`Invalid pagination cursor: ${cursor}`);
  return parts.map((part: unknown) => {
    if (part === null) return undefined;
    if (Array.isArray(part) && part.length === 1) return jsonToConvex(part[0] as JSONValue);
    // convex-test's cursor format: each value JSON-encoded as a string.
    if (typeof part === "string") return jsonToConvex(JSON.parse(part) as JSONValue);
    throw new Error(`Invalid pagination cursor: ${cursor}`);
  });
}
