import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline as pipe } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentKey, telegramPostUrl } from '../../src/dedupe/canonical-url.js';
import type { Source } from '../../src/domain.js';
import { warcFile } from '../../src/evidence/warc.js';
import { runCrawl } from '../../src/pipeline/stages.js';
import { runKuzet } from '../helpers/cli.js';
import { type EvidencePipeline, evidencePipeline } from '../helpers/evidence-pipeline.js';
import { type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';
import { FIXTURE_CHANNEL, telegramRoutes } from '../helpers/fixture-site.js';

const python = process.env.KUZET_PYTHON;
if (!python)
  throw new Error('KUZET_PYTHON is not set: run the WARC test through `npm test` (it installs Python warcio).');

interface WarcLine {
  type: string;
  version: string;
  uri: string;
  id: string;
  refers_to: string | null;
  concurrent_to: string | null;
  block_digest: string | null;
  payload_digest: string | null;
  digests_passed: boolean | null;
  problems: string[];
  status: string | null;
  sha256: string;
  json: Record<string, unknown> | null;
}

function readWarc(file: string): WarcLine[] {
  const r = spawnSync(python as string, ['test/evidence/read-warc.py', file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python warcio could not read ${file}: ${r.stderr}`);
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('kuzet export-warc', () => {
  let site: FixtureServer;
  let pipeline: EvidencePipeline;
  beforeEach(async () => {
    site = await startFixtureServer({ root: 'test/fixtures/site', routes: telegramRoutes() });
    pipeline = await evidencePipeline([FIXTURE_CHANNEL], { telegramBaseUrl: site.url, telegramBackfillPages: 0 });
  });
  afterEach(async () => {
    await pipeline.close();
    await site.close();
  });

  it('writes WARC 1.1 request, response and metadata records that an independent reader verifies', async () => {
    const source: Source = { ...FIXTURE_CHANNEL };
    await runCrawl(source, pipeline.deps);
    const post9 = await pipeline.store.getArticle(documentKey(telegramPostUrl('kuzetnews', 9)));
    const capture = post9?.captures?.[0];
    expect(capture).toBeDefined();
    await pipeline.store.putArticle({
      ...(post9 as NonNullable<typeof post9>),
      deleted_at: '2024-06-01T00:00:00.000Z',
      deleted_reason: 'HTTP 410',
    });

    const out = join(pipeline.dataDir, 'evidence.warc.gz');
    const run = await runKuzet(['export-warc', '--data', pipeline.dataDir, '--q', 'Сенат', '--out', out], {
      LOG_LEVEL: 'warn',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ out, articles: 1, captures: 1, missing: 0 });
    expect(existsSync(`${out}.partial`)).toBe(false);

    const records = readWarc(out);
    expect(records.map((r) => r.type)).toEqual(['warcinfo', 'request', 'response', 'metadata']);
    for (const r of records) expect(r.version).toBe('WARC/1.1');
    const [, request, response, metadata] = records;
    for (const r of [request, response, metadata]) {
      expect(r.block_digest).toMatch(/^sha256:/);
      expect(r.digests_passed, JSON.stringify(r.problems)).toBe(true);
    }
    expect(response.payload_digest).toMatch(/^sha256:/);
    expect(response.uri).toBe(`${site.url}/s/kuzetnews`);
    expect(response.status).toBe('200');
    expect(`sha256:${response.sha256}`).toBe(capture?.digest);
    expect(request.concurrent_to).toBe(response.id);
    expect(metadata.refers_to).toBe(response.id);
    expect(metadata.json).toMatchObject({
      kuzet_id: post9?.id,
      url: telegramPostUrl('kuzetnews', 9),
      deleted_at: '2024-06-01T00:00:00.000Z',
      deleted_reason: 'HTTP 410',
      captures: [capture],
      classification: { classifier_version: pipeline.deps.classifier.version },
    });

    // Every item, in-process: three posts read from one preview page give one response and three metadata records.
    const all = join(pipeline.dataDir, 'all.warc.gz');
    const stats = { articles: 0, captures: 0, missing: 0 };
    const options = { userAgent: 'KuzetBot', publicUrl: null, software: 'Kuzet', filename: 'all.warc.gz' };
    await pipe(
      Readable.from(warcFile(pipeline.store.scan(null, 10), pipeline.evidence, options, stats)),
      createWriteStream(all),
    );
    expect(stats).toEqual({ articles: 3, captures: 1, missing: 0 });
    expect(readWarc(all).map((r) => r.type)).toEqual([
      'warcinfo',
      'request',
      'response',
      'metadata',
      'metadata',
      'metadata',
    ]);
  }, 180_000);
});
