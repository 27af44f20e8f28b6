import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { type FeedEntry, renderFeed } from '../../alerts/feed.js';
import { bucketEnd, bucketOf, bucketsBetween, findSpikes, type Spike, shiftBucket } from '../../alerts/spikes.js';
import { keyName, localDate, paramName, strings } from '../../web/i18n.js';
import type { RouteDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { feedResponse, inWords, publicView, selection, startOfToday } from '../feed-response.js';
import { FILTER_KEYS, readParams, spikeParams, toFilters } from '../params.js';

/** The selection without its date range: what a spike feed watches. */
const WATCHED_KEYS = FILTER_KEYS.filter((k) => k !== 'from' && k !== 'to');
/** Buckets reported when `from` is not given. */
const DEFAULT_SPAN = 60;
/** Most buckets one request may report (history not counted), which bounds the work and Elasticsearch's buckets. */
const MAX_SPAN = 366;

type Interval = 'day' | 'week';

interface SpikeContext {
  base: string;
  url: URL;
  interval: Interval;
  window: number;
  split: string | undefined;
  /** Short hash of the selection, so that spikes of different feeds get different ids. */
  selectionId: string;
  ui: 'en' | 'ru';
}

const SPIKE_WORDS = {
  en: {
    all: 'all coverage',
    on: (b: string, i: Interval) => (i === 'day' ? `on ${localDate(b, 'en')}` : `in the week of ${localDate(b, 'en')}`),
    title: (s: Spike, where: string, when: string) =>
      `${s.flagged} flagged in ${where} ${when} (usually ${s.baseline})`,
    summary: (s: Spike, where: string, when: string, x: SpikeContext) =>
      `${s.flagged} flagged articles of ${s.count} in ${where} ${when}; the ${x.window} ${x.interval}s before averaged ${s.baseline} (${s.score} spreads above).`,
    feed: 'Kuzet spikes',
    by: { label: 'by label', source: 'by source', lang: 'by language', target: 'by target group' } as Record<
      string,
      string
    >,
  },
  ru: {
    all: 'все материалы',
    on: (b: string, i: Interval) => (i === 'day' ? `за ${localDate(b, 'ru')}` : `за неделю с ${localDate(b, 'ru')}`),
    title: (s: Spike, where: string, when: string) =>
      `Всплеск: отмечено ${s.flagged} (${where}) ${when}, обычно ${s.baseline}`,
    summary: (s: Spike, where: string, when: string, x: SpikeContext) =>
      `Отмечено ${s.flagged} материалов из ${s.count} (${where}) ${when}; за ${x.window} предыдущих ${x.interval === 'day' ? 'дней' : 'недель'} в среднем ${s.baseline} (на ${s.score} разброса выше).`,
    feed: 'Kuzet: всплески',
    by: { label: 'по меткам', source: 'по источникам', lang: 'по языкам', target: 'по группам' } as Record<
      string,
      string
    >,
  },
};

function spikeEntry(spike: Spike, x: SpikeContext): FeedEntry {
  const web = new URLSearchParams(selection(x.url, WATCHED_KEYS));
  web.set('from', spike.bucket);
  web.set('to', bucketEnd(spike.bucket, x.interval));
  if (x.split) web.set(x.split, spike.series);
  // Flagged means xenophobic, that is severity 1 or more.
  web.set('min_severity', String(Math.max(1, Number(web.get('min_severity') ?? 0))));
  if (x.ui !== 'en') web.set('ui', x.ui);
  const w = SPIKE_WORDS[x.ui];
  const where = x.split
    ? `${paramName(strings(x.ui), x.split)}: ${keyName(strings(x.ui), x.split, spike.series)}`
    : w.all;
  const when = w.on(spike.bucket, x.interval);
  return {
    id: `urn:kuzet:spike:${x.selectionId}:${spike.series}:${spike.bucket}`,
    title: w.title(spike, where, when),
    link: `${x.base}/?${web}`,
    updated: `${spike.bucket}T00:00:00.000Z`,
    author: 'Kuzet',
    categories: ['spike', ...(x.split ? [`${x.split}:${spike.series}`] : [])],
    summary: w.summary(spike, where, when, x),
  };
}

/** The buckets to report and the first bucket of history to read for them; 400 when the range is too long. */
function reportRange(from: string | undefined, to: string | undefined, interval: Interval, window: number) {
  const last = bucketOf((to ?? new Date().toISOString()).slice(0, 10), interval);
  const first = from ? bucketOf(from.slice(0, 10), interval) : shiftBucket(last, 1 - DEFAULT_SPAN, interval);
  if (bucketsBetween(first, last, interval) > MAX_SPAN)
    throw new ApiError(400, `from: at most ${MAX_SPAN} ${interval}s between from and to; narrow the range`, 'from');
  return { first, last, history: shiftBucket(first, -window, interval) };
}

/**
 * GET /api/spikes: buckets whose flagged count stands far above the same series' recent history, for any search
 * filter and split, between `from` and `to` (default: the last 60 buckets); as JSON, or as an Atom/RSS feed that
 * editors subscribe to (ETag and 304 as /api/feed).
 *
 * @example
 * await app.request('/api/spikes?split=target&window=14&min_flagged=5&format=atom')
 */
export function spikeRoutes({ store, publicUrl }: RouteDeps): Hono {
  return new Hono().get('/spikes', async (c) => {
    const url = new URL(c.req.url);
    const p = readParams(url, spikeParams);
    const { query, filters } = toFilters(p);
    const range = reportRange(p.from, p.to, p.interval, p.window);
    const points = await store.timeseries({
      query,
      filters: { ...filters, from: range.history },
      interval: p.interval,
      ...(p.split ? { split_by: p.split } : {}),
    });
    const spikes = findSpikes(points, { window: p.window, minFlagged: p.min_flagged, z: p.z, interval: p.interval })
      .filter((s) => s.bucket >= range.first && s.bucket <= range.last)
      .slice(0, p.size);
    if (p.format === 'json') {
      const { interval, split = null, window, min_flagged, z } = p;
      return c.json({ interval, split, window, min_flagged, z, from: range.first, to: range.last, spikes });
    }
    const { base, self } = publicView(url, publicUrl);
    const filtersInUrl = selection(url, WATCHED_KEYS);
    const selectionId = createHash('sha256')
      .update(JSON.stringify([filtersInUrl, p.interval, p.split ?? '']))
      .digest('hex')
      .slice(0, 12);
    const x: SpikeContext = {
      base,
      url,
      interval: p.interval,
      window: p.window,
      split: p.split,
      selectionId,
      ui: p.ui,
    };
    const body = renderFeed(p.format, {
      title: `${SPIKE_WORDS[p.ui].feed}: ${inWords(filtersInUrl, p.ui, SPIKE_WORDS[p.ui].all)}${p.split ? `, ${SPIKE_WORDS[p.ui].by[p.split] ?? p.split}` : ''}`,
      selfUrl: self,
      webUrl: `${base}/trends${filtersInUrl.length ? `?${new URLSearchParams(filtersInUrl)}` : ''}`,
      entries: spikes.map((s) => spikeEntry(s, x)),
      emptySince: startOfToday(),
    });
    return feedResponse(c, p.format, body);
  });
}
