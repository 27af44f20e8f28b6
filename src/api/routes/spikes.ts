import { Hono } from 'hono';
import { type FeedEntry, renderFeed } from '../../alerts/feed.js';
import { bucketEnd, findSpikes, type Spike } from '../../alerts/spikes.js';
import type { RouteDeps } from '../deps.js';
import { feedResponse, selection } from '../feed-response.js';
import { filterParams, readParams, spikeParams, toFilters } from '../params.js';

const FILTER_KEYS = Object.keys(filterParams);

type Interval = 'day' | 'week';

function spikeEntry(spike: Spike, url: URL, interval: Interval, window: number, split: string | undefined): FeedEntry {
  const last = bucketEnd(spike.bucket, interval);
  const web = new URLSearchParams(selection(url, FILTER_KEYS).filter(([k]) => k !== 'from' && k !== 'to'));
  web.set('from', spike.bucket);
  web.set('to', last);
  if (split && spike.series !== 'all') web.set(split === 'label' ? 'label' : split, spike.series);
  if (!web.has('label')) web.set('label', 'xenophobic');
  const where = spike.series === 'all' ? 'all coverage' : `${split} ${spike.series}`;
  const when = interval === 'day' ? `on ${spike.bucket}` : `in the week of ${spike.bucket}`;
  return {
    id: `urn:kuzet:spike:${interval}:${split ?? 'all'}:${spike.series}:${spike.bucket}`,
    title: `${spike.flagged} flagged in ${where} ${when} (usually ${spike.baseline})`,
    link: `${url.origin}/?${web}`,
    updated: `${spike.bucket}T00:00:00.000Z`,
    author: 'Kuzet',
    categories: ['spike', ...(split && spike.series !== 'all' ? [`${split}:${spike.series}`] : [])],
    summary: `${spike.flagged} flagged articles of ${spike.count} in ${where} ${when}; the ${window} ${interval}s before averaged ${spike.baseline} (${spike.score} spreads above).`,
  };
}

/**
 * GET /api/spikes: buckets whose flagged count stands far above the same series' recent history, for any search
 * filter and split; as JSON, or as an Atom/RSS feed that editors subscribe to (ETag and 304 as /api/feed).
 *
 * @example
 * await app.request('/api/spikes?split=target&window=14&min_flagged=5&format=atom')
 */
export function spikeRoutes({ store }: RouteDeps): Hono {
  return new Hono().get('/spikes', async (c) => {
    const url = new URL(c.req.url);
    const p = readParams(url, spikeParams);
    const { query, filters } = toFilters(p);
    const points = await store.timeseries({
      query,
      filters,
      interval: p.interval,
      ...(p.split ? { split_by: p.split } : {}),
    });
    const spikes = findSpikes(points, { window: p.window, minFlagged: p.min_flagged, z: p.z, interval: p.interval });
    if (p.format === 'json') {
      const { interval, split = null, window, min_flagged, z } = p;
      return c.json({ interval, split, window, min_flagged, z, spikes });
    }
    const filtersInUrl = selection(url, FILTER_KEYS);
    const web = new URLSearchParams(filtersInUrl);
    const body = renderFeed(p.format, {
      title: `Kuzet spikes: ${filtersInUrl.length ? filtersInUrl.map(([k, v]) => `${k}=${v}`).join(' · ') : 'all coverage'}${p.split ? ` by ${p.split}` : ''}`,
      selfUrl: url.toString(),
      webUrl: `${url.origin}/trends${web.size ? `?${web}` : ''}`,
      entries: spikes.map((s) => spikeEntry(s, url, p.interval, p.window, p.split)),
      now: new Date(),
    });
    return feedResponse(c, p.format, body);
  });
}
