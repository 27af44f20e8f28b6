// Validates train.jsonl / test.jsonl and prints counts per file, language, label and case.
// Usage: node lexicons/corpus/validate.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const LANGS = new Set(['ru', 'kk', 'en']);
const TARGETS = new Set(['tajik', 'uzbek', 'kyrgyz', 'afghan', 'chinese', 'african', 'pakistani', 'central_asian', 'migrants']);
const CASES = new Set(['slur', 'obfuscated', 'derogatory', 'counter_quote', 'counter_argument', 'self_irony', 'polysemy_neutral', 'polysemy_hate',
  'negation', 'question', 'reported', 'collective_blame', 'call_violence', 'policy_restrictive', 'policy_news',
  'neutral_mention', 'positive', 'unrelated', 'long_unrelated', 'long_policy', 'long_hate', 'long_counter', 'toxic_other',
  'chatter']);

const problems = [];
const ids = new Set();
const texts = new Set();
const count = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);

for (const file of ['train.jsonl', 'test.jsonl']) {
  const byLang = new Map(), byCase = new Map(), bySeverity = new Map(), byLabel = new Map();
  const lines = readFileSync(join(here, file), 'utf8').split('\n').filter(Boolean);
  lines.forEach((line, i) => {
    const where = `${file}:${i + 1}`;
    let r;
    try { r = JSON.parse(line); } catch { problems.push(`${where} is not JSON`); return; }
    if (ids.has(r.id)) problems.push(`${where} duplicate id ${r.id}`);
    ids.add(r.id);
    if (texts.has(r.text)) problems.push(`${where} duplicate text`);
    texts.add(r.text);
    if (!LANGS.has(r.lang) || !r.id?.startsWith(`${r.lang}-`)) problems.push(`${where} bad lang/id`);
    if (typeof r.text !== 'string' || r.text.trim().length < 5) problems.push(`${where} empty text`);
    if (![0, 1, 2, 3].includes(r.severity)) problems.push(`${where} bad severity`);
    if (r.xenophobic !== r.severity >= 1) problems.push(`${where} xenophobic must equal severity >= 1`);
    for (const k of ['migration_policy', 'counter_speech']) if (typeof r[k] !== 'boolean') problems.push(`${where} ${k} not boolean`);
    if (r.counter_speech && r.xenophobic) problems.push(`${where} counter_speech and xenophobic both true`);
    if (!Array.isArray(r.targets) || r.targets.some((t) => !TARGETS.has(t))) problems.push(`${where} bad targets`);
    if (r.xenophobic && r.targets.length === 0) problems.push(`${where} xenophobic without target`);
    if (!CASES.has(r.case)) problems.push(`${where} unknown case ${r.case}`);
    if (r.case === 'polysemy_neutral' && (r.xenophobic || r.migration_policy || r.counter_speech)) problems.push(`${where} polysemy_neutral must have all labels false`);
    count(byLang, r.lang); count(byCase, `${r.lang}/${r.case}`); count(bySeverity, `${r.lang}/sev${r.severity}`);
    for (const k of ['xenophobic', 'migration_policy', 'counter_speech']) if (r[k]) count(byLabel, `${r.lang}/${k}`);
  });
  console.log(`\n${file}: ${lines.length} items`);
  for (const m of [byLang, byLabel, bySeverity, byCase]) console.log(Object.fromEntries([...m].sort()));
}

if (problems.length) {
  console.error(`\n${problems.length} problem(s):\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('\nok: corpus is valid');
