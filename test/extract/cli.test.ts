import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture } from './fixtures.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kuzet-extract-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function kuzet(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', ['src/cli/bin.js', ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('kuzet extract', () => {
  const gz = join(dir, 'ru-news.html.gz');
  writeFileSync(gz, gzipSync(fixture('ru-news.html')));
  const cp1251 = join(dir, 'kk.html');
  writeFileSync(
    cp1251,
    iconv.encode(fixture('ru-news.html').replace('charset="utf-8"', 'charset="windows-1251"'), 'windows-1251'),
  );

  it('prints one JSON line per gzipped or windows-1251 file and exits 0', async () => {
    const { code, stdout } = await kuzet(['extract', gz, cp1251, '--url', 'https://step.example.kz/news/1']);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['file', 'url', 'title', 'text', 'published_at', 'author', 'lang']);
      expect(line.title).toBe('Правительство обсудило трудовую миграцию');
      expect(line.text).toMatch(/^На заседании правительства/);
      expect(line.published_at).toBe('2024-05-17T05:30:00.000Z');
      expect(line.lang).toBe('ru');
    }
  });

  it('reports unreadable and binary files as error lines, continues, and exits 1', async () => {
    const binary = join(dir, 'image.bin');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    const missing = join(dir, 'missing.html');
    const { code, stdout, stderr } = await kuzet(['extract', missing, binary, gz]);
    expect(code).toBe(1);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ file: missing, error: 'file not found' });
    expect(lines[1]).toEqual({ file: binary, error: 'binary content, not HTML' });
    expect(lines[2].title).toBe('Правительство обсудило трудовую миграцию');
    expect(stderr).toContain(`skipped ${missing}`);
  });

  it('exits 2 with usage when no file is given', async () => {
    const { code, stderr } = await kuzet(['extract']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Usage: kuzet extract/);
  });
});
