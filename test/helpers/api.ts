import { expect } from 'vitest';

/**
 * Asserts that each query string makes `path` answer 400 with the error naming `param`.
 *
 * @example
 * await expectRejectedParams(get, '/api/feed', [['size=0', 'size']]);
 */
export async function expectRejectedParams(
  get: (path: string) => Response | Promise<Response>,
  path: string,
  cases: [query: string, param: string][],
): Promise<void> {
  for (const [query, param] of cases) {
    const res = await get(`${path}?${query}`);
    expect(res.status, query).toBe(400);
    expect((await res.json()).error.param, query).toBe(param);
  }
}
