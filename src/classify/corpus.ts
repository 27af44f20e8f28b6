/** Reading labelled JSON lines (the corpus and gold files for eval). */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { LANGS } from '../domain.js';

export const GoldSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  lang: z.enum(LANGS).optional(),
  text: z.string(),
  xenophobic: z.boolean().optional(),
  severity: z.number().int().min(0).max(3).optional(),
  migration_policy: z.boolean().optional(),
  counter_speech: z.boolean().optional(),
  targets: z.array(z.string()).optional(),
  case: z.string().optional(),
  functionality: z.string().optional(),
});
export type GoldRecord = z.infer<typeof GoldSchema>;

/**
 * Reads a JSON-lines file of gold records; bad lines are reported through `onError` and skipped.
 *
 * @example
 * const rows = await readGold('lexicons/corpus/test.jsonl');
 */
export async function readGold(
  path: string,
  onError: (line: number, msg: string) => void = () => {},
): Promise<GoldRecord[]> {
  const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  const out: GoldRecord[] = [];
  let n = 0;
  for await (const line of rl) {
    n++;
    if (!line.trim()) continue;
    try {
      const parsed = GoldSchema.safeParse(JSON.parse(line));
      if (parsed.success) out.push(parsed.data);
      else onError(n, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    } catch (err) {
      onError(n, `not JSON: ${(err as Error).message}`);
    }
  }
  return out;
}
