/** `nak verify`: placeholder until the notebook checks exist. */
import { NakError } from '../errors.ts';
import type { Io } from './main.ts';

export async function verifyCommand(_files: string[], _update: boolean, _io: Io): Promise<number> {
  throw new NakError('bad-usage', 'verify: no chapters to verify yet');
}
