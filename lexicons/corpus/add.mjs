// Adds new labelled items to the corpus: numbers them after the highest id of their language and sends each to
// train.jsonl or test.jsonl by the split rule (position k in its (lang, case) group, in id order: k % 7 ∈ {3, 6} → test).
// Usage: node lexicons/corpus/add.mjs NEW.jsonl   (the ids in NEW.jsonl are ignored; run validate.mjs afterwards)
import { appendFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const FIELDS = ['id', 'lang', 'text', 'xenophobic', 'severity', 'migration_policy', 'counter_speech', 'targets', 'case'];
const readLines = (path) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        return JSON.parse(l);
      } catch {
        console.error(`${path}:${i + 1} is not JSON; fix it and run again (nothing was added).`);
        process.exit(1);
      }
    });

const source = process.argv[2];
if (!source) {
  console.error('usage: node lexicons/corpus/add.mjs NEW.jsonl');
  process.exit(2);
}
const existing = ['train.jsonl', 'test.jsonl'].flatMap((f) => readLines(join(here, f)));
const incoming = readLines(source);
const lastId = new Map();
const groupSize = new Map();
const texts = new Set(existing.map((r) => r.text));
for (const r of existing) {
  const n = Number(r.id.split('-')[1]);
  lastId.set(r.lang, Math.max(lastId.get(r.lang) ?? 0, n));
  groupSize.set(`${r.lang}/${r.case}`, (groupSize.get(`${r.lang}/${r.case}`) ?? 0) + 1);
}
const out = { 'train.jsonl': [], 'test.jsonl': [] };
for (const r of incoming) {
  if (texts.has(r.text)) {
    console.error(`skipped (text already in the corpus): ${r.text.slice(0, 60)}`);
    continue;
  }
  texts.add(r.text);
  const n = (lastId.get(r.lang) ?? 0) + 1;
  lastId.set(r.lang, n);
  const group = `${r.lang}/${r.case}`;
  const k = groupSize.get(group) ?? 0;
  groupSize.set(group, k + 1);
  const item = { ...r, id: `${r.lang}-${String(n).padStart(4, '0')}` };
  const value = (v) => (Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(', ')}]` : JSON.stringify(v));
  const line = `{${FIELDS.map((f) => `${JSON.stringify(f)}: ${value(item[f])}`).join(', ')}}`;
  out[k % 7 === 3 || k % 7 === 6 ? 'test.jsonl' : 'train.jsonl'].push(line);
}
for (const [file, lines] of Object.entries(out)) {
  if (lines.length) appendFileSync(join(here, file), `${lines.join('\n')}\n`);
  console.log(`${file}: +${lines.length}`);
}
