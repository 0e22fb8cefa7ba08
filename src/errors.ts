/**
 * Errors a user can cause, each with its own kind, so that the CLI, the site
 * and the tests can tell them apart. Every message says what was wrong and where.
 */
export type NakErrorKind =
  | 'bad-scenario'
  | 'unknown-scenario'
  | 'bad-schedule'
  | 'bound-exceeded'
  | 'bad-usage'
  | 'bad-permalink'
  | 'bad-cell'
  /** A situation that no run meets: its verdicts would be vacuous. */
  | 'bad-situation'
  /** A model invariant broke (a negative count, a step on a freed object): a bug, not a verdict. */
  | 'model-error'
  /** The model threw: a bug, reported with a schedule that replays it. */
  | 'internal-error';

export class NakError extends Error {
  readonly kind: NakErrorKind;
  constructor(kind: NakErrorKind, message: string) {
    super(message);
    this.name = 'NakError';
    this.kind = kind;
  }
}
