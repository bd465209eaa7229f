/**
 * A CSV export streamed by pages (issue 14, item 6): each page is one bounded
 * query (a Convex paginated query called with the previous page's cursor),
 * turned into CSV text as it arrives, so an export of 100,000 rows never asks
 * one transaction to read them all and the browser never holds the rows,
 * only their text.
 */
import { csvCell } from "./csv";

export type CsvPage<T> = { page: T[]; isDone: boolean; continueCursor: string };
export type CsvCells = readonly (string | number)[];

/** Rows per page: well inside a query's read limits, few enough round trips for 100,000 rows. */
export const EXPORT_PAGE_SIZE = 1000;
/** A guard against a cursor that never ends. */
const MAX_PAGES = 1000;

const line = (cells: CsvCells) => cells.map(csvCell).join(",") + "\r\n";

export async function csvByPages<T>(
  fetchPage: (cursor: string | null) => Promise<CsvPage<T>>,
  header: readonly string[],
  toCells: (row: T) => CsvCells,
  onProgress?: (rows: number) => void,
): Promise<{ chunks: string[]; rows: number }> {
  const chunks = [line(header)];
  let cursor: string | null = null;
  let rows = 0;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const result: CsvPage<T> = await fetchPage(cursor);
    chunks.push(result.page.map((row) => line(toCells(row))).join(""));
    rows += result.page.length;
    onProgress?.(rows);
    if (result.isDone) return { chunks, rows };
    cursor = result.continueCursor;
  }
  throw new Error(`The export did not finish within ${MAX_PAGES} pages.`);
}

/** Dates in CSV: ISO 8601 in UTC, which every spreadsheet reads. */
export const isoTime = (at: number | undefined) => (at === undefined ? "" : new Date(at).toISOString());
/** Money in CSV: the minor units as a decimal string ("12.34"), never a float. */
export function decimalAmount(cents: number, digits = 2): string {
  const sign = cents < 0 ? "-" : "";
  const text = String(Math.abs(cents)).padStart(digits + 1, "0");
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
