/**
 * The running transaction's own writes, indexed like the committed data so a
 * query merges only the pending documents inside its range instead of
 * re-reading every pending write of the table.
 *
 * Ids are numbered when first written, so a query started at sequence n
 * treats exactly the ids written before it as pending (a snapshot without
 * copying). The per-index structures are built on first use and dropped when
 * a nested level rolls back; they are rebuilt from the pending versions.
 * Search indexes get the same treatment: a search inside a transaction reads
 * the committed index (without the documents the transaction rewrote) and a
 * search index of the pending versions.
 */
import { OrderedIndex, type Entry } from "./ordered-index.js";
import { scanIndex, tableOfId, type StoredDocument } from "./indexed-store.js";
import { keyOf, type IndexKey, type KeyRange, type Order } from "./index-keys.js";
import { SearchIndex, type PendingSearch, type SearchIndexDefinition } from "./search-index.js";

type PendingIndex = { fields: string[]; index: OrderedIndex<StoredDocument>; keys: Map<string, IndexKey> };

/** What a query sees of the transaction's writes, fixed when it starts. */
export type PendingWrites = {
  /** Whether the committed version of `id` is hidden by a pending write. */
  hides(id: string): boolean;
  /** The pending documents of the range after `after`, in scan order. */
  entries(range: KeyRange, order: Order, after: IndexKey | null): Entry<StoredDocument>[];
};

export class TransactionOverlay {
  private sequence = new Map<string, number>();
  private tables = new Map<string, { ids: string[]; indexes: Map<string, PendingIndex>; search: Map<string, SearchIndex> }>();

  /** `current` reads the transaction's latest version of a document (null when deleted). */
  constructor(private readonly current: (id: string) => StoredDocument | null) {}

  reset(): void {
    this.sequence.clear();
    this.tables.clear();
  }

  /** A nested level was discarded: the pending versions changed under the indexes. */
  dropIndexes(): void {
    for (const table of this.tables.values()) {
      table.indexes.clear();
      table.search.clear();
    }
  }

  written(id: string, doc: StoredDocument | null): void {
    const tableName = tableOfId(id);
    let table = this.tables.get(tableName);
    if (table === undefined) this.tables.set(tableName, (table = { ids: [], indexes: new Map(), search: new Map() }));
    if (!this.sequence.has(id)) {
      this.sequence.set(id, this.sequence.size);
      table.ids.push(id);
    }
    for (const pending of table.indexes.values()) this.place(pending, id, doc);
    for (const search of table.search.values()) search.put(id, doc);
  }

  private place(pending: PendingIndex, id: string, doc: StoredDocument | null): void {
    const previous = pending.keys.get(id);
    if (previous !== undefined) pending.index.remove(previous);
    if (doc === null) {
      pending.keys.delete(id);
      return;
    }
    const key = keyOf(doc, pending.fields);
    pending.keys.set(id, key);
    pending.index.insert({ key, doc });
  }

  /** The view of a query on `indexName` of `table` starting now, or null when the table has no pending writes. */
  view(table: string, indexName: string, fields: string[]): PendingWrites | null {
    const written = this.tables.get(table);
    if (written === undefined) return null;
    let pending = written.indexes.get(indexName);
    if (pending === undefined) {
      pending = { fields, index: new OrderedIndex(), keys: new Map() };
      for (const id of written.ids) this.place(pending, id, this.current(id));
      written.indexes.set(indexName, pending);
    }
    const index = pending.index;
    const before = this.sequence.size;
    return {
      hides: (id) => {
        const seq = this.sequence.get(id);
        return seq !== undefined && seq < before;
      },
      entries: (range, order, after) => [...scanIndex(index, { range, order, after })],
    };
  }

  /**
   * What a search on `definition` of `table` starting now sees of the
   * transaction's writes, or null when the table has none. Searches read all
   * their results when they start, so the ids written so far are the hidden ones.
   */
  searchView(table: string, definition: SearchIndexDefinition): PendingSearch | null {
    const written = this.tables.get(table);
    if (written === undefined) return null;
    let index = written.search.get(definition.name);
    if (index === undefined) {
      index = new SearchIndex(definition);
      for (const id of written.ids) index.put(id, this.current(id));
      written.search.set(definition.name, index);
    }
    return { index, hides: (id) => this.sequence.has(id) };
  }
}
