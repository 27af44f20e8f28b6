import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import type { ArticleStore } from '../../src/store/port.js';
import { seededSqlite } from '../helpers/seed.js';

let store: ArticleStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  ({ store } = await seededSqlite());
  app = createApp({ store });
});
afterAll(() => store.close());

const long = 'a'.repeat(501);
const many = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');

describe('bad parameters answer 4xx in the one error format', () => {
  it.each([
    ['/api/search?q=%22unclosed', 'q', /Unclosed quote/],
    ['/api/search?q=(a%20OR%20b', 'q', /Unclosed parenthesis/],
    ['/api/search?q=a%20OR%20b)', 'q', /Unexpected \)/],
    [`/api/search?q=${long}`, 'q', /500 characters/],
    [`/api/search?q=${encodeURIComponent(many)}`, 'q', /Too many terms/],
    ['/api/search?q=-спорт', 'q', /only excludes/],
    ['/api/search?from=2025-13-01', 'from', /real date/],
    ['/api/search?from=yesterday', 'from', /YYYY-MM-DD/],
    ['/api/search?to=2025-02-30', 'to', /real date/],
    ['/api/search?from=2025-05-01&to=2025-04-01', 'from', /after to/],
    ['/api/search?size=-1', 'size', /1\.\.100/],
    ['/api/search?size=100000', 'size', /1\.\.100/],
    ['/api/search?size=ten', 'size', /number/],
    ['/api/search?size=1&size=2', 'size', /once/],
    ['/api/search?label=hateful', 'label', /must be one of/],
    ['/api/search?min_severity=4', 'min_severity', /0\.\.3/],
    ['/api/search?lang=xx', 'lang', /must be one of/],
    ['/api/search?country=KAZ', 'country', /two-letter/],
    ['/api/search?sort=random', 'sort', /relevance or date/],
    ['/api/search?collapse=maybe', 'collapse', /true or false/],
    ['/api/search?cursor=%3Cscript%3E', 'cursor', /cursor/],
    ['/api/search?cursor=bm90LWpzb24', 'cursor', /cursor/],
    ['/api/search?cursor=eyJrZXkiOiJvdGhlciIsIm9mZnNldCI6NX0', 'cursor', /cursor/],
    ['/api/search?lable=xenophobic', 'lable', /unknown parameter/],
    [`/api/search?${Array.from({ length: 60 }, (_, i) => `source=s${i}`).join('&')}`, 'source', /at most 50/],
    ['/api/timeseries?interval=year', 'interval', /day, week or month/],
    ['/api/timeseries?split=author', 'split', /label, source, lang or target/],
    ['/api/timeseries?format=xml', 'format', /json or csv/],
    ['/api/export?format=xlsx', 'format', /csv or ndjson/],
    ['/api/export?q=%22', 'q', /Unclosed quote/],
  ])('%s → 400 naming %s', async (path, param, message) => {
    const res = await app.request(path);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = await res.json();
    expect(body.error).toMatchObject({ status: 400, param });
    expect(body.error.message).toMatch(message);
  });

  it('unknown routes and articles are 404 in the same format', async () => {
    for (const path of ['/api/nothing', '/nothing/here', '/api/articles/0123456789abcdef01234567']) {
      const res = await app.request(path);
      expect(res.status).toBe(404);
      const body = await res.json();
      expect(body.error.status).toBe(404);
      expect(typeof body.error.message).toBe('string');
    }
  });

  it('never answers 5xx for odd but bounded input', async () => {
    const odd = [
      'q=%00',
      'q=***',
      'q=AND',
      'q=NOT',
      'q=()',
      'q=%22%22',
      'q=%F0%9F%92%A9',
      'q=a*',
      'q=%E2%80%8B',
      'target=%3Cb%3E',
      'from=2025-01-01T25:00:00Z',
    ];
    for (const qs of odd) {
      const res = await app.request(`/api/search?${qs}`);
      expect(res.status, qs).toBeLessThan(500);
    }
  });
});
