import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { DEFAULT_CRAWL_OPTIONS } from '../../crawl/options.js';
import { CAPTURE_ID } from '../../evidence/digest.js';
import type { CaptureRecord, EvidenceStore } from '../../evidence/port.js';
import { warcFile } from '../../evidence/warc.js';
import type { RouteDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { loadArticle } from './articles.js';

/**
 * A kept capture and, unless `withBody` is false, its body; 404 ApiError when either is not kept.
 *
 * @example
 * const { record, body } = await loadCapture(evidence, id);
 */
export async function loadCapture(
  evidence: EvidenceStore | null,
  id: string,
): Promise<{ record: CaptureRecord; body: Buffer | null }> {
  if (!CAPTURE_ID.test(id)) throw new ApiError(400, 'id: is not a capture id', 'id');
  const record = evidence ? await evidence.getCapture(id) : null;
  if (!evidence || !record) throw new ApiError(404, `No capture with id ${id}; it may have been pruned.`, 'id');
  return { record, body: await evidence.captureBody(record.digest) };
}

/**
 * GET /api/articles/:id/warc (the article's captures and its metadata as a WARC 1.1 file),
 * GET /api/captures/:id (a capture's record) and GET /api/captures/:id/body (its bytes, as a download that
 * browsers never render: attachment, octet-stream, sandboxed CSP).
 */
export function evidenceRoutes({ store, evidence, publicUrl, version }: RouteDeps): Hono {
  return new Hono()
    .get('/articles/:id/warc', async (c) => {
      const { article } = await loadArticle(store, c.req.param('id'));
      if (!evidence) throw new ApiError(404, 'captures are not kept by this instance', 'id');
      const filename = `kuzet-${article.id.replace(/[^\w.-]/g, '_')}.warc.gz`;
      const records = warcFile([[article]], evidence, {
        userAgent: DEFAULT_CRAWL_OPTIONS.userAgent,
        publicUrl,
        software: `Kuzet ${version} (warcio.js)`,
        filename,
      });
      return new Response(Readable.toWeb(Readable.from(records)) as ReadableStream, {
        headers: {
          'content-type': 'application/warc',
          'content-disposition': `attachment; filename="${filename}"`,
          'cache-control': 'no-store',
        },
      });
    })
    .get('/captures/:id', async (c) => {
      const { record } = await loadCapture(evidence, c.req.param('id'));
      return c.json(record);
    })
    .get('/captures/:id/body', async (c) => {
      const { record, body } = await loadCapture(evidence, c.req.param('id'));
      if (!body) throw new ApiError(404, 'the body of this capture is no longer kept', 'id');
      return c.body(new Uint8Array(body), 200, {
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename="capture-${record.id}.bin"`,
        'content-security-policy': "sandbox; default-src 'none'",
        'cache-control': 'no-store',
      });
    });
}
