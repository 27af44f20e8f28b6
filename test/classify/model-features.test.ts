import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { charGrams, charGramValue } from '../../src/classify/features.js';
import { type Classifier, DEFAULT_MODEL_PATH, loadClassifier } from '../../src/classify/index.js';
import { bayesLogOdds, type Example, modelSet, scoreAll } from '../../src/classify/model.js';
import type { Lang } from '../../src/domain.js';
import natural from '../../src/text/natural.js';

let clf: Classifier;
beforeAll(async () => {
  clf = await loadClassifier();
});

describe('character n-grams', () => {
  it('marks word boundaries and skips short or numeric tokens', () => {
    expect(charGrams('орда')).toEqual([
      'c:^ор',
      'c:орд',
      'c:рда',
      'c:да$',
      'c:^орд',
      'c:орда',
      'c:рда$',
      'c:^орда',
      'c:орда$',
    ]);
    expect(charGrams('на')).toEqual([]);
    expect(charGrams('2024')).toEqual([]);
  });
  it('share features across inflections the stemmer keeps apart', () => {
    const a = new Set(charGrams('мигранттарға'));
    expect(charGrams('мигрантов').filter((g) => a.has(g))).toContain('c:мигра');
  });
  it('weigh a text by its n-gram count, so long texts do not dominate', () => {
    expect(Math.log1p(charGramValue(4))).toBeCloseTo(1);
    expect(charGramValue(400)).toBeLessThan(charGramValue(4));
  });
});

describe('fast scoring path', () => {
  const TEXTS: [Lang, string][] = [
    ['ru', 'Мигранты, мигранты, мигрантов всё больше: квоты на патенты снова увеличили.'],
    ['kk', 'Мигранттарды елден қуу керек! Келімсектер, келімсектер.'],
    ['en', 'Parliament passed a bill on work permits for labour migrants; migrants welcomed it.'],
    ['en', 'Immigrants are vermin.'],
  ];
  it.each(TEXTS)('gives the scores of the full feature map (%s): %s', async (lang, text) => {
    const raw = JSON.parse(await readFile(DEFAULT_MODEL_PATH, 'utf8'));
    const set = modelSet([raw.labels.xenophobic, raw.labels.migration_policy, raw.labels.counter_speech]);
    const [px, pm] = scoreAll(set, clf.featurize(text, lang).features);
    const c = clf.classify(text, lang);
    expect(c.xenophobia_score).toBeCloseTo(px, 3);
    expect(c.migration_policy_score).toBeCloseTo(pm, 3);
  });
});

describe('naive Bayes log-odds', () => {
  it('equal the ratio natural.BayesClassifier computes', () => {
    const docs: [string[], boolean][] = [
      [['w:квот', 'w:патент'], true],
      [['w:квот', 'w:мигрант'], true],
      [['w:футбол', 'w:матч'], false],
      [['w:мигрант', 'w:матч'], false],
      [['w:погод'], false],
    ];
    const examples: Example[] = docs.map(([ws, y]) => ({ features: new Map(ws.map((w) => [w, 1])), y }));
    const nb = bayesLogOdds(examples, (k) => k.startsWith('w:'));
    const ref = new natural.BayesClassifier();
    for (const [ws, y] of docs) ref.addDocument(ws, y ? 'yes' : 'no');
    ref.train();
    const probe = ['w:квот', 'w:матч'];
    const got = Object.fromEntries(ref.getClassifications(probe).map((c) => [c.label, c.value]));
    const expected = Math.log(got.yes / got.no);
    const z = nb.bias + probe.reduce((s, k) => s + (nb.weights.get(k) ?? 0), 0);
    expect(z).toBeCloseTo(expected, 9);
  });
});
