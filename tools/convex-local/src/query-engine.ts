/**
 * Query execution on the ordered indexes: streams for `collect`/`take`/
 * `first`/`unique`, pages with cursors for `paginate`, both merged with the
 * running transaction's own pending writes. Each execution can record the
 * exact key interval it read (an IndexScan) for read-set invalidation.
 */
import type { Entry, OrderedIndex } from "./ordered-index.js";
import { scanIndex, type StoredDocument } from "./indexed-store.js";
import type { PendingWrites } from "./transaction-overlay.js";
import {
  compareInOrder,
  decodeCursor,
  encodeCursor,
  keyInRange,
  keyOf,
  type IndexKey,
  type KeyRange,
  type Order,
} from "./index-keys.js";

/**
 * Documents the engine has examined to answer queries (index entries scanned,
 * search candidates read, whole-table visits), process-wide: tests and the
 * bench read it before and after a query to show what the query cost.
 */
export const visits = { documents: 0 };

export type QueryPlan = {
  table: string;
  fields: string[];
  indexName: string;
  index: OrderedIndex<StoredDocument>;
  range: KeyRange;
  order: Order;
  filter: (doc: StoredDocument) => boolean;
  limit: number | null;
};


/**
 * The key interval of an index a query read, in its scan order: after `after`
 * (exclusive, null = from the range start) through `through` (inclusive,
 * null = to the range end). A write outside it cannot change the result.
 */
export type IndexScan = {
  table: string;
  fields: string[];
  range: KeyRange;
  order: Order;
  after: IndexKey | null;
  through: IndexKey | null;
};

export function scanCovers(scan: IndexScan, doc: StoredDocument | null): boolean {
  if (doc === null) return false;
  const key = keyOf(doc, scan.fields);
  if (!keyInRange(key, scan.range)) return false;
  if (scan.after !== null && compareInOrder(key, scan.after, scan.order) <= 0) return false;
  return scan.through === null || compareInOrder(key, scan.through, scan.order) <= 0;
}

/**
 * The entries of the plan's range after `after`, committed ones merged with
 * pending writes. The pending documents are read now, so later writes of the
 * transaction do not change what the returned iterator yields.
 */
export function planEntries(plan: QueryPlan, after: IndexKey | null, pending: PendingWrites | null): Generator<Entry<StoredDocument>> {
  const committed = scanIndex(plan.index, { range: plan.range, order: plan.order, after });
  if (pending === null) return committed;
  return mergeOverlay(committed, pending.entries(plan.range, plan.order, after), pending, plan.order);
}

function* mergeOverlay(
  committed: Generator<Entry<StoredDocument>>,
  overlay: Entry<StoredDocument>[],
  pending: PendingWrites,
  order: Order,
): Generator<Entry<StoredDocument>> {
  let next = 0;
  for (const entry of committed) {
    if (pending.hides(entry.doc._id)) continue;
    while (next < overlay.length && compareInOrder(overlay[next]!.key, entry.key, order) < 0) yield overlay[next++]!;
    yield entry;
  }
  while (next < overlay.length) yield overlay[next++]!;
}

/** A lazily read query result: only the entries it hands out (and the ones filtered out before them) are read. */
export class QueryStream {
  private entries: Generator<Entry<StoredDocument>>;
  private returned = 0;
  private finished = false;

  constructor(
    private readonly plan: QueryPlan,
    pending: PendingWrites | null,
    private readonly scan: IndexScan | null,
  ) {
    this.entries = planEntries(plan, null, pending);
  }

  next(): { value: StoredDocument | null; done: boolean } {
    while (!this.finished) {
      if (this.plan.limit !== null && this.returned >= this.plan.limit) break;
      const step = this.entries.next();
      if (step.done === true) {
        if (this.scan !== null) this.scan.through = null;
        break;
      }
      visits.documents += 1;
      if (this.scan !== null) this.scan.through = step.value.key;
      if (this.plan.filter(step.value.doc)) {
        this.returned += 1;
        return { value: step.value.doc, done: false };
      }
    }
    this.finished = true;
    return { value: null, done: true };
  }
}

export type PageRequest = {
  cursor: string | null;
  endCursor?: string | null;
  pageSize: number;
  maximumRowsRead?: number | null;
  maximumBytesRead?: number | null;
};

export type PageResult = {
  page: StoredDocument[];
  isDone: boolean;
  continueCursor: string;
  splitCursor: string | null;
  pageStatus: "SplitRequired" | null;
};

export const END_CURSOR = "_end_cursor";

export function approximateSize(doc: StoredDocument): number {
  return JSON.stringify(doc, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)).length;
}

/**
 * One page: after `cursor`, up to `pageSize` matching documents, or through
 * `endCursor` (inclusive) when given — a page's end that a live query keeps
 * fixed so the next page still starts where it ends.
 */
export function readPage(plan: QueryPlan, pending: PendingWrites | null, request: PageRequest, scan: IndexScan | null): PageResult {
  const empty = (continueCursor: string): PageResult => ({ page: [], isDone: true, continueCursor, splitCursor: null, pageStatus: null });
  if (request.cursor === END_CURSOR) return empty(END_CURSOR);
  const after = request.cursor === null ? null : decodeCursor(request.cursor);
  const hasEnd = request.endCursor !== undefined && request.endCursor !== null;
  const end = hasEnd && request.endCursor !== END_CURSOR ? decodeCursor(request.endCursor!) : null;
  if (scan !== null) {
    scan.after = after;
    scan.through = end;
  }
  const page: StoredDocument[] = [];
  const readKeys: IndexKey[] = [];
  let bytesRead = 0;
  const entries = planEntries(plan, after, pending);
  for (let step = entries.next(); step.done !== true; step = entries.next()) {
    const { key, doc } = step.value;
    if (end !== null && compareInOrder(key, end, plan.order) > 0) break;
    visits.documents += 1;
    readKeys.push(key);
    if (plan.filter(doc)) page.push(doc);
    if (typeof request.maximumBytesRead === "number") bytesRead += approximateSize(doc);
    const overRows = typeof request.maximumRowsRead === "number" && readKeys.length >= request.maximumRowsRead;
    const overBytes = typeof request.maximumBytesRead === "number" && bytesRead >= request.maximumBytesRead;
    if (overRows || overBytes) {
      if (scan !== null) scan.through = key;
      const split = readKeys.length >= 2 ? encodeCursor(readKeys[(readKeys.length - 1) >> 1]!) : null;
      return { page, isDone: false, continueCursor: encodeCursor(key), splitCursor: split, pageStatus: "SplitRequired" };
    }
    if (!hasEnd && page.length >= request.pageSize) {
      const following = entries.next();
      if (following.done === true) break;
      if (scan !== null) scan.through = following.value.key;
      return { page, isDone: false, continueCursor: encodeCursor(key), splitCursor: null, pageStatus: null };
    }
  }
  if (hasEnd) return { page, isDone: request.endCursor === END_CURSOR, continueCursor: request.endCursor!, splitCursor: null, pageStatus: null };
  return { page, isDone: true, continueCursor: END_CURSOR, splitCursor: null, pageStatus: null };
}
