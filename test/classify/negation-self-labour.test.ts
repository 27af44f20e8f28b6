import { beforeAll, describe, expect, it } from 'vitest';
import { typedWithoutKazakhLetters } from '../../src/classify/classifier.js';
import { isNegatedOnly, isSelfReference, isWarmRemark } from '../../src/classify/features.js';
import { type Classifier, loadClassifier } from '../../src/classify/index.js';
import type { Lang } from '../../src/domain.js';
import { analyzeDetailed } from '../../src/text/index.js';

let clf: Classifier;
beforeAll(async () => {
  clf = await loadClassifier();
});

describe('the negation gate', () => {
  const denials: [Lang, string][] = [
    ['ru', 'Узбеки не тараканы и не саранча.'],
    ['kk', 'Өзбектердің бәрі алаяқ емес.'],
    ['en', 'Refugees are not vermin.'],
  ];
  for (const [lang, text] of denials)
    it(`reads hate words that are only negated as a denial (${lang})`, () => {
      const x = clf.featurize(text, lang);
      expect(isNegatedOnly(x)).toBe(true);
      expect(clf.classify(text, lang).xenophobic).toBe(false);
    });

  it('does not apply when hate follows in the writer own voice', () => {
    const x = clf.featurize('Я не расист, но мигранты — паразиты.', 'ru');
    expect(isNegatedOnly(x)).toBe(false);
  });

  it('lets a postposed Kazakh negator reach back over the predicate phrase', () => {
    const tokens = analyzeDetailed('Ешкім жұмысымызды тартып алып жатқан жоқ', 'kk');
    expect(tokens.find((t) => t.norm === 'тартып')?.negated).toBe(true);
  });
});

describe('the self-reference gate', () => {
  it('keeps a migrant speaking of themselves out of the xenophobic label', () => {
    const x = clf.featurize('Мы, таджики, можем за день положить плитку во всём подъезде, ахаха 😂', 'ru');
    expect(isSelfReference(x)).toBe(true);
  });

  it('does not read the Kazakh conjunction «мен» as the first person', () => {
    const x = clf.featurize('Пәтерлердің бәрін понаехалар мен келімсектер алып қойған.', 'kk');
    expect(isSelfReference(x)).toBe(false);
  });
});

describe('the warm-remark gate', () => {
  it('keeps a short warm remark about a group out of the xenophobic label', () => {
    const x = clf.featurize('I really respect immigrants.', 'en');
    expect(isWarmRemark(x)).toBe(true);
    expect(clf.classify('I really respect immigrants.', 'en').xenophobic).toBe(false);
  });

  it('does not apply to negated warmth or to long texts', () => {
    expect(isWarmRemark(clf.featurize('I will never respect immigrants.', 'en'))).toBe(false);
    const long =
      'I respect immigrants, my neighbours are wonderful people, and I am glad they moved into our building last year with their kids.';
    expect(isWarmRemark(clf.featurize(long, 'en'))).toBe(false);
  });
});

describe('Russian slurs in Kazakh, Kyrgyz, Uzbek and Tajik texts', () => {
  it('finds a code-switched Russian slur in a Kazakh comment', () => {
    const out = clf.classify('Метрода чучмектер тағы айқайлап отыр, ұят деген жоқ буларда.', 'kk');
    expect(out.evidence.map((e) => e.entry)).toContain('ru.slur.chuchmek');
  });

  it('prefers the language own entry when it has one of the same name', () => {
    const out = clf.classify('Чурки тағы келді.', 'kk');
    const ids = out.evidence.map((e) => e.entry);
    expect(ids).toContain('kk.slur.churka');
    expect(ids).not.toContain('ru.slur.churka');
  });
});

describe('labour vocabulary', () => {
  it('counts work, wages and arrivals only next to a migrant group', () => {
    const near = clf.featurize('Мигранты из Узбекистана работают на стройках и приезжают каждую весну.', 'ru');
    const far = clf.featurize('Строители работают на стройке. Весной приезжают туристы.', 'ru');
    expect(near.features.get('labour')).toBeGreaterThan(0);
    expect(far.features.has('labour')).toBe(false);
    expect(far.features.get('labour:free')).toBeGreaterThan(0);
  });
});

describe('Kazakh typed without Kazakh letters', () => {
  it('matches the Kazakh entries in either spelling', () => {
    const plain = clf.classify('пакистандыктарды жатакханадан куып шыгу керек', 'kk');
    const proper = clf.classify('пәкістандықтарды жатақханадан қуып шығу керек', 'kk');
    expect(plain.evidence.map((e) => e.entry)).toEqual(proper.evidence.map((e) => e.entry));
    expect(plain.evidence.map((e) => e.category)).toContain('expulsion');
  });
  it('adds the letterless spelling only for alternatives that have Kazakh letters', () => {
    const entry = {
      id: 'kk.x',
      pattern: 'қуып шығу|депорт|/^ал+/',
      language: 'kk' as const,
      category: 'expulsion' as const,
      weight: 1,
      note: '',
    };
    expect(typedWithoutKazakhLetters(entry)?.pattern).toBe('куып шыгу');
    expect(typedWithoutKazakhLetters({ ...entry, pattern: 'депорт' })).toBeNull();
    expect(typedWithoutKazakhLetters({ ...entry, pattern: '/^қуы/' })).toBeNull();
  });
});

describe('condemnation predicates', () => {
  const cases: [Lang, string][] = [
    ['en', 'Calling migrants parasites is hurtful and cruel.'],
    ['ru', 'Называть мигрантов саранчой — это бред и пропаганда.'],
    ['kk', '«Келімсектер» деу — сандырақ.'],
  ];
  for (const [lang, text] of cases)
    it(`reads the referenced hate as someone else's words (${lang})`, () => {
      const out = clf.classify(text, lang);
      expect(out.xenophobic).toBe(false);
    });
});
