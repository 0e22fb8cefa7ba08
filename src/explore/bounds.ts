/**
 * The bounds of one search (the explorer's or a map's): states, depth, time, and
 * a deterministic estimate of the memory the search holds, so that a search too
 * large for the machine stops with a clear reason instead of running out of memory.
 */

export interface ExploreLimits {
  /** Stop (incomplete) once this many distinct states have been found. */
  readonly maxStates: number;
  /** Stop (incomplete) if a state this many steps deep can still move. */
  readonly maxDepth: number;
  /** Stop (incomplete) after this many seconds of exploring. */
  readonly maxSeconds: number;
  /**
   * Stop (incomplete) once the states the explorer holds come to about this many MiB, by
   * a deterministic estimate (each stored state's key and its entries in the graph, and the
   * states still to expand), so the bound trips at the same state wherever the explorer runs.
   */
  readonly maxMemoryMiB: number;
}

/**
 * Bounds that stop a scenario too large to finish within a few seconds and
 * well under 1 GiB; the book's scenarios need a fraction of each.
 */
export const DEFAULT_LIMITS: ExploreLimits = { maxStates: 200_000, maxDepth: 500, maxSeconds: 3, maxMemoryMiB: 768 };

/** How often (in new states) the clock and the memory estimate are read. */
const CHECK_EVERY = 256;

/**
 * Estimated bytes per stored state beyond its key's numbers (two bytes each):
 * its key's start and slots in the table (with room to grow), its graph columns
 * and edges (the scaling bench measures about 160 bytes held per state in all,
 * heap and typed arrays, with keys of 25 numbers).
 */
export const PER_STATE_BYTES = 110;

/** Estimated bytes per stored state that partial-order reduction adds: its sleep set and the properties it has seen, and, until it is expanded, its sleepers with their footprints. */
export const SLEEP_SET_BYTES = 96;

export class SearchBounds {
  private readonly limits: ExploreLimits;
  private readonly t0 = globalThis.performance.now();
  private heldBytes = 0;
  /** What each stored state costs beyond PER_STATE_BYTES and its key (SLEEP_SET_BYTES with partial-order reduction). */
  private readonly extraBytes: number;
  constructor(limits: ExploreLimits, extraBytes = 0) {
    this.limits = limits;
    this.extraBytes = extraBytes;
  }

  /** Null, or why the search must stop because its time is up (admit() checks it too, every few hundred new states). */
  overTime(): string | null {
    const l = this.limits;
    return (globalThis.performance.now() - this.t0) / 1000 > l.maxSeconds ? `still going after ${l.maxSeconds} s (max seconds ${l.maxSeconds})` : null;
  }

  /** Before storing state number `stored`, whose key or keys come to `keyLength` numbers: null, or why the search must stop. */
  admit(stored: number, keyLength: number): string | null {
    const l = this.limits;
    if (stored >= l.maxStates) return `more than ${l.maxStates} states (max states ${l.maxStates})`;
    if (stored % CHECK_EVERY === 0) {
      const late = this.overTime();
      if (late) return late;
      const mib = this.heldBytes / 1048576;
      if (mib > l.maxMemoryMiB) return `holding about ${Math.round(mib)} MiB of states (max memory ${l.maxMemoryMiB} MiB)`;
    }
    this.heldBytes += 2 * keyLength + PER_STATE_BYTES + this.extraBytes;
    return null;
  }
}
