import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { createFileEvidenceStore } from '../../src/evidence/files/index.js';
import type { CaptureRecord } from '../../src/evidence/port.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { ARTICLES, classification } from '../store/fixtures.js';
import { page } from './contract.js';

const HOSTILE = '<html><body><p>Мигранты</p><script>fetch("/steal")</script><img src=x onerror=alert(1)></body></html>';

describe('evidence on the article page, the capture view and the API', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kuzet-evidence-pages-'));
  const store = createSqliteStore({ file: ':memory:' });
  const evidence = createFileEvidenceStore({ dataDir });
  const app = createApp({ store, evidence, version: 'test' });
  let capture: CaptureRecord;
  beforeAll(async () => {
    await store.init();
    await evidence.init();
    capture = await evidence.putCapture(page({ body: Buffer.from(HOSTILE) }));
    const ref = {
      id: capture.id,
      digest: capture.digest,
      fetched_at: capture.fetched_at,
      status: 200,
      url: capture.url,
    };
    await store.putArticle({
      ...ARTICLES[0],
      classification: classification({ xenophobic: true, severity: 2 }),
      deleted_at: '2024-05-09T12:00:00.000Z',
      deleted_reason: 'HTTP 410',
      edited_at: '2024-05-05T08:00:00.000Z',
      versions: [
        {
          title: 'Прежний заголовок',
          text: 'Прежний <b>текст</b>',
          fetched_at: '2024-05-03T10:00:00.000Z',
          replaced_at: '2024-05-05T08:00:00.000Z',
          capture_id: capture.id,
        },
      ],
      captures: [ref],
      extractor_version: 'html-test',
    });
  });
  afterAll(async () => {
    await evidence.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says when the item was deleted and lists its versions and captures, in Russian and English', async () => {
    const ru = await (await app.request(`/articles/${ARTICLES[0].id}?ui=ru`)).text();
    expect(ru).toContain('Удалено 2024-05-09 12:00 (HTTP 410)');
    expect(ru).toContain('Прежние версии');
    expect(ru).toContain('Прежний &lt;b&gt;текст&lt;/b&gt;');
    expect(ru).toContain(`/captures/${capture.id}`);
    expect(ru).toContain(`/api/articles/${ARTICLES[0].id}/warc`);
    const en = await (await app.request(`/articles/${ARTICLES[0].id}?ui=en`)).text();
    expect(en).toContain('Deleted on 2024-05-09 12:00 (HTTP 410)');
    expect(en).toContain('html-test');
  });

  it('shows a capture as escaped text under a CSP that runs no script', async () => {
    const res = await app.request(`/captures/${capture.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-security-policy')).not.toContain('script-src');
    const body = await res.text();
    expect(body).toContain('&lt;script&gt;fetch(');
    expect(body).not.toContain('<script>fetch(');
    expect(body).not.toContain('<img src=x');
    const raw = await app.request(`/api/captures/${capture.id}/body`);
    expect(raw.headers.get('content-type')).toBe('application/octet-stream');
    expect(raw.headers.get('content-disposition')).toContain('attachment');
    expect(Buffer.from(await raw.arrayBuffer()).toString()).toBe(HOSTILE);
    expect((await app.request('/captures/not-an-id')).status).toBe(400);
    expect((await app.request(`/api/captures/${'0'.repeat(32)}`)).status).toBe(404);
  });

  it('downloads the article as a WARC file and filters deleted=true in the API', async () => {
    const warc = await app.request(`/api/articles/${ARTICLES[0].id}/warc`);
    expect(warc.status).toBe(200);
    expect(warc.headers.get('content-type')).toBe('application/warc');
    const bytes = Buffer.from(await warc.arrayBuffer());
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const search = await (await app.request('/api/search?deleted=true&collapse=false')).json();
    expect(search.items.map((i: { id: string }) => i.id)).toEqual([ARTICLES[0].id]);
    expect((await app.request('/api/search?deleted=maybe')).status).toBe(400);
  });
});
