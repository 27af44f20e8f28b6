import { describe, expect, it } from 'vitest';
import { runKuzet } from '../helpers/cli.js';

describe('kuzet CLI', () => {
  it('lists its commands and exits 2 without one', async () => {
    const run = await runKuzet([]);
    expect(run.code).toBe(2);
    for (const name of [
      'serve',
      'crawl',
      'extract',
      'classify',
      'eval',
      'train',
      'reclassify',
      'worker',
      'scheduler',
    ]) {
      expect(run.stdout).toContain(name);
    }
  });

  it('names an unknown command and an unknown flag, exiting 2', async () => {
    const unknown = await runKuzet(['crawll']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'crawll'");
    const flag = await runKuzet(['crawl', '--once', '--bogus']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('unknown option --bogus');
  });

  it('rejects bad configuration naming the env var', async () => {
    const run = await runKuzet(['crawl', '--once'], { PORT: 'eighty', KUZET_DATA_DIR: '/tmp' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PORT');
  });

  it('requires --once for a one-off crawl', async () => {
    const run = await runKuzet(['crawl']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--once is required');
  });
});
