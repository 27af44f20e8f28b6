import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Classifier,
  DEFAULT_LEXICON_DIR,
  LexiconError,
  loadClassifier,
  loadLexicon,
  parseLexiconFile,
  trainModel,
} from '../../src/classify/index.js';
import type { Lang } from '../../src/domain.js';

let clf: Classifier;
beforeAll(async () => {
  clf = await loadClassifier();
});

const HATE: [Lang, string][] = [
  ['ru', 'Чурки, вон из страны!'],
  ['ru', 'Ч*рки опять заполонили весь двор, мрази.'],
  ['ru', 'Всех мигрантов надо убить.'],
  ['ru', 'Я не расист, но все мигранты — преступники.'],
  ['ru', 'Мигранты — это саранча, которая пожирает наш город.'],
  ['kk', 'Келімсектерді елден қуу керек!'],
  ['kk', 'Мигранттарды өлтіру керек.'],
  ['en', 'Kill all immigrants.'],
  ['en', 'Immigrants are vermin.'],
  ['en', "I'm not racist, but all immigrants are criminals."],
  ['en', 'I h4te 1mmigrants.'],
];
const NOT_HATE: [Lang, string][] = [
  ['ru', 'Саранча уничтожила посевы на тысячах гектаров.'],
  ['ru', 'Весенний паводок: вода наводнила подвалы домов.'],
  ['ru', 'Миграция птиц в этом году началась раньше.'],
  ['ru', 'Золотая Орда собирала дань с русских княжеств.'],
  ['kk', 'Мигранттар қылмыскер емес.'],
  ['kk', 'Шегіртке егістікке зиян келтірді, фермерлер дабыл қағуда.'],
  ['en', 'Immigrants are not vermin.'],
  ['en', 'Birds start their migration south in September.'],
  ['en', 'I love my immigrant neighbours.'],
];
const POLICY: [Lang, string][] = [
  ['ru', 'Правительство увеличило квоты на иностранную рабочую силу и изменило правила выдачи патентов.'],
  ['kk', 'Мәжіліс көші-қон туралы заң жобасын мақұлдады: еңбек мигранттарына квота азаяды.'],
  ['en', 'Parliament passed a bill tightening work permit rules for labour migrants.'],
];

describe('classifier', () => {
  it.each(HATE)('flags hate (%s): %s', (lang, text) => {
    expect(clf.classify(text, lang).xenophobic).toBe(true);
  });
  it.each(NOT_HATE)('does not flag (%s): %s', (lang, text) => {
    expect(clf.classify(text, lang).xenophobic).toBe(false);
  });
  it.each(POLICY)('finds migration policy (%s): %s', (lang, text) => {
    const c = clf.classify(text, lang);
    expect(c.migration_policy).toBe(true);
    expect(c.xenophobic).toBe(false);
  });
  it('gives calls for violence severity 3 and exact evidence offsets', () => {
    const text = 'Всех мигрантов надо убить.';
    const c = clf.classify(text, 'ru');
    expect(c.severity).toBe(3);
    expect(c.evidence.length).toBeGreaterThan(0);
    for (const e of c.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(c.targets).toContain('migrants');
  });
  it('detects the language when none is given and carries the version', () => {
    const c = clf.classify('Мигранттарды өлтіру керек.');
    expect(c.classifier_version).toMatch(/^lexicon-[\d.]+\+rules-[\d.]+\+model-[0-9a-f]{8}$/);
  });
});

describe('lexicon validation', () => {
  it('names file, entry and field', () => {
    expect(() =>
      parseLexiconFile('x.yaml', {
        language: 'ru',
        sections: [
          { category: 'slur', weight: 1, entries: [{ id: 'ru.slur.a', pattern: 'аб', weight: 9, note: 'n' }] },
        ],
      }),
    ).toThrow(/x\.yaml: entry 'ru\.slur\.a' field 'weight'/);
  });
  it('rejects bad regexps clearly', () => {
    expect(() =>
      parseLexiconFile('y.yaml', {
        language: 'ru',
        sections: [{ category: 'slur', weight: 1, entries: [{ id: 'ru.slur.b', pattern: '/^(аб/', note: 'n' }] }],
      }),
    ).toThrow(LexiconError);
  });
  it('loads the shipped lexicons with a version', async () => {
    const lex = await loadLexicon();
    expect(lex.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(new Set(lex.entries.map((e) => e.language))).toEqual(new Set(['ru', 'kk', 'en', 'uz', 'ky', 'tg']));
  });
});

describe('training', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kuzet-train-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));
  it('is deterministic', async () => {
    const corpus = join(dir, 'small.jsonl');
    const lines = (await readFile(join(DEFAULT_LEXICON_DIR, 'corpus', 'train.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .slice(0, 120);
    await writeFile(corpus, `${lines.join('\n')}\n`);
    const a = await trainModel({ corpus });
    const b = await trainModel({ corpus });
    expect(a.json).toBe(b.json);
  }, 120_000);
});
