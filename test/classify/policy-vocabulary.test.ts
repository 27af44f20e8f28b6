import { beforeAll, describe, expect, it } from 'vitest';
import { type Classifier, loadClassifier } from '../../src/classify/index.js';
import type { Lang } from '../../src/domain.js';

let clf: Classifier;
beforeAll(async () => {
  clf = await loadClassifier();
});

const entriesOf = (text: string, lang: Lang) => clf.classify(text, lang).evidence.map((e) => e.entry);

describe('migration-policy vocabulary: Russia crackdown and foreign staff', () => {
  const cases: { lang: Lang; text: string; entry: string }[] = [
    {
      lang: 'ru',
      entry: 'ru.policy.crackdown',
      text: 'Многие строители вернулись из России весной и ищут работу в Шымкенте.',
    },
    {
      lang: 'ru',
      entry: 'ru.policy.crackdown',
      text: 'Тех, кого Москва выдавила, теперь нанимают подрядчики в Астане.',
    },
    {
      lang: 'kk',
      entry: 'kk.policy.crackdown',
      text: 'Ресейден оралған жігіттер Түркістанда құрылыста жұмыс табуға тырысады.',
    },
    { lang: 'kk', entry: 'kk.policy.crackdown', text: 'Ресейден қуылған жұмысшылар енді Алматыға келіп жатыр.' },
    {
      lang: 'en',
      entry: 'en.policy.crackdown',
      text: 'Builders who were kicked out of Russia now queue for day jobs in Shymkent.',
    },
    {
      lang: 'ru',
      entry: 'ru.policy.foreign_staff',
      text: 'Сервисы доставки должны проверять документы иностранных курьеров.',
    },
    {
      lang: 'ru',
      entry: 'ru.policy.foreign_staff',
      text: 'Подрядчик обязан нанять не меньше половины местных работников.',
    },
    {
      lang: 'en',
      entry: 'en.policy.foreign_staff',
      text: 'Mining contractors must train local engineers and cap foreign specialists.',
    },
  ];
  for (const c of cases)
    it(`${c.lang}: ${c.entry} in "${c.text.slice(0, 40)}…"`, () => {
      expect(entriesOf(c.text, c.lang)).toContain(c.entry);
    });

  it('does not fire on unrelated returns', () => {
    expect(entriesOf('Сборная вернулась из Турции с двумя медалями.', 'ru')).not.toContain('ru.policy.crackdown');
    expect(entriesOf('The team returned from Turkey with two medals.', 'en')).not.toContain('en.policy.crackdown');
  });

  it('flags a news lead about workers back from Russia as migration policy', () => {
    const r = clf.classify(
      'После российских облав тысячи трудовых мигрантов вернулись из России и ищут работу в Казахстане.',
      'ru',
    );
    expect(r.migration_policy).toBe(true);
  });
});
