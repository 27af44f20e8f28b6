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
  ['en', 'Stop calling migrants vermin.'],
  ['kk', 'Мигранттарды «келімсек» деуді доғарыңдар.'],
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

  it('takes a verdict that opens the next sentence for the quote before it', () => {
    const marked = (text: string, lang: Lang) => {
      const tokens = analyzeDetailed(text, lang, false);
      return [...condemnedSpan(tokens)].map((k) => tokens[k].norm);
    };
    expect(marked('He wrote "Tajiks are rats". That is disgusting.', 'en')).toEqual(['tajiks', 'are', 'rats']);
    expect(marked('Депутат заявил: «все мигранты — воры». Это ложь.', 'ru')).toEqual(['все', 'мигранты', 'воры']);
    expect(marked('«Тәжіктер — тышқан» деп жазыпты. Бұл — масқара.', 'kk')).toEqual(
      expect.arrayContaining(['тәжіктер', 'тышқан']),
    );
    // A verdict deep in the next sentence, or plain words without quote or reference, are not taken.
    expect(marked('He wrote "Tajiks are rats". I later learned from his colleagues it was disgusting.', 'en')).toEqual(
      [],
    );
    expect(marked('Tajiks are rats. Shame on the akimat for letting them in.', 'en')).toEqual([]);
  });

  it('marks words attributed to third parties by a relative clause of saying', () => {
    const marked = (text: string, lang: Lang) => {
      const tokens = analyzeDetailed(text, lang, false);
      return [...condemnedSpan(tokens)].map((k) => tokens[k].norm);
    };
    expect(marked('People who call migrants parasites have never met one.', 'en')).toContain('parasites');
    expect(marked('Те, кто называет таджиков дикарями, ни разу не были в Душанбе.', 'ru')).toContain('дикарями');
    expect(marked('Мигранттарды паразит дейтіндер олармен бір рет те сөйлеспеген.', 'kk')).toContain('паразит');
    expect(marked('Migrants are parasites who steal our jobs.', 'en')).toEqual([]);
  });

  it.each(CONDEMNED)('%s: %s is counter-speech, not xenophobic', (lang, text) => {
    const c = clf.classify(text, lang);
    expect(c.xenophobic).toBe(false);
    expect(c.counter_speech).toBe(true);
  });

  it.each([
    ['en', 'He wrote "Tajiks are rats". That is disgusting.'],
    ['ru', 'В чате написали: «таджики — крысы». Это позор.'],
    ['kk', '«Тәжіктер — тышқан» деп жазыпты. Бұл — масқара.'],
    ['en', 'People who call migrants parasites have never met one.'],
    ['ru', 'Те, кто называет таджиков дикарями, ни разу не были в Душанбе.'],
    ['kk', 'Мигранттарды паразит дейтіндер олармен бір рет те сөйлеспеген.'],
  ] as [Lang, string][])(
    '%s: a quote judged in the next sentence, or speech attributed to others, is not hate: %s',
    (lang, text) => {
      expect(clf.classify(text, lang).xenophobic).toBe(false);
    },
  );

  it.each([
    ['en', 'People who call migrants parasites are right, they are parasites.'],
    ['ru', 'Те, кто называет таджиков дикарями, правы.'],
  ] as [Lang, string][])('%s: endorsed attributed speech stays flagged: %s', (lang, text) => {
    expect(clf.classify(text, lang).xenophobic).toBe(true);
  });

  it.each([
    ['en', 'Calling them vermin is wrong, but migrants are vermin who should be deported.'],
    ['ru', 'Называть их чурками стыдно, но мигранты — крысы, гнать их всех.'],
    ['kk', 'Мигранттарды «келімсек» деу — ұят, бірақ олардың бәрі тышқандар, бәрін қуу керек.'],
  ] as [Lang, string][])('%s: own-voice hate after the contrast stays flagged: %s', (lang, text) => {
    expect(clf.classify(text, lang).xenophobic).toBe(true);
  });
});
