/**
 * An ordered index: entries sorted by full index key, kept in blocks of at
 * most MAX_BLOCK entries so inserts and deletes move few elements while
 * seeks stay binary searches (over blocks, then inside one block).
 */
import { compareKeys, type IndexKey } from "./index-keys.js";

export type Entry<D> = { key: IndexKey; doc: D };

const MAX_BLOCK = 512;

/** Position of an entry: block and offset inside it. */
type Position = { block: number; offset: number };

export class OrderedIndex<D> {
  private blocks: Entry<D>[][] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Replaces the contents with `entries` (any order). */
  load(entries: Entry<D>[]): void {
    entries.sort((a, b) => compareKeys(a.key, b.key));
    this.blocks = [];
    for (let i = 0; i < entries.length; i += MAX_BLOCK / 2) this.blocks.push(entries.slice(i, i + MAX_BLOCK / 2));
    this.count = entries.length;
  }

  insert(entry: Entry<D>): void {
    if (this.blocks.length === 0) {
      this.blocks.push([entry]);
      this.count = 1;
      return;
    }
    const position = this.seek((key) => compareKeys(key, entry.key) >= 0);
    let { block, offset } = position;
    if (block === this.blocks.length) {
      block -= 1;
      offset = this.blocks[block]!.length;
    }
    const target = this.blocks[block]!;
    target.splice(offset, 0, entry);
    this.count += 1;
    if (target.length > MAX_BLOCK) this.blocks.splice(block, 1, target.slice(0, target.length >> 1), target.slice(target.length >> 1));
  }

  /** Removes the entry with exactly this key; returns whether it existed. */
  remove(key: IndexKey): boolean {
    const { block, offset } = this.seek((k) => compareKeys(k, key) >= 0);
    const target = this.blocks[block];
    if (target === undefined || offset >= target.length || compareKeys(target[offset]!.key, key) !== 0) return false;
    target.splice(offset, 1);
    this.count -= 1;
    if (target.length === 0) this.blocks.splice(block, 1);
    return true;
  }

  /**
   * The first position whose key satisfies `atOrAfter` (which must be false
   * for a prefix of the order and true for the rest); the end if none does.
   */
  private seek(atOrAfter: (key: IndexKey) => boolean): Position {
    const blocks = this.blocks;
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const block = blocks[mid]!;
      if (atOrAfter(block[block.length - 1]!.key)) hi = mid;
      else lo = mid + 1;
    }
    if (lo === blocks.length) return { block: lo, offset: 0 };
    const block = blocks[lo]!;
    let a = 0;
    let b = block.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (atOrAfter(block[mid]!.key)) b = mid;
      else a = mid + 1;
    }
    return { block: lo, offset: a };
  }

  /** Entries from the first satisfying `start` onwards, in ascending order. */
  *ascending(start: (key: IndexKey) => boolean): Generator<Entry<D>> {
    let { block, offset } = this.seek(start);
    const blocks = this.blocks;
    for (; block < blocks.length; block++, offset = 0) {
      const entries = blocks[block]!;
      for (; offset < entries.length; offset++) yield entries[offset]!;
    }
  }

  /** Entries before the first satisfying `after`, in descending order. */
  *descending(after: (key: IndexKey) => boolean): Generator<Entry<D>> {
    const blocks = this.blocks;
    let { block, offset } = this.seek(after);
    if (offset === 0) {
      block -= 1;
      if (block < 0) return;
      offset = blocks[block]!.length;
    }
    for (;;) {
      const entries = blocks[block]!;
      for (let i = offset - 1; i >= 0; i--) yield entries[i]!;
      block -= 1;
      if (block < 0) return;
      offset = blocks[block]!.length;
    }
  }

  *all(): Generator<Entry<D>> {
    for (const block of this.blocks) yield* block;
  }
}
