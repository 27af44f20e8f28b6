import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyDigest } from '../../src/evidence/digest.js';
import type { EvidenceStore, FetchedPage } from '../../src/evidence/port.js';

export type MakeEvidenceStore = () => Promise<{ store: EvidenceStore; cleanup: () => Promise<void> }>;

export function page(over: Partial<FetchedPage> = {}): FetchedPage {
  return {
    url: 'https://example.kz/news/1',
    final_url: 'https://example.kz/news/1',
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: Buffer.from('<html><body><p>Мигранты на рынке</p><script>alert(1)</script></body></html>'),
    fetched_at: '2024-05-03T10:00:00.000Z',
    source_id: 'tengri',
    ...over,
  };
}

/**
 * The evidence port contract: every adapter's test file runs it once.
 *
 * @example
 * runEvidenceContract('files', async () => ({ store: createFileEvidenceStore({ dataDir }), cleanup }));
 */
export function runEvidenceContract(name: string, makeStore: MakeEvidenceStore): void {
  describe(`evidence contract: ${name}`, () => {
    const ctx = {} as { store: EvidenceStore; cleanup: () => Promise<void> };
    beforeAll(async () => {
      Object.assign(ctx, await makeStore());
      await ctx.store.init();
      await ctx.store.init();
    }, 60_000);
    afterAll(async () => {
      await ctx.store?.close();
      await ctx.cleanup?.();
    }, 60_000);

    it('keeps a page as served and gives the same bytes back', async () => {
      const first = page({ headers: { 'content-type': 'text/html; charset=windows-1251', etag: '"x"' } });
      first.body = Buffer.from([0xcc, 0xe8, 0xe3, 0xf0, 0xe0, 0xed, 0xf2, 0xfb, 0x00, 0xff]);
      const record = await ctx.store.putCapture(first);
      expect(record).toMatchObject({
        url: first.url,
        status: 200,
        digest: bodyDigest(first.body),
        size: 10,
        pinned: false,
        headers: { etag: '"x"' },
      });
      expect(await ctx.store.getCapture(record.id)).toEqual(record);
      expect(await ctx.store.captureBody(record.digest)).toEqual(first.body);
      expect(await ctx.store.getCapture('0'.repeat(32))).toBeNull();
      expect(await ctx.store.captureBody(`sha256:${'0'.repeat(64)}`)).toBeNull();
    });

    it('stores identical bodies once, compressed, with one record per fetch', async () => {
      const before = await ctx.store.captureStats();
      const body = Buffer.from(`<p>${'одинаковая страница '.repeat(500)}</p>`);
      const a = await ctx.store.putCapture(page({ url: 'https://example.kz/a', body }));
      const b = await ctx.store.putCapture(
        page({ url: 'https://example.kz/b', body, fetched_at: '2024-05-04T00:00:00Z' }),
      );
      const again = await ctx.store.putCapture(page({ url: 'https://example.kz/a', body }));
      expect(a.digest).toBe(b.digest);
      expect(again.id).toBe(a.id);
      expect(a.id).not.toBe(b.id);
      const after = await ctx.store.captureStats();
      expect(after.records - before.records).toBe(2);
      expect(after.bodies - before.bodies).toBe(1);
      expect(after.body_bytes - before.body_bytes).toBe(body.length);
      expect(after.stored_bytes - before.stored_bytes).toBeLessThan(body.length / 10);
    });

    it('prunes unpinned records before a date and the bodies nobody refers to, keeping pinned ones', async () => {
      const oldBody = Buffer.from('old unflagged page');
      const keptBody = Buffer.from('old flagged page');
      const sharedBody = Buffer.from('shared page');
      const old = await ctx.store.putCapture(
        page({ url: 'https://e.kz/old', body: oldBody, fetched_at: '2020-01-01T00:00:00Z' }),
      );
      const kept = await ctx.store.putCapture(
        page({ url: 'https://e.kz/kept', body: keptBody, fetched_at: '2020-01-01T00:00:00Z' }),
      );
      const sharedOld = await ctx.store.putCapture(
        page({ url: 'https://e.kz/s1', body: sharedBody, fetched_at: '2020-01-01T00:00:00Z' }),
      );
      const sharedNew = await ctx.store.putCapture(
        page({ url: 'https://e.kz/s2', body: sharedBody, fetched_at: '2030-01-01T00:00:00Z' }),
      );
      await ctx.store.pinCaptures([kept.id, '1'.repeat(32)]);
      expect((await ctx.store.getCapture(kept.id))?.pinned).toBe(true);
      const pruned = await ctx.store.pruneCaptures('2021-01-01T00:00:00.000Z');
      expect(pruned).toEqual({ records: 2, bodies: 1 });
      expect(await ctx.store.getCapture(old.id)).toBeNull();
      expect(await ctx.store.captureBody(old.digest)).toBeNull();
      expect(await ctx.store.getCapture(sharedOld.id)).toBeNull();
      expect(await ctx.store.captureBody(sharedNew.digest)).toEqual(sharedBody);
      expect(await ctx.store.captureBody(kept.digest)).toEqual(keptBody);
    });

    it('schedules re-checks once each and lists the due ones, earliest first, until finished', async () => {
      await ctx.store.scheduleRechecks('a1', ['2024-05-04T10:00:00.000Z', '2024-05-10T10:00:00.000Z']);
      await ctx.store.scheduleRechecks('a1', ['2024-05-04T10:00:00.000Z']);
      await ctx.store.scheduleRechecks('a2', ['2024-05-03T10:00:00.000Z']);
      expect(await ctx.store.dueRechecks('2024-05-05T00:00:00.000Z', 10)).toEqual([
        { article_id: 'a2', due_at: '2024-05-03T10:00:00.000Z' },
        { article_id: 'a1', due_at: '2024-05-04T10:00:00.000Z' },
      ]);
      expect(await ctx.store.dueRechecks('2024-05-05T00:00:00.000Z', 1)).toHaveLength(1);
      await ctx.store.finishRecheck('a2', '2024-05-03T10:00:00.000Z');
      expect((await ctx.store.dueRechecks('2030-01-01T00:00:00.000Z', 10)).map((r) => r.due_at)).toEqual([
        '2024-05-04T10:00:00.000Z',
        '2024-05-10T10:00:00.000Z',
      ]);
    });
  });
}
