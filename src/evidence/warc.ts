/**
 * WARC 1.1 (ISO 28500) export of kept captures, written with webrecorder's warcio: for each capture a
 * `request` record (the GET Kuzet sent) and a `response` record (status, headers, body as served), and for
 * each article a `metadata` record with Kuzet's labels and evidence that refers to the response it was read
 * from. Each record is its own gzip member, as replay tools expect of `.warc.gz`.
 */
import { STATUS_CODES } from 'node:http';
import { WARCRecord, WARCSerializer } from 'warcio';
import type { Article } from '../domain.js';
import { labelsOf, whyFlagged } from '../present/why.js';
import type { CaptureRecord, EvidenceStore } from './port.js';

/** Headers that describe the transfer, not the kept body (which is stored decoded and whole). */
const TRANSFER_HEADERS = new Set(['content-encoding', 'transfer-encoding', 'content-length', 'connection']);

export interface WarcOptions {
  /** Sent as User-Agent in the request records. */
  userAgent: string;
  /** Where the article pages are reached, for `kuzet_url` in the metadata; null leaves it out. */
  publicUrl: string | null;
  /** Recorded in the warcinfo record. */
  software: string;
  filename: string;
}

const serialize = (record: WARCRecord) => WARCSerializer.serialize(record, { gzip: true });
const recordId = (record: WARCRecord) => record.warcHeaders.headers.get('WARC-Record-ID') ?? '';

function responseHeaders(capture: CaptureRecord, length: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(capture.headers)) {
    if (!TRANSFER_HEADERS.has(name)) out[name] = value.replace(/[\r\n]+/g, ' ');
  }
  out['content-length'] = String(length);
  return out;
}

async function* captureRecords(capture: CaptureRecord, body: Buffer, options: WarcOptions) {
  const target = new URL(capture.final_url);
  const date = capture.fetched_at;
  const response = WARCRecord.create(
    {
      url: capture.final_url,
      date,
      type: 'response',
      warcVersion: 'WARC/1.1',
      statusline: `HTTP/1.1 ${capture.status} ${STATUS_CODES[capture.status] ?? ''}`.trimEnd(),
      httpHeaders: responseHeaders(capture, body.length),
      warcHeaders: { 'WARC-Kuzet-Capture-Id': capture.id },
    },
    [new Uint8Array(body)],
  );
  const request = WARCRecord.create(
    {
      url: capture.final_url,
      date,
      type: 'request',
      warcVersion: 'WARC/1.1',
      statusline: `GET ${target.pathname}${target.search} HTTP/1.1`,
      httpHeaders: { host: target.host, 'user-agent': options.userAgent, accept: '*/*' },
      warcHeaders: { 'WARC-Concurrent-To': recordId(response) },
    },
    [],
  );
  yield { bytes: await serialize(request), id: recordId(request) };
  yield { bytes: await serialize(response), id: recordId(response) };
}

/** What the metadata record of an article says: why it was kept, and what became of it. */
export function articleMetadata(a: Article, publicUrl: string | null): Record<string, unknown> {
  return {
    kuzet_id: a.id,
    url: a.url,
    canonical_url: a.canonical_url,
    source_id: a.source_id,
    kind: a.kind,
    title: a.title,
    published_at: a.published_at,
    fetched_at: a.fetched_at,
    lang: a.lang,
    labels: labelsOf(a.classification),
    why: whyFlagged(a.classification),
    classification: a.classification,
    extractor_version: a.extractor_version ?? null,
    deleted_at: a.deleted_at ?? null,
    deleted_reason: a.deleted_reason ?? null,
    edited_at: a.edited_at ?? null,
    versions: a.versions ?? [],
    captures: a.captures ?? [],
    text: a.text,
    ...(publicUrl ? { kuzet_url: `${publicUrl}/articles/${encodeURIComponent(a.id)}` } : {}),
  };
}

/**
 * The WARC file of the given articles, as gzip members: a warcinfo record, then per article its captures
 * not written yet (request, response) and its metadata record.
 *
 * @example
 * for await (const chunk of warcFile(store.scan(filters, 200), evidence, options)) out.write(chunk);
 */
export async function* warcFile(
  batches: AsyncIterable<Article[]> | Iterable<Article[]>,
  evidence: Pick<EvidenceStore, 'getCapture' | 'captureBody'>,
  options: WarcOptions,
  stats = { articles: 0, captures: 0, missing: 0 },
): AsyncIterable<Uint8Array> {
  const info = WARCRecord.createWARCInfo(
    { filename: options.filename, warcVersion: 'WARC/1.1' },
    { software: options.software, format: 'WARC File Format 1.1', description: 'Kuzet evidence export' },
  );
  yield await serialize(info);
  const written = new Map<string, string>();
  for await (const batch of batches) {
    for (const article of batch) {
      stats.articles++;
      let refersTo: { id: string; url: string; date: string } | null = null;
      for (const ref of article.captures ?? []) {
        let id = written.get(ref.id);
        const record = await evidence.getCapture(ref.id);
        if (!id) {
          const body = record ? await evidence.captureBody(record.digest) : null;
          if (!record || !body) {
            stats.missing++;
            continue;
          }
          for await (const r of captureRecords(record, body, options)) {
            yield r.bytes;
            id = r.id;
          }
          written.set(ref.id, id as string);
          stats.captures++;
        }
        if (record && id) refersTo = { id, url: record.final_url, date: record.fetched_at };
      }
      const metadata = WARCRecord.create(
        {
          url: refersTo?.url ?? article.url,
          date: refersTo?.date ?? article.fetched_at,
          type: 'metadata',
          warcVersion: 'WARC/1.1',
          warcHeaders: {
            'Content-Type': 'application/json',
            ...(refersTo ? { 'WARC-Refers-To': refersTo.id, 'WARC-Concurrent-To': refersTo.id } : {}),
          },
        },
        [new TextEncoder().encode(JSON.stringify(articleMetadata(article, options.publicUrl)))],
      );
      yield await serialize(metadata);
    }
  }
}
