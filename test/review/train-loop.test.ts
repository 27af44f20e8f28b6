import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/auth/users.js';
import { newReview } from '../../src/review/input.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { runKuzet, tempDir } from '../helpers/cli.js';
import { seed } from '../helpers/seed.js';

const SMALL_CORPUS = 160;

describe('reviews back into training: kuzet review export → kuzet train --with-reviews → kuzet eval', () => {
  let dir: string;
  let remove: () => Promise<void>;
  const file = (name: string) => path.join(dir, name);
  const kuzet = (...args: string[]) => runKuzet(args, { LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    ({ dir, remove } = await tempDir());
    const store = createSqliteStore({ dataDir: dir });
    await store.init();
    const articles = await seed(store);
    const dana = await addUser(store, 'dana', 'reviewer');
    const aibek = await addUser(store, 'aibek', 'reviewer');
    const verdict = (xenophobic: boolean, migration_policy: boolean) => ({
      xenophobic,
      migration_policy,
      counter_speech: false,
      severity: xenophobic ? 2 : 0,
      targets: xenophobic ? ['migrants'] : [],
      note: null,
    });
    const plan: Array<[string, typeof dana, ReturnType<typeof verdict>]> = [
      ['en-hate', dana, verdict(true, false)],
      ['quota', dana, verdict(false, true)],
      ['weather', dana, verdict(false, false)],
      ['football', aibek, verdict(false, false)],
      ['chinese', dana, verdict(true, false)],
      ['chinese', aibek, verdict(false, false)],
    ];
    for (const [key, user, v] of plan) {
      const article = articles.get(key);
      if (!article) throw new Error(`no seeded ${key}`);
      await store.addReview(newReview(article, user, v));
    }
    await store.close();
    const corpus = (await readFile('lexicons/corpus/train.jsonl', 'utf8')).split('\n').slice(0, SMALL_CORPUS);
    await writeFile(file('corpus.jsonl'), `${corpus.join('\n')}\n`);
  }, 60_000);
  afterAll(() => remove());

  it('exports settled reviews in the corpus format with pseudonymous reviewers, trains on them deterministically with a new version, and evaluates on them', async () => {
    const exported = await kuzet('review', 'export', '--out', file('reviews.jsonl'), '--data', dir);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toMatch(/4 reviewed items written; 1 left out because reviewers disagree/);
    const text = await readFile(file('reviews.jsonl'), 'utf8');
    expect(text).not.toMatch(/dana|aibek/);
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ case: 'review', reviewers: [expect.stringMatching(/^r-[0-9a-f]{12}$/)] });
    expect(lines.find((l) => l.text.includes('parasites'))).toMatchObject({
      xenophobic: true,
      severity: 2,
      lang: 'en',
    });
    const again = await kuzet('review', 'export', '--data', dir);
    expect(again.stdout).toBe(text);

    const train = (out: string) =>
      kuzet(
        'train',
        '--no-stream',
        '--corpus',
        file('corpus.jsonl'),
        '--with-reviews',
        file('reviews.jsonl'),
        '--out',
        file(out),
      );
    const [one, two] = [await train('one.json'), await train('two.json')];
    expect(one.code, one.stderr).toBe(0);
    expect(two.code).toBe(0);
    expect(one.stderr).toMatch(new RegExp(`${SMALL_CORPUS + 4} examples from .* and 4 reviewed items`));
    const model = await readFile(file('one.json'), 'utf8');
    expect(await readFile(file('two.json'), 'utf8')).toBe(model);
    expect(JSON.parse(model).trained_on).toMatchObject({ examples: SMALL_CORPUS + 4, reviews: { examples: 4 } });

    const evalOf = async (...extra: string[]) => {
      const r = await kuzet('eval', file('reviews.jsonl'), '--json', ...extra);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    const retrained = await evalOf('--model', file('one.json'));
    const shipped = await evalOf();
    expect(retrained.classifier_version).not.toBe(shipped.classifier_version);
    expect(retrained.labels.xenophobic).toBeDefined();
  }, 300_000);
});
