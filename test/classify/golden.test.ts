// Reproducibility: classifier_version must change whenever any output can. The golden file holds the outputs of a
// fixed set of texts under one version; outputs that change under the same version fail here. After a deliberate
// change (new model, lexicons or RULES_VERSION), rewrite it: KUZET_UPDATE_GOLDEN=1 npx vitest run test/classify/golden
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Classifier,
  DEFAULT_LEXICON_DIR,
  DEFAULT_MODEL_PATH,
  loadClassifier,
  readGold,
} from '../../src/classify/index.js';
import type { Lang } from '../../src/domain.js';
import { readGrammar } from '../../src/text/scope-words.js';

const GOLDEN = fileURLToPath(new URL('./golden.json', import.meta.url));
/** Every 25th held-out item: all languages and cases, long articles included. */
const SAMPLE_EVERY = 25;

let clf: Classifier;
beforeAll(async () => {
  clf = await loadClassifier();
});

async function outputs() {
  const rows = (await readGold(join(DEFAULT_LEXICON_DIR, 'corpus', 'test.jsonl'))).filter(
    (_, i) => i % SAMPLE_EVERY === 0,
  );
  return rows.map((r) => {
    const { classifier_version: _, evidence, ...c } = clf.classify(r.text, r.lang as Lang);
    return { id: r.id, ...c, evidence: evidence.map((e) => `${e.start}-${e.end}:${e.entry}`) };
  });
}

describe('golden outputs', () => {
  it('change only with classifier_version', async () => {
    const now = { classifier_version: clf.version, outputs: await outputs() };
    if (process.env.KUZET_UPDATE_GOLDEN) await writeFile(GOLDEN, `${JSON.stringify(now, null, 1)}\n`);
    const golden = JSON.parse(await readFile(GOLDEN, 'utf8')) as typeof now;
    expect(
      now.classifier_version,
      'classifier_version changed: check the new outputs and rewrite the golden file (KUZET_UPDATE_GOLDEN=1)',
    ).toBe(golden.classifier_version);
    expect(now.outputs, 'outputs changed under the same classifier_version: raise RULES_VERSION or retrain').toEqual(
      golden.outputs,
    );
  });
});

describe('model and lexicons', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kuzet-lexicons-'));
    await cp(DEFAULT_LEXICON_DIR, dir, { recursive: true, filter: (src) => !src.includes('corpus') });
  });
  const refused = /trained for lexicons .* run 'kuzet train'/;

  it('refuses the model when a grammar file changes: grammar words are part of the lexicon digest', async () => {
    const kk = join(dir, 'grammar', 'kk.yaml');
    const before = await readFile(kk, 'utf8');
    await writeFile(kk, before.replace('breakers: [', 'breakers: ["немесе", '));
    await expect(loadClassifier({ lexiconDir: dir, modelPath: DEFAULT_MODEL_PATH })).rejects.toThrow(refused);
    await writeFile(kk, before);
  });

  it('rejects a grammar file with a bad field, naming the file and the field', async () => {
    const ru = join(dir, 'grammar', 'ru.yaml');
    const before = await readFile(ru, 'utf8');
    await writeFile(ru, before.replace(/negators_before: .*/, 'negators_before: не'));
    expect(() => readGrammar('ru', join(dir, 'grammar'))).toThrow(/ru\.yaml: field 'negators_before'/);
    await writeFile(ru, before);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a model trained for other lexicons, saying how to fix it', async () => {
    const ru = join(dir, 'ru.yaml');
    await writeFile(ru, `${await readFile(ru, 'utf8')}\n# one more line\n`);
    await expect(loadClassifier({ lexiconDir: dir, modelPath: DEFAULT_MODEL_PATH })).rejects.toThrow(refused);
  });
});
