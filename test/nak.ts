/** Runs the CLI in-process, as the nak binary would: an error it raises becomes its exit status and message. */
import { exitStatusOf, main } from '../src/cli/main.ts';
import { NakError } from '../src/errors.ts';

export async function nak(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  try {
    const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s) });
    return { code, out, err };
  } catch (e) {
    if (e instanceof NakError) return { code: exitStatusOf(e), out, err: err + `nak: ${e.message}\n` };
    throw e;
  }
}
