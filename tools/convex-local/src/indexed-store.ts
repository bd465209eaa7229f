/**
 * The committed documents of every table in ordered indexes: the schema's
 * indexes plus the system indexes `by_creation_time` and `by_id`, maintained
 * on every committed write. Scans read exactly the entries of a key range.
 */
import { OrderedIndex, type Entry } from "./ordered-index.js";
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

export type StoredChange = { table: string; before: StoredDocument | null; after: StoredDocument | null };

type SchemaTables = Map<string, { indexes: { indexDescriptor: string; fields: string[] }[] }> | null;

export type TableIndex = { fields: string[]; index: OrderedIndex<StoredDocument> };

/** Where a scan reads: an index's key range, in an order, after an exclusive key. */
export type ScanBounds = { range: KeyRange; order: Order; after: IndexKey | null };

export function tableOfId(id: string): string {
  let i = 0;
  while (i < id.length && id.charCodeAt(i) >= 48 && id.charCodeAt(i) <= 57) i++;
  return id.slice(i);
}

export class IndexedStore {
  private tables = new Map<string, Map<string, TableIndex>>();
  private declared = new Map<string, { name: string; fields: string[] }[]>();

  /** Rebuilds every index from `docs` for the indexes the schema declares. */
  configure(schemaTables: SchemaTables, docs: Iterable<StoredDocument>): void {
    this.declared.clear();
    for (const [table, definition] of schemaTables ?? []) {
      this.declared.set(
        table,
        definition.indexes.map((index) => ({ name: index.indexDescriptor, fields: [...index.fields, ...SYSTEM_FIELDS] })),
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
    for (const [table, list] of byTable) {
      for (const { fields, index } of this.indexesOf(table).values()) {
        index.load(list.map((doc) => ({ key: keyOf(doc, fields), doc })));
      }
    }
  }

  private indexesOf(table: string): Map<string, TableIndex> {
    let indexes = this.tables.get(table);
    if (indexes === undefined) {
      indexes = new Map();
      indexes.set("by_creation_time", { fields: SYSTEM_FIELDS, index: new OrderedIndex() });
      indexes.set("by_id", { fields: ["_id"], index: new OrderedIndex() });
      for (const { name, fields } of this.declared.get(table) ?? []) indexes.set(name, { fields, index: new OrderedIndex() });
      this.tables.set(table, indexes);
    }
    return indexes;
  }

  apply(changes: StoredChange[]): void {
    for (const change of changes) {
      const indexes = this.indexesOf(change.table);
      for (const { fields, index } of indexes.values()) {
        const before = change.before === null ? null : keyOf(change.before, fields);
        const after = change.after === null ? null : keyOf(change.after, fields);
        if (before !== null && after !== null && compareKeys(before, after) === 0 && index.replace(after, change.after!)) continue;
        if (before !== null) index.remove(before);
        if (after !== null) index.insert({ key: after, doc: change.after! });
      }
    }
  }

  /** The index `name` of `table` (a schema index, `by_creation_time` or `by_id`), or undefined. */
  index(table: string, name: string): TableIndex | undefined {
    return this.indexesOf(table).get(name);
  }

  size(table: string): number {
    return this.tables.get(table)?.get("by_id")?.index.size ?? 0;
  }

  tableDocuments(table: string): Iterable<StoredDocument> {
    const index = this.tables.get(table)?.get("by_id")?.index;
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
