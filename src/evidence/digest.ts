import { createHash } from 'node:crypto';
import type { CaptureRecord, FetchedPage } from './port.js';

/**
 * The content address of a body.
 *
 * @example
 * bodyDigest(Buffer.from('')); // 'sha256:e3b0c442…'
 */
export function bodyDigest(body: Buffer): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

/** The hex part of a digest, checked, for file names and document ids. */
export function digestHex(digest: string): string {
  const match = /^sha256:([0-9a-f]{64})$/.exec(digest);
  if (!match) throw new Error(`not a capture digest: ${JSON.stringify(digest)}`);
  return match[1];
}

/** A capture's id: one fetch of one URL at one time with one body. */
export function captureId(page: Pick<FetchedPage, 'url' | 'fetched_at'>, digest: string): string {
  return createHash('sha256').update(`${page.url}\n${page.fetched_at}\n${digest}`).digest('hex').slice(0, 32);
}

export const CAPTURE_ID = /^[0-9a-f]{32}$/;

/** The record of one fetch, before it is stored (both adapters store exactly this). */
export function captureRecord(page: FetchedPage): CaptureRecord {
  const digest = bodyDigest(page.body);
  return {
    id: captureId(page, digest),
    url: page.url,
    final_url: page.final_url,
    status: page.status,
    headers: page.headers,
    fetched_at: page.fetched_at,
    source_id: page.source_id,
    digest,
    size: page.body.length,
    pinned: false,
  };
}
