import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Classifier, loadClassifier } from '../../src/classify/index.js';
import type { CrawledDocument } from '../../src/domain.js';
import { processDocument, processDocuments } from '../../src/pipeline/process-document.js';
import { createSqliteStore, type SqliteStore } from '../../src/store/sqlite/index.js';

const STORY =
  'Министерство труда Казахстана сообщило о новой квоте на привлечение иностранной рабочей силы. ' +
  'В этом году квота составит почти тридцать тысяч человек, большинство из них приедут из Узбекистана ' +
  'и Таджикистана. Работодатели должны подать заявки до конца месяца, а мигранты получить разрешение.';

function doc(path: string, text: string, title = 'Квоты на иностранную рабочую силу'): CrawledDocument {
  return {
    source_id: 's1',
    url: `https://news.example.kz${path}`,
    kind: 'article',
    title,
    text,
    published_at: '2024-05-01T08:00:00.000Z',
    author: null,
    canonical_url: null,
    lang: 'ru',
    fetched_at: '2024-05-01T09:00:00.000Z',
  };
}

const DOCS = [
  doc('/a', STORY),
  doc('/b', 'Погода в Алматы: к выходным потеплеет до двадцати градусов, дожди пройдут в горах.', 'Погода'),
  doc('/copy', STORY),
  doc('/near', `${STORY} Подписывайтесь на наш канал.`),
  doc('/a', `${STORY} Обновлено: добавлены сроки подачи заявок.`),
];

describe('processDocuments', () => {
  let classifier: Classifier;
  let one: SqliteStore;
  let batch: SqliteStore;
  beforeAll(async () => {
    classifier = await loadClassifier();
  });
  beforeEach(async () => {
    one = createSqliteStore({ file: ':memory:' });
    batch = createSqliteStore({ file: ':memory:' });
    await one.init();
    await batch.init();
  });
  afterEach(async () => {
    await one.close();
    await batch.close();
  });
  const deps = (store: SqliteStore) => ({ store, classifier, countryOf: () => 'KZ' });

  it('stores a batch as processing its documents one by one would', async () => {
    const single = [];
    for (const d of DOCS) single.push(await processDocument(d, deps(one)));
    const batched = await processDocuments(DOCS, deps(batch));
    expect(batched.map((p) => [p.article.id, p.article.cluster_id, p.created])).toEqual(
      single.map((p) => [p.article.id, p.article.cluster_id, p.created]),
    );
    expect(batched.map((p) => p.article.classification)).toEqual(single.map((p) => p.article.classification));
    expect(await batch.count()).toBe(4);
    for (const p of single) expect(await batch.getArticle(p.article.id)).toEqual(await one.getArticle(p.article.id));
  });

  it('puts copies within one batch in the first one’s cluster and stores a repeated item once, as an update', async () => {
    const [first, other, copy, near, again] = await processDocuments(DOCS, deps(batch));
    expect(copy.article.cluster_id).toBe(first.article.id);
    expect(near.article.cluster_id).toBe(first.article.id);
    expect(other.article.cluster_id).toBe(other.article.id);
    expect(again.article.id).toBe(first.article.id);
    expect(again.created).toBe(false);
    expect(again.previous?.text).toBe(STORY);
    expect((await batch.getArticle(first.article.id))?.text).toContain('Обновлено');
  });
});
