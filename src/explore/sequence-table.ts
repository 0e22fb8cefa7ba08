/**
 * Sequences of 16-bit numbers, stored one after another in one growing array;
 * a SequenceTable also finds a sequence's number by hashing it. The explorer
 * interns each part of a state, and each whole state, as such a sequence
 * (src/explore/state-key.ts), without making a string of each: a search meets
 * hundreds of thousands of them, and a string is one more object to make, hash
 * and collect each time.
 */

import { NakError } from '../errors.ts';

/** Sequences of 16-bit numbers, one after another in one growing array, numbered in the order appended. */
export class Sequences {
  /** Sequence i is words[starts[i] .. starts[i + 1]). */
  protected words = new Uint16Array(1024);
  protected starts = new Int32Array(256);
  protected count = 0;

  get size(): number {
    return this.count;
  }

  /** Store the first `length` numbers of `seq` (each below 2^16, or this throws); returns its number. */
  append(seq: ArrayLike<number>, length = seq.length): number {
    // A number past 16 bits would be cut to its low bits and could make two sequences one (two states one state).
    for (let i = 0; i < length; i++) {
      const x = seq[i]!;
      if (!(x >= 0 && x <= 0xffff)) throw new NakError('bound-exceeded', `a number in a state's key is ${x}, not within 0 to 65535 (a list or program that long is past what the compact state key holds)`);
    }
    const id = this.count++;
    if (id + 1 >= this.starts.length) this.starts = grown(this.starts, this.starts.length * 2);
    let from = this.starts[id]!;
    if (from + length > this.words.length) this.words = grown(this.words, Math.max(this.words.length * 2, from + length));
    for (let i = 0; i < length; i++) this.words[from++] = seq[i]!;
    this.starts[id + 1] = from;
    return id;
  }

  /** Where sequence `id` starts in all(). */
  start(id: number): number {
    return this.starts[id]!;
  }

  /** Every stored number (sequence i starts at start(i)); valid until the next append. */
  all(): Uint16Array {
    return this.words;
  }
}

/** Sequences stored once each: an open-addressing hash table over them finds a sequence's number. */
export class SequenceTable extends Sequences {
  /** Per slot, a sequence's number + 1, or 0 for an empty slot; never more than half full. */
  private slots = new Int32Array(512);

  /**
   * The number of the first `length` numbers of `seq`, if stored; else a
   * negative number that add() takes as where to store them (valid until the next add()).
   */
  find(seq: ArrayLike<number>, length: number): number {
    const mask = this.slots.length - 1;
    for (let at = hashOf(seq, 0, length) & mask; ; at = (at + 1) & mask) {
      const id = this.slots[at]! - 1;
      if (id === -1) return -1 - at;
      if (this.holds(id, seq, length)) return id;
    }
  }

  /** Store the first `length` numbers of `seq`, which find() did not find (`where` is what it returned); returns its number. */
  add(seq: ArrayLike<number>, length: number, where: number): number {
    const id = this.append(seq, length);
    this.slots[-1 - where] = id + 1;
    if (2 * this.count > this.slots.length) this.rehash();
    return id;
  }

  private holds(id: number, seq: ArrayLike<number>, length: number): boolean {
    const from = this.starts[id]!;
    if (this.starts[id + 1]! - from !== length) return false;
    const w = this.words;
    for (let i = 0; i < length; i++) if (w[from + i] !== seq[i]) return false;
    return true;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.count; id++) {
      let at = hashOf(this.words, this.starts[id]!, this.starts[id + 1]!) & mask;
      while (slots[at] !== 0) at = (at + 1) & mask;
      slots[at] = id + 1;
    }
    this.slots = slots;
  }
}

/** FNV-1a over the words seq[from .. to), with a final mix so that the low bits, which pick the slot, depend on every word. */
function hashOf(seq: ArrayLike<number>, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ seq[i]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

function grown<T extends Uint16Array | Int32Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}
