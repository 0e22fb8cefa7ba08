import { describe, expect, it } from 'vitest';
import { SequenceTable } from '../../src/explore/sequence-table.ts';
import { mulberry32 } from '../../src/explore/prng.ts';
import { NakError } from '../../src/errors.ts';

describe('the sequence table', () => {
  it('stores each sequence once, finds it again by its numbers, and tells apart sequences that differ in one number or in length', () => {
    const t = new SequenceTable();
    const stored = new Map<string, number>();
    const next = mulberry32(7);
    // Short sequences of few distinct numbers, so that many repeat and many differ from another only in one number or by being a prefix of it; enough to grow the table many times over.
    for (let i = 0; i < 20_000; i++) {
      const seq = Array.from({ length: 1 + Math.floor(next() * 6) }, () => Math.floor(next() * 4) * 0x5555);
      const text = seq.join(',');
      const found = t.find(seq, seq.length);
      if (stored.has(text)) expect(found, text).toBe(stored.get(text));
      else {
        expect(found, text).toBeLessThan(0);
        const id = t.add(seq, seq.length, found);
        expect(id).toBe(stored.size);
        stored.set(text, id);
      }
    }
    expect(t.size).toBe(stored.size);
    expect(stored.size).toBeGreaterThan(2000);
    // Each reads back as what was stored.
    const words = t.all();
    for (const [text, id] of stored) {
      const length = text.split(',').length;
      expect(Array.from(words.subarray(t.start(id), t.start(id) + length)).join(','), `sequence ${id}`).toBe(text);
    }
  });

  it('refuses a number past 16 bits, which it would otherwise cut to its low bits and take for another', () => {
    const t = new SequenceTable();
    expect(() => t.add([1, 65_536], 2, t.find([1, 65_536], 2))).toThrow(/a number in a state's key is 65536, not within 0 to 65535/);
    expect(() => t.add([-1], 1, t.find([-1], 1))).toThrow(NakError);
    expect(t.size).toBe(0);
  });

  it('finds only the first `length` numbers it is given', () => {
    const t = new SequenceTable();
    const id = t.add([1, 2, 3], 3, t.find([1, 2, 3], 3));
    expect(t.find([1, 2, 3, 9], 3)).toBe(id);
    expect(t.find([1, 2], 2)).toBeLessThan(0);
  });
});
