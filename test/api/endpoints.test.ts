import { describe, expect, it } from 'vitest';
import { HUMAN_COLUMNS } from '../../src/api/routes/export.js';
import type { Article } from '../../src/domain.js';
import { EXPORT_COLUMNS } from '../../src/present/search-item.js';
import { SOURCES, useSeededApp } from '../helpers/seed.js';

const seeded = useSeededApp();

/** The body after its UTF-8 byte-order mark, which it must start with. */
async function withBom(res: Response): Promise<string> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3));
}

/** Minimal RFC 4180 reader for checking what the exporter wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && ch === '"') {
      quoted = false;
    } else if (quoted) {
      field += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += ch;
    }
  }
  return rows;
}

describe('GET /api/articles/:id', () => {
  it('returns the article, evidence, cluster siblings and source health', async () => {
    const a = seeded.articles.get('locust-2') as Article;
    const res = await seeded.app.request(`/api/articles/${a.id}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      id: a.id,
      title: a.title,
      text: a.text,
      labels: ['xenophobic'],
      source: { id: 'vlast', health: { source_id: 'vlast' } },
    });
    expect(body.classification.evidence.map((e: { text: string }) => e.text)).toEqual(['саранча', 'выгнать']);
    expect(body.siblings.map((s: { id: string }) => s.id).sort()).toEqual(
      [seeded.articles.get('locust-1')?.id, seeded.articles.get('locust-3')?.id].sort(),
    );
  });

  it('404s an unknown id and 400s a malformed one', async () => {
    expect((await seeded.app.request('/api/articles/ffffffffffffffffffffffff')).status).toBe(404);
    const bad = await seeded.app.request(`/api/articles/${encodeURIComponent('<script>')}`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.param).toBe('id');
  });
});

describe('GET /api/timeseries', () => {
  it('buckets by month with count, flagged, share and mean sentiment', async () => {
    const body = await (await seeded.app.request('/api/timeseries?interval=month')).json();
    expect(body.points.map((p: { bucket: string }) => p.bucket)).toEqual([
      '2025-01-01',
      '2025-02-01',
      '2025-03-01',
      '2025-04-01',
      '2025-05-01',
      '2025-06-01',
    ]);
    const jan = body.points[0];
    expect(jan).toMatchObject({ series: 'all', flagged: 1 });
    expect(jan.flagged_share).toBeCloseTo(jan.flagged / jan.count);
  });

  it('splits by lang and filters by query', async () => {
    const body = await (await seeded.app.request('/api/timeseries?interval=month&split=lang&q=мигрант*')).json();
    const series = new Set(body.points.map((p: { series: string }) => p.series));
    expect([...series].every((s) => ['ru', 'kk', 'en'].includes(s as string))).toBe(true);
  });

  it('answers CSV', async () => {
    const res = await seeded.app.request('/api/timeseries?interval=week&format=csv&label=xenophobic');
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const rows = parseCsv(await withBom(res));
    expect(rows[0]).toEqual(['bucket', 'series', 'count', 'flagged', 'flagged_share', 'mean_sentiment']);
    expect(rows.length).toBeGreaterThan(2);
    const plain = await (await seeded.app.request('/api/timeseries?interval=week&format=csv&bom=false')).arrayBuffer();
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(plain).startsWith('bucket,')).toBe(true);
  });

  it('is continuous: every week between from and to, empty weeks with zeros and a null share', async () => {
    const body = await (await seeded.app.request('/api/timeseries?interval=week&from=2020-01-01&to=2020-02-29')).json();
    expect(body.points.map((p: { bucket: string }) => p.bucket)).toEqual([
      '2019-12-30',
      '2020-01-06',
      '2020-01-13',
      '2020-01-20',
      '2020-01-27',
      '2020-02-03',
      '2020-02-10',
      '2020-02-17',
      '2020-02-24',
    ]);
    expect(body.points[0]).toEqual({
      bucket: '2019-12-30',
      series: 'all',
      count: 0,
      flagged: 0,
      flagged_share: null,
      mean_sentiment: null,
    });
    const csv = await (
      await seeded.app.request('/api/timeseries?interval=week&from=2020-01-01&to=2020-01-14&format=csv&bom=false')
    ).text();
    expect(csv).toBe(
      'bucket,series,count,flagged,flagged_share,mean_sentiment\r\n2019-12-30,all,0,0,,\r\n2020-01-06,all,0,0,,\r\n2020-01-13,all,0,0,,\r\n',
    );
  });
});

describe('GET /api/export', () => {
  it('streams every matching article as RFC 4180 CSV', async () => {
    const res = await seeded.app.request('/api/export?format=csv&collapse=false');
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="kuzet-export-.*\.csv"$/);
    const rows = parseCsv(await withBom(res));
    expect(rows[0]).toEqual([...EXPORT_COLUMNS, ...HUMAN_COLUMNS]);
    expect(rows.length - 1).toBe(seeded.articles.size);
    const xss = rows.find((r) => r[0] === seeded.articles.get('xss')?.id) as string[];
    expect(xss[EXPORT_COLUMNS.indexOf('title')]).toBe(seeded.articles.get('xss')?.title);
    expect(xss[EXPORT_COLUMNS.indexOf('xenophobic')]).toBe('true');
    expect(xss[EXPORT_COLUMNS.indexOf('severity')]).toBe('2');
    const unclassified = rows.find((r) => r[0] === seeded.articles.get('football')?.id) as string[];
    expect(unclassified[EXPORT_COLUMNS.indexOf('classifier_version')]).toBe('');
  });

  it('exports the same selection as a search, as NDJSON, collapsed by default', async () => {
    const res = await seeded.app.request('/api/export?format=ndjson&label=xenophobic');
    expect(res.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const search = await (await seeded.app.request('/api/search?label=xenophobic&size=100')).json();
    expect(lines.length).toBe(search.total);
    expect(lines.every((l) => l.xenophobic === true)).toBe(true);
    expect(Object.keys(lines[0])).toEqual([...EXPORT_COLUMNS, ...HUMAN_COLUMNS]);
    const q = await (await seeded.app.request('/api/export?format=ndjson&q=parasites&collapse=false')).text();
    expect(q.trim().split('\n')).toHaveLength(2);
  });
});

describe('GET /api/sources', () => {
  it('lists every source with health', async () => {
    const body = await (await seeded.app.request('/api/sources')).json();
    expect(body.items.map((s: { id: string }) => s.id).sort()).toEqual(SOURCES.map((s) => s.id).sort());
    const silent = body.items.find((s: { id: string }) => s.id === 'tg-silent');
    expect(silent.health).toMatchObject({ consecutive_failures: 4, errors: 4 });
  });

  it('reveals no server file path, here or on an article', async () => {
    const sources = await (await seeded.app.request('/api/sources')).text();
    const article = await (await seeded.app.request(`/api/articles/${seeded.articles.get('xss')?.id}`)).text();
    for (const body of [sources, article]) {
      expect(body).not.toMatch(/"file"/);
      expect(body).not.toMatch(/crawlers\/|\.ya?ml"|\/tmp\/|\/work\//);
    }
  });
});

describe('GET /api/openapi.json', () => {
  it('documents every endpoint with parameters taken from the validation schemas', async () => {
    const doc = await (await seeded.app.request('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/api/search',
        '/api/articles/{id}',
        '/api/timeseries',
        '/api/export',
        '/api/sources',
      ]),
    );
    const params = Object.fromEntries(
      doc.paths['/api/search'].get.parameters.map((p: { name: string }) => [p.name, p]),
    );
    expect(params.size.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 20 });
    expect(params.label.schema.items.enum).toEqual(['xenophobic', 'migration_policy', 'counter_speech']);
    expect(params.q.schema.maxLength).toBe(500);
    expect(doc.paths['/api/timeseries'].get.parameters.map((p: { name: string }) => p.name)).toContain('interval');
  });
});

describe('security headers', () => {
  it('sends a strict CSP on every response', async () => {
    for (const path of ['/', '/api/search', '/nope']) {
      const csp = (await seeded.app.request(path)).headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
    }
  });
});
