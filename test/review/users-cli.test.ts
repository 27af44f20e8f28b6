import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPassword, checkToken } from '../../src/auth/users.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { runKuzet, tempDir } from '../helpers/cli.js';

describe('kuzet users', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => ({ dir, remove } = await tempDir()));
  afterAll(() => remove());
  const users = (...args: string[]) => runKuzet(['users', ...args, '--data', dir], { LOG_LEVEL: 'silent' });
  const secretsOf = (stdout: string) => ({
    password: /^password: (.+)$/m.exec(stdout)?.[1] ?? '',
    token: /^token: (.+)$/m.exec(stdout)?.[1] ?? '',
  });
  const withStore = async <T>(fn: (s: ReturnType<typeof createSqliteStore>) => Promise<T>) => {
    const store = createSqliteStore({ dataDir: dir });
    await store.init();
    try {
      return await fn(store);
    } finally {
      await store.close();
    }
  };

  it('adds a user and prints a password and a token that work, once; lists, resets and disables', async () => {
    const added = await users('add', '--name', 'Dana', '--role', 'reviewer');
    expect(added.code).toBe(0);
    const first = secretsOf(added.stdout);
    expect(first.password.length).toBeGreaterThanOrEqual(16);
    expect(first.token).toMatch(/^dana\./);
    await withStore(async (store) => {
      expect((await checkPassword(store, 'dana', first.password))?.role).toBe('reviewer');
      expect(await checkToken(store, first.token)).not.toBeNull();
      expect(JSON.stringify(await store.getUser('dana'))).not.toContain(first.password);
    });
    expect((await users('add', '--name', 'dana', '--role', 'admin')).code).toBe(1);
    expect((await users('add', '--name', 'olga', '--role', 'owner')).code).toBe(2);
    expect((await users('list')).stdout).toMatch(/^dana\treviewer\tactive\t/m);

    const reset = secretsOf((await users('reset', '--name', 'dana')).stdout);
    await withStore(async (store) => {
      expect(await checkPassword(store, 'dana', first.password)).toBeNull();
      expect(await checkToken(store, first.token)).toBeNull();
      expect(await checkToken(store, reset.token)).not.toBeNull();
    });
    expect((await users('disable', '--name', 'dana')).code).toBe(0);
    await withStore(async (store) => expect(await checkToken(store, reset.token)).toBeNull());
    expect((await users('list', '--json')).stdout).toContain('"disabled":true');
  }, 180_000);
});
