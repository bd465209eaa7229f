/**
 * The committed documents of every table in ordered indexes: the schema's
 * indexes plus the system indexes `by_creation_time` and `by_id`, maintained
 * on every committed write. Scans read exactly the entries of a key range.
 * The schema's search indexes are kept beside them (search-index.ts).
 */
import { OrderedIndex, type Entry } from "./ordered-index.js";
import { SearchIndex, type SearchIndexDefinition } from "./search-index.js";
import {
  aboveLower,
  belowUpper,
  compareKeys,
  keyOf,
  SYSTEM_FIELDS,
  type IndexKey,
  type KeyRange,
  type Order,
} from "./index-keys.js";

export type StoredDocument = Record<string, unknown> & { _id: string; _creationTime: number };

export type StoredChange = { id: string; table: string; before: StoredDocument | null; after: StoredDocument | null };

type SchemaTables = Map<
  string,
  {
    indexes: { indexDescriptor: string; fields: string[] }[];
    searchIndexes?: { indexDescriptor: string; searchField: string; filterFields: string[] }[];
  }
> | null;

export type TableIndex = { fields: string[]; index: OrderedIndex<StoredDocument> };

/** Where a scan reads: an index's key range, in an order, after an exclusive key. */
export type ScanBounds = { range: KeyRange; order: Order; after: IndexKey | null };

export function tableOfId(id: string): string {
  let i = 0;
  while (i < id.length && id.charCodeAt(i) >= 48 && id.charCodeAt(i) <= 57) i++;
  return id.slice(i);
}

type Table = {
  indexes: Map<string, TableIndex>;
  /** Each document's entry in every index, in the order of `indexes`: a write finds them without seeking. */
  entries: Map<string, Entry<StoredDocument>[]>;
  search: Map<string, SearchIndex>;
};

export class IndexedStore {
  private tables = new Map<string, Table>();
  private declared = new Map<string, { name: string; fields: string[] }[]>();
  private declaredSearch = new Map<string, SearchIndexDefinition[]>();

  /** Rebuilds every index from `docs` for the indexes the schema declares. */
  configure(schemaTables: SchemaTables, docs: Iterable<StoredDocument>): void {
    this.declared.clear();
    this.declaredSearch.clear();
    for (const [table, definition] of schemaTables ?? []) {
      this.declared.set(
        table,
        definition.indexes.map((index) => ({ name: index.indexDescriptor, fields: [...index.fields, ...SYSTEM_FIELDS] })),
      );
      this.declaredSearch.set(
        table,
        (definition.searchIndexes ?? []).map((index) => ({ name: index.indexDescriptor, searchField: index.searchField, filterFields: index.filterFields })),
      );
    }
    this.tables.clear();
    const byTable = new Map<string, StoredDocument[]>();
    for (const doc of docs) {
      const table = tableOfId(doc._id);
      let list = byTable.get(table);
      if (list === undefined) byTable.set(table, (list = []));
      list.push(doc);
    }
    for (const [name, list] of byTable) {
      const table = this.table(name);
      for (const doc of list) table.entries.set(doc._id, []);
      for (const { fields, index } of table.indexes.values()) {
        const entries = list.map((doc) => ({ key: keyOf(doc, fields), doc }));
        for (const entry of entries) table.entries.get(entry.doc._id)!.push(entry);
        index.load(entries);
      }
      for (const search of table.search.values()) for (const doc of list) search.put(doc._id, doc);
    }
  }

  private table(name: string): Table {
    let table = this.tables.get(name);
    if (table === undefined) {
      const indexes = new Map<string, TableIndex>();
      indexes.set("by_creation_time", { fields: SYSTEM_FIELDS, index: new OrderedIndex() });
      indexes.set("by_id", { fields: ["_id"], index: new OrderedIndex() });
      for (const { name: index, fields } of this.declared.get(name) ?? []) indexes.set(index, { fields, index: new OrderedIndex() });
      const search = new Map<string, SearchIndex>();
      for (const definition of this.declaredSearch.get(name) ?? []) search.set(definition.name, new SearchIndex(definition));
      this.tables.set(name, (table = { indexes, entries: new Map(), search }));
    }
    return table;
  }

  apply(changes: StoredChange[]): void {
    for (const change of changes) {
      const table = this.table(change.table);
      const id = change.id;
      for (const search of table.search.values()) search.put(id, change.after);
      const current = table.entries.get(id);
      if (change.after === null) {
        if (current === undefined) continue;
        let i = 0;
        for (const { index } of table.indexes.values()) index.remove(current[i++]!.key);
        table.entries.delete(id);
        continue;
      }
      const next: Entry<StoredDocument>[] = [];
      let i = 0;
      for (const { fields, index } of table.indexes.values()) {
        const key = keyOf(change.after, fields);
        const existing = current?.[i++];
        if (existing !== undefined && compareKeys(existing.key, key) === 0) {
          // Same position: point the entry at the new version.
          existing.doc = change.after;
          next.push(existing);
          continue;
        }
        if (existing !== undefined) index.remove(existing.key);
        const entry = { key, doc: change.after };
        index.insert(entry);
        next.push(entry);
      }
      table.entries.set(id, next);
    }
  }

  /** The index `name` of `table` (a schema index, `by_creation_time` or `by_id`), or undefined. */
  index(table: string, name: string): TableIndex | undefined {
    return this.table(table).indexes.get(name);
  }

  /** The search index `name` of `table`, or undefined. */
  searchIndex(table: string, name: string): SearchIndex | undefined {
    return this.table(table).search.get(name);
  }

  /** The search indexes the schema declares for `table`. */
  searchDefinitions(table: string): SearchIndexDefinition[] {
    return this.declaredSearch.get(table) ?? [];
  }

  size(table: string): number {
    return this.tables.get(table)?.entries.size ?? 0;
  }

  tableDocuments(table: string): Iterable<StoredDocument> {
    const index = this.tables.get(table)?.indexes.get("by_id")?.index;
    if (index === undefined) return [];
    return (function* () {
      for (const entry of index.all()) yield entry.doc;
    })();
  }
}

/** The committed entries of a key range in scan order, after `bounds.after` when given. */
export function* scanIndex(index: OrderedIndex<StoredDocument>, bounds: ScanBounds): Generator<Entry<StoredDocument>> {
  const { range, order, after } = bounds;
  if (order === "asc") {
    const start = (key: IndexKey) => aboveLower(key, range.lower) && (after === null || compareKeys(key, after) > 0);
    for (const entry of index.ascending(start)) {
      if (!belowUpper(entry.key, range.upper)) return;
      yield entry;
    }
  } else {
    const beyond = (key: IndexKey) => !belowUpper(key, range.upper) || (after !== null && compareKeys(key, after) >= 0);
    for (const entry of index.descending(beyond)) {
      if (!aboveLower(entry.key, range.lower)) return;
      yield entry;
    }
  }
}
