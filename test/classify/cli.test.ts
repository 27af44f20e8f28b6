import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../src/cli/bin.js');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kuzet-cli-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('kuzet classify', () => {
  it('keeps input order and reports bad lines inline', async () => {
    const file = join(dir, 'in.jsonl');
    const lines = [
      '{"id":"a","text":"Чурки, вон!"}',
      'not json',
      '{"id":"b"}',
      '{"id":"c","text":"Birds migrate.","lang":"en"}',
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
    const { stdout } = await run('node', [BIN, 'classify', file]);
    const out = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.id ?? null)).toEqual(['a', null, 'b', 'c']);
    expect(out[0].xenophobic).toBe(true);
    expect(out[1]).toMatchObject({ line: 2 });
    expect(out[2]).toMatchObject({ id: 'b', line: 3 });
    expect(typeof out[2].error).toBe('string');
    expect(out[3]).toHaveProperty('classifier_version');
  }, 60_000);
});
