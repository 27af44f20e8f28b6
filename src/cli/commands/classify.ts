/** `kuzet classify [FILE.jsonl]`: one Classification JSON line per input line {id, text, lang?}, in input order. */

import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { type Classifier, loadClassifier } from '../../classify/index.js';
import { LANGS } from '../../domain.js';
import { parseFlags } from '../flags.js';

const HELP = `Usage: kuzet classify [FILE.jsonl] [--model FILE]
Reads JSON lines {id, text, lang?} from FILE (stdin without one) and writes {id, ...Classification} per line, in order.
A bad line becomes {id?, line, error} and processing continues.`;

const InputSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  text: z.string(),
  lang: z.enum(LANGS).optional(),
});

export async function run(argv: string[]): Promise<number> {
  const parsed = parseFlags<{ model?: string }>('classify', argv, { model: { type: 'string' } }, HELP);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  let clf: Classifier;
  try {
    clf = await loadClassifier({ modelPath: values.model });
  } catch (err) {
    console.error(`kuzet classify: ${(err as Error).message}`);
    return 1;
  }
  const file = positionals[0];
  const input = file ? createReadStream(file, 'utf8') : process.stdin;
  const opened = new Promise<Error | null>((resolve) => {
    input.once('error', resolve);
    input.once('readable', () => resolve(null));
    input.once('end', () => resolve(null));
  });
  const failed = await opened;
  if (failed) {
    console.error(`kuzet classify: cannot read ${file}: ${failed.message}`);
    return 1;
  }
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  let errors = 0;
  for await (const raw of rl) {
    line++;
    if (!raw.trim()) continue;
    let out: string;
    let id: unknown;
    try {
      const json = JSON.parse(raw) as { id?: unknown };
      id = json?.id;
      const rec = InputSchema.safeParse(json);
      if (!rec.success)
        throw new Error(rec.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; '));
      out = JSON.stringify({ id: rec.data.id ?? null, ...clf.classify(rec.data.text, rec.data.lang) });
    } catch (err) {
      errors++;
      out = JSON.stringify({ ...(id !== undefined ? { id } : {}), line, error: (err as Error).message });
    }
    if (!process.stdout.write(`${out}\n`)) await once(process.stdout, 'drain');
  }
  if (errors) console.error(`kuzet classify: ${errors} bad line(s) reported inline`);
  return 0;
}
