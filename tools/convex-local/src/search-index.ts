/**
 * Full text search on the local backend: one inverted index per schema
 * `searchIndex` (terms of the search field → document ids, and per filter
 * field value → document ids), maintained on every committed write and, for
 * the running transaction, on its own writes (transaction-overlay.ts).
 *
 * Semantics follow Convex's documented rules: the text is split on anything
 * that is not a letter or digit and lowercased; terms of 32 bytes or more are
 * dropped; the query's last term matches as a prefix, the others exactly; a
 * document matches when it has at least one query term and equals every filter
 * value; at most 1024 results, in relevance order. A query reads the postings
 * of its terms and of its filter values and only the documents they lead to.
 */
import { convexToJson, type Value } from "convex/values";
import { OrderedIndex } from "./ordered-index.js";
import { compareStrings, decodeBoundValue, fieldOf } from "./index-keys.js";
import type { StoredDocument } from "./indexed-store.js";
import { approximateSize, END_CURSOR, visits, type PageRequest, type PageResult } from "./query-engine.js";

export type SearchIndexDefinition = { name: string; searchField: string; filterFields: string[] };

/** Tantivy's RemoveLongFilter in Convex's analyzer keeps tokens shorter than 32 bytes. */
const MAX_TERM_BYTES = 32;
export const MAX_QUERY_TERMS = 16;
export const MAX_FILTER_CONDITIONS = 8;
export const MAX_SEARCH_RESULTS = 1024;
/** BM25's usual constants (Tantivy's). */
const K1 = 1.2;
const B = 0.75;

const WORD = /[\p{Alphabetic}\p{N}]+/gu;

/** Convex's analyzer: split on non-alphanumerics, drop long terms, lowercase. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const token = match[0];
    if (token.length * 3 >= MAX_TERM_BYTES && Buffer.byteLength(token, "utf8") >= MAX_TERM_BYTES) continue;
    tokens.push(token.toLowerCase());
  }
  return tokens;
}

/** A filter value as a map key: equal Convex values give equal keys. */
export function valueKey(value: Value | undefined): string {
  return value === undefined ? "u" : `v${JSON.stringify(convexToJson(value))}`;
}

type Indexed = { doc: StoredDocument; text: string; terms: Map<string, number>; length: number; filterKeys: string[] };

export type QueryTerm = { text: string; prefix: boolean };
export type SearchFilter = { fieldPath: string; field: number; key: string };
export type CompiledSearch = { terms: QueryTerm[]; filters: SearchFilter[] };

/** What a search query read, for read-set invalidation: a write can only change its result through a document that matches it. */
export type SearchScan = { kind: "search"; table: string; searchField: string; search: CompiledSearch };

type RawSearchFilter = { type: "Search" | "Eq"; fieldPath: string; value: unknown };

/** Validates a `withSearchIndex` expression against the index and compiles it. */
export function compileSearch(table: string, definition: SearchIndexDefinition, filters: RawSearchFilter[]): CompiledSearch {
  const where = `search index "${definition.name}" on table "${table}"`;
  const searches = filters.filter((f) => f.type === "Search");
  if (searches.length !== 1) throw new Error(`A search query on ${where} needs exactly one .search() expression.`);
  const search = searches[0]!;
  if (search.fieldPath !== definition.searchField) {
    throw new Error(`The search field of ${where} is "${definition.searchField}", not "${search.fieldPath}".`);
  }
  const equalities = filters.filter((f) => f.type === "Eq");
  if (equalities.length > MAX_FILTER_CONDITIONS) {
    throw new Error(`A search query on ${where} has ${equalities.length} filter expressions; the limit is ${MAX_FILTER_CONDITIONS}.`);
  }
  const compiledFilters = equalities.map((f) => {
    const field = definition.filterFields.indexOf(f.fieldPath);
    if (field === -1) throw new Error(`"${f.fieldPath}" is not a filter field of ${where} (filter fields: ${definition.filterFields.join(", ") || "none"}).`);
    return { fieldPath: f.fieldPath, field, key: valueKey(decodeBoundValue(f.value)) };
  });
  const tokens = tokenize(String(search.value));
  if (tokens.length > MAX_QUERY_TERMS) {
    throw new Error(`The search query on ${where} has ${tokens.length} terms; the limit is ${MAX_QUERY_TERMS}.`);
  }
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  tokens.forEach((text, i) => {
    const prefix = i === tokens.length - 1;
    const id = `${prefix ? "p" : "e"}${text}`;
    if (seen.has(id)) return;
    seen.add(id);
    terms.push({ text, prefix });
  });
  return { terms, filters: compiledFilters };
}

function termFrequency(terms: Map<string, number>, term: QueryTerm, expansions: string[] | null): number {
  if (!term.prefix) return terms.get(term.text) ?? 0;
  let tf = 0;
  if (expansions !== null && expansions.length <= terms.size) {
    for (const expansion of expansions) tf += terms.get(expansion) ?? 0;
    return tf;
  }
  for (const [text, count] of terms) if (text.startsWith(term.text)) tf += count;
  return tf;
}

/** Whether `doc` matches a compiled search (filters and at least one term). */
export function searchMatches(searchField: string, search: CompiledSearch, doc: StoredDocument | null): boolean {
  if (doc === null) return false;
  const text = fieldOf(doc, searchField);
  if (typeof text !== "string") return false;
  for (const filter of search.filters) if (valueKey(fieldOf(doc, filter.fieldPath)) !== filter.key) return false;
  const tokens = tokenize(text);
  return search.terms.some((term) => tokens.some((token) => (term.prefix ? token.startsWith(term.text) : token === term.text)));
}

export function searchCovers(scan: SearchScan, doc: StoredDocument | null): boolean {
  return searchMatches(scan.searchField, scan.search, doc);
}

/** A document that matched, with what relevance needs. */
export type SearchHit = { doc: StoredDocument; length: number; tfs: number[] };

export class SearchIndex {
  private docs = new Map<string, Indexed>();
  private postings = new Map<string, Set<string>>();
  /** The distinct terms in order, for prefix matches. */
  private dictionary = new OrderedIndex<null>();
  /** Per filter field: value key → ids. */
  private byFilter: Map<string, Set<string>>[];

  constructor(readonly definition: SearchIndexDefinition) {
    this.byFilter = definition.filterFields.map(() => new Map());
  }

  get size(): number {
    return this.docs.size;
  }

  /** Indexes the current version of document `id` (null: deleted). */
  put(id: string, doc: StoredDocument | null): void {
    const previous = this.docs.get(id);
    const text = doc === null ? undefined : fieldOf(doc, this.definition.searchField);
    if (doc === null || typeof text !== "string") {
      if (previous !== undefined) this.unindex(id, previous);
      return;
    }
    const filterKeys = this.definition.filterFields.map((field) => valueKey(fieldOf(doc, field)));
    if (previous !== undefined && previous.text === text && previous.filterKeys.every((key, i) => key === filterKeys[i])) {
      previous.doc = doc;
      return;
    }
    if (previous !== undefined) this.unindex(id, previous);
    const terms = new Map<string, number>();
    const tokens = tokenize(text);
    for (const token of tokens) terms.set(token, (terms.get(token) ?? 0) + 1);
    this.docs.set(id, { doc, text, terms, length: tokens.length, filterKeys });
    for (const term of terms.keys()) {
      let ids = this.postings.get(term);
      if (ids === undefined) {
        this.postings.set(term, (ids = new Set()));
        this.dictionary.insert({ key: [term], doc: null });
      }
      ids.add(id);
    }
    filterKeys.forEach((key, i) => {
      const values = this.byFilter[i]!;
      let ids = values.get(key);
      if (ids === undefined) values.set(key, (ids = new Set()));
      ids.add(id);
    });
  }

  private unindex(id: string, entry: Indexed): void {
    this.docs.delete(id);
    for (const term of entry.terms.keys()) {
      const ids = this.postings.get(term)!;
      ids.delete(id);
      if (ids.size === 0) {
        this.postings.delete(term);
        this.dictionary.remove([term]);
      }
    }
    entry.filterKeys.forEach((key, i) => {
      const values = this.byFilter[i]!;
      const ids = values.get(key)!;
      ids.delete(id);
      if (ids.size === 0) values.delete(key);
    });
  }

  /** The indexed terms starting with `prefix`. */
  private expand(prefix: string): string[] {
    const terms: string[] = [];
    for (const entry of this.dictionary.ascending((key) => compareStrings(key[0] as string, prefix) >= 0)) {
      const term = entry.key[0] as string;
      if (!term.startsWith(prefix)) break;
      terms.push(term);
    }
    return terms;
  }

  /**
   * The documents matching `search`, except those `skip` says are hidden.
   * Reads the smaller side: the postings of the query's terms, checked against
   * the filter values' id sets, or the smallest filter value's ids, whose
   * documents are then checked for terms. Only documents reached that way are read.
   */
  matches(search: CompiledSearch, skip: ((id: string) => boolean) | null, hits: Map<string, SearchHit>): void {
    if (search.terms.length === 0) return;
    const filterSets: Set<string>[] = [];
    for (const filter of search.filters) {
      const ids = this.byFilter[filter.field]!.get(filter.key);
      if (ids === undefined) return;
      filterSets.push(ids);
    }
    filterSets.sort((a, b) => a.size - b.size);
    const expansions = search.terms.map((term) => (term.prefix ? this.expand(term.text) : null));
    const termSets: Set<string>[] = [];
    search.terms.forEach((term, i) => {
      for (const text of expansions[i] ?? [term.text]) {
        const ids = this.postings.get(text);
        if (ids !== undefined) termSets.push(ids);
      }
    });
    const termPostings = termSets.reduce((sum, ids) => sum + ids.size, 0);
    const count = search.terms.length;
    const read = (id: string): void => {
      const entry = this.docs.get(id)!;
      visits.documents += 1;
      const tfs = new Array<number>(count);
      let matched = false;
      for (let i = 0; i < count; i++) {
        const tf = termFrequency(entry.terms, search.terms[i]!, expansions[i]!);
        tfs[i] = tf;
        if (tf > 0) matched = true;
      }
      if (matched) hits.set(id, { doc: entry.doc, length: entry.length, tfs });
    };
    if (filterSets.length > 0 && filterSets[0]!.size < termPostings) {
      const [smallest, ...others] = filterSets;
      for (const id of smallest!) {
        if (skip?.(id) === true || !others.every((ids) => ids.has(id))) continue;
        read(id);
      }
      return;
    }
    const seen = new Set<string>();
    for (const ids of termSets) {
      for (const id of ids) {
        if (seen.has(id)) continue;
        seen.add(id);
        if (skip?.(id) === true || !filterSets.every((set) => set.has(id))) continue;
        read(id);
      }
    }
  }
}

/** A ranked result: matched terms, then BM25 score, then newest first. */
export type RankedHit = { key: RankKey; doc: StoredDocument };
export type RankKey = [matched: number, score: number, creationTime: number, id: string];

/** Negative when `a` comes before `b` in relevance order. */
export function compareRank(a: RankKey, b: RankKey): number {
  if (a[0] !== b[0]) return b[0] - a[0];
  if (a[1] !== b[1]) return b[1] - a[1];
  if (a[2] !== b[2]) return b[2] - a[2];
  return -compareStrings(a[3], b[3]);
}

/**
 * Relevance order of the hits, at most MAX_SEARCH_RESULTS: documents matching
 * more distinct query terms first, then by BM25 (term frequencies, their
 * rarity and the text's length) with the statistics taken over the matching
 * documents, then newest first.
 */
export function rank(search: CompiledSearch, hits: Iterable<SearchHit>): RankedHit[] {
  const all = [...hits];
  const n = all.length;
  if (n === 0) return [];
  const terms = search.terms.length;
  const df = new Array<number>(terms).fill(0);
  let totalLength = 0;
  for (const hit of all) {
    totalLength += hit.length;
    for (let i = 0; i < terms; i++) if (hit.tfs[i]! > 0) df[i]! += 1;
  }
  const idf = df.map((d) => Math.log(1 + (n - d + 0.5) / (d + 0.5)));
  const averageLength = totalLength / n || 1;
  const ranked = new Array<RankedHit>(n);
  for (let h = 0; h < n; h++) {
    const hit = all[h]!;
    let matched = 0;
    let score = 0;
    const norm = K1 * (1 - B + (B * hit.length) / averageLength);
    for (let i = 0; i < terms; i++) {
      const tf = hit.tfs[i]!;
      if (tf === 0) continue;
      matched += 1;
      score += (idf[i]! * tf * (K1 + 1)) / (tf + norm);
    }
    ranked[h] = { key: [matched, score, hit.doc._creationTime, hit.doc._id], doc: hit.doc };
  }
  ranked.sort((a, b) => compareRank(a.key, b.key));
  return ranked.length > MAX_SEARCH_RESULTS ? ranked.slice(0, MAX_SEARCH_RESULTS) : ranked;
}

/** The running transaction's own writes to a search index, as a query starting now sees them. */
export type PendingSearch = { index: SearchIndex; hides(id: string): boolean };

/** All results of a search in relevance order (at most MAX_SEARCH_RESULTS), committed documents merged with the transaction's own writes. */
export function runSearch(committed: SearchIndex, pending: PendingSearch | null, search: CompiledSearch): RankedHit[] {
  const hits = new Map<string, SearchHit>();
  committed.matches(search, pending === null ? null : (id) => pending.hides(id), hits);
  pending?.index.matches(search, null, hits);
  return rank(search, hits.values());
}

/** `collect`/`take`/`first` over ranked results, with the query's `.filter()` and limit. */
export class SearchStream {
  private position = 0;
  private returned = 0;

  constructor(
    private readonly results: RankedHit[],
    private readonly filter: (doc: StoredDocument) => boolean,
    private readonly limit: number | null,
  ) {}

  next(): { value: StoredDocument | null; done: boolean } {
    while (this.position < this.results.length && (this.limit === null || this.returned < this.limit)) {
      const hit = this.results[this.position++]!;
      if (this.filter(hit.doc)) {
        this.returned += 1;
        return { value: hit.doc, done: false };
      }
    }
    this.position = this.results.length;
    return { value: null, done: true };
  }
}

function encodeRank(key: RankKey): string {
  return JSON.stringify(["search", ...key]);
}

function decodeRank(cursor: string): RankKey {
  const parts = JSON.parse(cursor) as unknown;
  if (!Array.isArray(parts) || parts.length !== 5 || parts[0] !== "search") throw new Error(`Invalid pagination cursor for a search query: ${cursor}`);
  return parts.slice(1) as RankKey;
}

/**
 * The index of the first result after a cursor. Scores move with every write
 * to a matching document (BM25's statistics), so the cursor's document is
 * found by id where it still matches; only a cursor whose document left the
 * results is placed by its rank key.
 */
function positionAfter(results: RankedHit[], cursor: RankKey): number {
  const id = cursor[3];
  for (let i = 0; i < results.length; i++) if (results[i]!.key[3] === id) return i + 1;
  let i = 0;
  while (i < results.length && compareRank(results[i]!.key, cursor) <= 0) i++;
  return i;
}

/**
 * One page of ranked results: after `cursor` (the rank key of the previous
 * page's last result), up to `pageSize` matches, or through `endCursor`
 * (inclusive) when a live query keeps its page's end.
 */
export function readSearchPage(results: RankedHit[], filter: (doc: StoredDocument) => boolean, request: PageRequest): PageResult {
  if (request.cursor === END_CURSOR) return { page: [], isDone: true, continueCursor: END_CURSOR, splitCursor: null, pageStatus: null };
  const after = request.cursor === null ? null : decodeRank(request.cursor);
  const hasEnd = request.endCursor !== undefined && request.endCursor !== null;
  const end = hasEnd && request.endCursor !== END_CURSOR ? decodeRank(request.endCursor!) : null;
  let i = after === null ? 0 : positionAfter(results, after);
  const endAt = end === null ? results.length : positionAfter(results, end);
  const page: StoredDocument[] = [];
  const readKeys: RankKey[] = [];
  let bytesRead = 0;
  for (; i < results.length; i++) {
    const { key, doc } = results[i]!;
    if (i >= endAt) break;
    readKeys.push(key);
    if (filter(doc)) page.push(doc);
    if (typeof request.maximumBytesRead === "number") bytesRead += approximateSize(doc);
    const overRows = typeof request.maximumRowsRead === "number" && readKeys.length >= request.maximumRowsRead;
    const overBytes = typeof request.maximumBytesRead === "number" && bytesRead >= request.maximumBytesRead;
    if (overRows || overBytes) {
      const split = readKeys.length >= 2 ? encodeRank(readKeys[(readKeys.length - 1) >> 1]!) : null;
      return { page, isDone: false, continueCursor: encodeRank(key), splitCursor: split, pageStatus: "SplitRequired" };
    }
    if (!hasEnd && page.length >= request.pageSize) {
      if (i + 1 >= results.length) break;
      return { page, isDone: false, continueCursor: encodeRank(key), splitCursor: null, pageStatus: null };
    }
  }
  if (hasEnd) return { page, isDone: request.endCursor === END_CURSOR, continueCursor: request.endCursor!, splitCursor: null, pageStatus: null };
  return { page, isDone: true, continueCursor: END_CURSOR, splitCursor: null, pageStatus: null };
}
