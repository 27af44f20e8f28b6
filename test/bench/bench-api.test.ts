import { Client } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { runKuzet } from '../helpers/cli.js';

const node = process.env.ELASTICSEARCH_URL;
if (!node) throw new Error('ELASTICSEARCH_URL is not set: run the benchmark tests through `npm test`');

describe('kuzet bench-api', () => {
  it('drives the same corpus and query mix against SQLite and Elasticsearch and sets their p95s side by side', async () => {
    const articles = 300 + Math.floor(Math.random() * 1000); // its own index names on a shared cluster
    const run = await runKuzet(
      [
        'bench-api',
        ...['--articles', String(articles), '--stores', 'sqlite,elasticsearch'],
        ...['--concurrency', '1,2', '--duration', '1', '--cold', '5'],
      ],
      { ELASTICSEARCH_URL: node as string },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${articles} synthetic articles in SQLite and Elasticsearch`);
    expect(run.stdout).toMatch(/### SQLite\n\n\d+ MB in SQLite, built in/);
    expect(run.stdout).toMatch(/### Elasticsearch\n\n\d+ MB in Elasticsearch \(1 node, heap \d+ MB\), built in/);
    expect(run.stdout).toContain('| server CPU ms/req | Elasticsearch CPU ms/req | server RSS MB |');
    const side = run.stdout.slice(run.stdout.indexOf('### Side by side'));
    expect(side).toContain(
      '| endpoint | clients | SQLite p95 ms | Elasticsearch p95 ms | SQLite req/s | Elasticsearch req/s |',
    );
    for (const clients of [1, 2]) {
      for (const endpoint of ['GET /health (baseline)', 'GET /api/search', 'GET /api/timeseries'])
        expect(side).toMatch(
          new RegExp(
            `\\| ${endpoint.replace(/[()/]/g, '\\$&')} \\| ${clients} \\| [\\d.]+ \\| [\\d.]+ \\| \\d+ \\| \\d+ \\|`,
          ),
        );
    }
    // Without --data or --keep, what the run built is removed.
    const client = new Client({ node: node as string });
    try {
      expect(await client.indices.exists({ index: `bench-api-${articles}-articles` })).toBe(false);
    } finally {
      await client.close();
    }
  }, 240_000);

  it('refuses a store it does not know, and Elasticsearch without ELASTICSEARCH_URL', async () => {
    const unknown = await runKuzet(['bench-api', '--stores', 'sqlite,mongo']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--stores takes sqlite, elasticsearch (comma-separated), not "mongo"');
    const unset = await runKuzet(['bench-api', '--stores', 'elasticsearch']);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('--stores elasticsearch needs ELASTICSEARCH_URL');
  });
});
