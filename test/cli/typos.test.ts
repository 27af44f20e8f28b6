import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/cli/flags.js';
import type { Command } from '../../src/cli/main.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { freePort, runKuzet, startKuzet, tempDir, waitFor } from '../helpers/cli.js';

const COMMANDS = [
  'serve',
  'demo',
  'crawl',
  'worker',
  'scheduler',
  'extract',
  'classify',
  'eval',
  'train',
  'reclassify',
  'bench-extract',
  'bench-classify',
  'bench-api',
  'sources',
  'users',
];

/** A source file whose every entry point is a closed port on loopback: the network is "down". */
function deadSource(id: string, port: number): string {
  return [
    `id: ${id}`,
    `name: ${id}`,
    'kind: news',
    `feeds: [http://127.0.0.1:${port}/${id}/rss.xml]`,
    `listings: [http://127.0.0.1:${port}/${id}/news/]`,
    'languages: [ru]',
    'country: KZ',
    'schedule: 30m',
    '',
  ].join('\n');
}

let root: Awaited<ReturnType<typeof tempDir>>;
let sources: string;
let data: string;
let closedPort: number;

beforeAll(async () => {
  root = await tempDir();
  closedPort = await freePort();
  sources = path.join(root.dir, 'crawlers');
  data = path.join(root.dir, 'data');
  await mkdir(sources);
  await writeFile(path.join(sources, 'vlast.yaml'), deadSource('vlast', closedPort));
  await writeFile(path.join(sources, 'kursiv.yaml'), deadSource('kursiv', closedPort));
  const store = createSqliteStore({ dataDir: data });
  await store.init();
  await store.close();
});

afterAll(() => root?.remove());

/** Runs a command's `run` in this process, collecting what it prints. */
async function runInProcess(command: string, argv: string[]) {
  const { run } = (await import(`../../src/cli/commands/${command}.ts`)) as { run: Command };
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  const exitCode = process.exitCode;
  // Embedded, as a user's first run is: the services the test runner exports are set aside.
  const { ELASTICSEARCH_URL, REDIS_URL } = process.env;
  delete process.env.ELASTICSEARCH_URL;
  delete process.env.REDIS_URL;
  try {
    const code = await run(argv);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    process.exitCode = exitCode;
    if (ELASTICSEARCH_URL) process.env.ELASTICSEARCH_URL = ELASTICSEARCH_URL;
    if (REDIS_URL) process.env.REDIS_URL = REDIS_URL;
  }
}

describe('kuzet CLI: help', () => {
  it('prints the command list and exits 0 for --help, -h and help', async () => {
    for (const args of [['--help'], ['help']]) {
      const run = await runKuzet(args);
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.stdout).toContain('Usage: kuzet <command>');
    }
  });

  it('prints each command its usage and exits 0 on --help and -h', async () => {
    for (const command of COMMANDS) {
      for (const flag of ['--help', '-h']) {
        const run = await runInProcess(command, [flag]);
        expect(run.code, `${command} ${flag}`).toBe(0);
        expect(run.stdout, command).toMatch(new RegExp(`Usage: kuzet ${command}\\b`));
      }
    }
  });
});

describe('kuzet CLI: typos are errors with a suggestion', () => {
  it('suggests the nearest command, exiting 2', async () => {
    const command = await runKuzet(['crawll']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain("unknown command 'crawll' (did you mean crawl?)");
  });

  it('suggests the nearest flag, exiting 2', async () => {
    const cases: Array<[string, string[], string]> = [
      ['serve', ['--dta', data], 'unknown option --dta (did you mean --data?)'],
      ['crawl', ['--once', '--onyl', 'vlast'], 'unknown option --onyl (did you mean --only?)'],
      ['extract', ['--ulr', 'x', 'a.html'], 'unknown option --ulr (did you mean --url?)'],
      ['reclassify', ['--al'], 'unknown option --al (did you mean --all?)'],
      ['train', ['--cvv'], 'unknown option --cvv (did you mean --cv?)'],
      ['classify', ['--modle', 'x'], 'unknown option --modle (did you mean --model?)'],
      ['worker', ['--concurency', '2'], 'unknown option --concurency (did you mean --concurrency?)'],
    ];
    for (const [command, argv, message] of cases) {
      const run = await runInProcess(command, argv);
      expect(run.code, `${command} ${argv.join(' ')}`).toBe(2);
      expect(run.stderr).toContain(`kuzet ${command}: ${message}`);
      expect(run.stderr).not.toContain('To specify a positional argument');
    }
  });

  it('refuses a data folder without a database, naming the near one, and creates nothing', async () => {
    const typo = path.join(root.dir, 'dta');
    const run = await runKuzet(['reclassify', '--data', typo, '--sources', sources]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${typo} holds no Kuzet database (kuzet.db) (did you mean ${data}?)`);
    expect(existsSync(typo)).toBe(false);
    for (const command of ['reclassify', 'worker', 'scheduler']) {
      await expect(runInProcess(command, ['--data', typo, '--sources', sources]), command).rejects.toThrow(
        /holds no Kuzet database/,
      );
    }
    expect(existsSync(typo)).toBe(false);
  });

  it('refuses a missing sources folder and an unknown source id, naming the near one', async () => {
    const crawler = path.join(root.dir, 'crawler');
    await expect(runInProcess('crawl', ['--once', '--data', data, '--sources', crawler])).rejects.toThrow(
      `sources folder ${crawler} does not exist (did you mean ${sources}?)`,
    );
    await expect(runInProcess('serve', ['--data', data, '--sources', crawler])).rejects.toThrow(UsageError);
    await expect(
      runInProcess('crawl', ['--once', '--data', data, '--sources', sources, '--only', 'vlsat,nope']),
    ).rejects.toThrow("--only: no source 'vlsat' (did you mean 'vlast'?), 'nope' in");
  });

  it('says it creates a database for crawl; offline, logs each failing URL once and one line for the outage', async () => {
    const fresh = path.join(root.dir, 'fresh');
    const run = await runKuzet(['crawl', '--once', '--data', fresh, '--sources', sources], {
      KUZET_PER_HOST_DELAY_MS: '0',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no Kuzet database in the data folder yet: creating one');
    expect(existsSync(path.join(fresh, 'kuzet.db'))).toBe(true);
    const lines = run.stderr.trim().split('\n');
    for (const id of ['vlast', 'kursiv'])
      for (const url of [
        `http://127.0.0.1:${closedPort}/${id}/rss.xml`,
        `http://127.0.0.1:${closedPort}/${id}/news/`,
      ]) {
        const problems = lines.filter((l) => l.includes('"crawl problem"') && l.includes(`"${url}"`));
        expect(problems, url).toHaveLength(1);
      }
    expect(run.stderr).not.toContain('reached maximum retries');
    expect(run.stderr).not.toMatch(/\\n\s+at /);
    expect(lines.filter((l) => l.includes('no source answered: is the network up?'))).toHaveLength(1);
  }, 120_000);
});

/** Whether something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('kuzet serve and npm start: signals', () => {
  const health = (port: number) => () =>
    fetch(`http://127.0.0.1:${port}/health`)
      .then((r) => r.ok)
      .catch(() => false);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`kuzet serve stops on ${signal}`, async () => {
      const port = await freePort();
      const proc = startKuzet(['serve', '--no-crawl', '--port', String(port), '--host', '127.0.0.1', '--data', data], {
        KUZET_SOURCES_DIR: sources,
      });
      await waitFor('serve to answer', health(port), 60_000, proc.stderr);
      proc.child.kill(signal);
      const exit = await proc.exited;
      expect(exit.code).toBe(0);
      expect(exit.stderr).toContain('"shutting down"');
      expect(await listening(port)).toBe(false);
    }, 90_000);
  }

  it('kuzet serve offline logs each failing URL once and one line that no source answered', async () => {
    const port = await freePort();
    const fresh = path.join(root.dir, 'serve-offline');
    const proc = startKuzet(['serve', '--port', String(port), '--host', '127.0.0.1', '--data', fresh], {
      KUZET_SOURCES_DIR: sources,
      KUZET_PER_HOST_DELAY_MS: '0',
    });
    await waitFor(
      'the offline summary line',
      async () => proc.stderr().includes('no source answered: is the network up?'),
      90_000,
      proc.stderr,
    );
    proc.child.kill('SIGTERM');
    const exit = await proc.exited;
    const lines = exit.stderr.trim().split('\n');
    expect(lines.filter((l) => l.includes('no source answered: is the network up?'))).toHaveLength(1);
    const feed = `http://127.0.0.1:${closedPort}/vlast/rss.xml`;
    expect(lines.filter((l) => l.includes('"crawl problem"') && l.includes(`"${feed}"`))).toHaveLength(1);
    expect(exit.stderr).not.toMatch(/\\n\s+at /);
  }, 120_000);

  it('npm start stops with the server on SIGTERM to npm', async () => {
    const port = await freePort();
    const { ELASTICSEARCH_URL: _es, REDIS_URL: _redis, ...env } = process.env;
    const npm = spawn('npm', ['start', '--', '--no-crawl', '--host', '127.0.0.1'], {
      env: { ...env, PORT: String(port), KUZET_DATA_DIR: data, KUZET_SOURCES_DIR: sources, LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => npm.once('close', resolve));
    await waitFor('npm start to answer', health(port), 60_000);
    npm.kill('SIGTERM');
    await exited;
    await waitFor('the server to stop', async () => !(await listening(port)), 15_000);
  }, 90_000);
});
