import { beforeAll, describe, expect, it } from 'vitest';
import { condemnedSpan } from '../../src/classify/condemned.js';
import { type Classifier, loadClassifier } from '../../src/classify/index.js';
import type { Lang } from '../../src/domain.js';
import { analyzeDetailed } from '../../src/text/index.js';

let clf: Classifier;
beforeAll(async () => {
  clf = await loadClassifier();
});

const CONDEMNED: [Lang, string][] = [
  ['en', "Saying 'immigrants are vermin' is disgusting."],
  ['en', 'I cannot believe people still call migrants parasites.'],
  ['en', "Statements like 'refugees are scum' have no place in this town."],
  ['en', 'Calling Tajiks rats is racist and shameful.'],
  ['ru', 'Фраза "все мигранты воры" — это ложь.'],
  ['ru', 'Называть таджиков чурками — позор.'],
  ['ru', 'Говорить, что узбеки крысы, недопустимо.'],
  ['kk', '«Келімсектер» деу — масқара.'],
  ['kk', 'Тәжіктерді «тышқан» дейтін адамдарға ұят.'],
];

describe('condemned quotes and references', () => {
  it('marks the quoted or referenced words, not the predicate', () => {
    const tokens = analyzeDetailed('Calling migrants vermin is disgusting.', 'en', false);
    const span = condemnedSpan(tokens);
    expect([...span].map((k) => tokens[k].norm)).toEqual(['migrants', 'vermin', 'is']);
  });

  it('stops at a contrast word after the predicate', () => {
    const tokens = analyzeDetailed('Calling them vermin is wrong, but migrants are rats.', 'en', false);
    const marked = [...condemnedSpan(tokens)].map((k) => tokens[k].norm);
    expect(marked).toContain('vermin');
    expect(marked).not.toContain('rats');
  });

  it('leaves plain statements and unquoted praise alone', () => {
    for (const [lang, text] of [
      ['en', 'Migrants are vermin and should be deported.'],
      ['ru', 'Мигранты — крысы, гнать их всех.'],
      ['kk', 'Мигранттар — тышқандар, бәрін қуу керек.'],
    ] as [Lang, string][])
      expect(condemnedSpan(analyzeDetailed(text, lang, false)).size, text).toBe(0);
  });

  it('marks a quote rejected by negation', () => {
    const tokens = analyzeDetailed('We need fair rules, not people shouting "throw them all out".', 'en', false);
    expect([...condemnedSpan(tokens)].map((k) => tokens[k].norm)).toEqual(['throw', 'them', 'all', 'out']);
    const kk = analyzeDetailed('Бізге «бәрін қуу керек» деген айқай емес, әділ ереже керек.', 'kk', false);
    expect(condemnedSpan(kk).size).toBeGreaterThan(0);
  });

  it.each(CONDEMNED)('%s: %s is counter-speech, not xenophobic', (lang, text) => {
    const c = clf.classify(text, lang);
    expect(c.xenophobic).toBe(false);
    expect(c.counter_speech).toBe(true);
  });

  it.each([
    ['en', 'Calling them vermin is wrong, but migrants are vermin who should be deported.'],
    ['ru', 'Называть их чурками стыдно, но мигранты — крысы, гнать их всех.'],
    ['kk', 'Мигранттарды «келімсек» деу — ұят, бірақ олардың бәрі тышқандар, бәрін қуу керек.'],
  ] as [Lang, string][])('%s: own-voice hate after the contrast stays flagged: %s', (lang, text) => {
    expect(clf.classify(text, lang).xenophobic).toBe(true);
  });
});
