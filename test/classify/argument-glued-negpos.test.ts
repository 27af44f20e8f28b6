import { beforeAll, describe, expect, it } from 'vitest';
import { gluedSplitter } from '../../src/classify/glued.js';
import { type Classifier, loadClassifier } from '../../src/classify/index.js';
import type { Lang } from '../../src/domain.js';

let clf: Classifier;
beforeAll(async () => {
  clf = await loadClassifier();
});

const arguing = (text: string, lang: Lang) => clf.featurize(text, lang);

describe('counter-argument markers', () => {
  const cases: [Lang, string][] = [
    ['ru', 'Хватит винить приезжих во всём: цены на жильё растут из-за спекулянтов.'],
    ['ru', 'Нельзя обвинять всех мигрантов из-за одного преступника.'],
    ['ru', 'Не все мигранты воры, у нас на стройке работают честные ребята.'],
    ['kk', 'Мигранттарды бәрін бірдей кінәламаңыздар, олар да адамдар.'],
    ['kk', 'Барлығын бірдей жамандауды доғарыңыздар, бір адамның қылығы бүкіл халықтың кінәсі емес.'],
    ['en', 'Stop blaming immigrants for the housing shortage, it is bad planning.'],
    ['en', "It's wrong to call refugees criminals because of one case."],
    ['en', 'Not all migrants are thieves; most of them work twelve hours a day.'],
  ];
  for (const [lang, text] of cases)
    it(`switches the xenophobic decision off (${lang}): ${text.slice(0, 40)}`, () => {
      expect(arguing(text, lang).arguing).toBe(true);
      expect(clf.classify(text, lang).xenophobic).toBe(false);
    });
  it('keeps hate in the writer own voice after the marker', () => {
    const x = arguing('Не все мигранты воры, но почти все они грязные паразиты.', 'ru');
    expect(x.arguing && x.ownVoiceHate).toBe(true);
    const en = arguing('Not all migrants are criminals, but most of them are dirty parasites.', 'en');
    expect(en.ownVoiceHate).toBe(true);
  });
  it('keeps hate after a disclaimer', () => {
    expect(arguing('Я не расист, но не все мигранты люди, некоторые просто скот.', 'ru').ownVoiceHate).toBe(true);
  });
});

describe('negated positive predicates about a group', () => {
  const cases = [
    'Migrants are never honest with anyone.',
    'I do not trust refugees at all.',
    'Foreigners can never be trusted.',
  ];
  for (const text of cases)
    it(`reads as derogatory: ${text}`, () => {
      expect(clf.featurize(text, 'en').features.has('derogatory:negpos')).toBe(true);
    });
  it('ignores warm words negated far from the group or in a quotation', () => {
    expect(
      clf.featurize('I do not like rainy days, and migrants arrived today.', 'en').features.has('derogatory:negpos'),
    ).toBe(false);
    expect(clf.featurize('Immigrants do not deserve to be hurt.', 'en').features.has('derogatory:negpos')).toBe(false);
  });
});

describe('glued words', () => {
  it('splits a glue of lexicon and grammar words', async () => {
    const split = gluedSplitter(clf.lexicon.entries.filter((e) => e.language === 'en')).split;
    expect(split('deportallrefugees')).toEqual(['deport', 'all', 'refugees']);
    expect(split('foreignersarevermin')).toEqual(['foreigners', 'are', 'vermin']);
    for (const word of ['together', 'everywhere', 'condemnation', 'government', 'understanding'])
      expect(split(word), word).toBeNull();
  });
  it('classifies glued hate and points evidence inside the token', () => {
    const text = 'Honestly, foreignersarevermin.';
    const c = clf.classify(text, 'en');
    expect(c.xenophobic).toBe(true);
    const ev = c.evidence.find((e) => e.category === 'dehumanizing');
    expect(ev?.text).toBe('vermin');
  });
});
