import type { SourceWithHealth } from '../domain.js';
import { html, type SafeHtml } from '../present/html.js';
import type { TimeseriesPoint } from '../search/query.js';
import { legend, lineChart } from './chart.js';
import { strings, type UiLang } from './i18n.js';
import { FILTER_KEYS, link } from './links.js';
import { searchForm } from './search-form.js';

const MAX_SERIES = 8;

/** Points grouped by series (largest first, at most 8) over the sorted list of buckets. */
export function toSeries(points: TimeseriesPoint[]) {
  const buckets = [...new Set(points.map((p) => p.bucket))].sort();
  const index = new Map(buckets.map((b, i) => [b, i]));
  const totals = new Map<string, number>();
  for (const p of points) totals.set(p.series, (totals.get(p.series) ?? 0) + p.count);
  const names = [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_SERIES)
    .map(([n]) => n);
  const pick = (metric: 'count' | 'flagged_share' | 'mean_sentiment') =>
    names.map((name) => {
      const values: Array<number | null> = buckets.map(() => (metric === 'count' ? 0 : null));
      for (const p of points) if (p.series === name) values[index.get(p.bucket) ?? 0] = p[metric];
      return { name, values };
    });
  return { buckets, names, count: pick('count'), share: pick('flagged_share'), sentiment: pick('mean_sentiment') };
}

export interface TrendsPageData {
  ui: UiLang;
  url: URL;
  sources: SourceWithHealth[];
  points: TimeseriesPoint[] | null;
  error: string | null;
}

/** The trends page body: the selection form, three SVG charts, and CSV and spike-alert links for the same selection. */
export function trendsPage({ ui, url, sources, points, error }: TrendsPageData): SafeHtml {
  const t = strings(ui);
  const interval = url.searchParams.get('interval') ?? 'week';
  const split = url.searchParams.get('split') ?? '';
  const s = points ? toSeries(points) : null;
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  const csv = link(url, '/api/timeseries', { format: 'csv' }, [...FILTER_KEYS, 'interval', 'split']);
  const spikeInterval = interval === 'day' || interval === 'week' ? interval : null;
  const spikes = (format: string) =>
    link(url, '/api/spikes', { format, interval: spikeInterval, from: null, to: null }, [...FILTER_KEYS, 'split']);
  const controls = html`<label>${t.interval}<select name="interval">${['day', 'week', 'month'].map((i) => html`<option value="${i}"${i === interval ? html` selected` : ''}>${t.intervals[i]}</option>`)}</select></label>
  <label>${t.split}<select name="split"><option value="">${t.none}</option>${['label', 'source', 'lang', 'target'].map((k) => html`<option value="${k}"${k === split ? html` selected` : ''}>${t.facets[k]}</option>`)}</select></label>`;
  const charts = s?.buckets.length
    ? html`<div class="charts">
  ${s.names.length > 1 ? legend(s.names) : ''}
  <figure id="volume"><figcaption>${t.volume}</figcaption>${lineChart({ buckets: s.buckets, series: s.count, format: (v) => String(Math.round(v)), label: t.volume })}</figure>
  <figure id="share"><figcaption>${t.flaggedShare}</figcaption>${lineChart({ buckets: s.buckets, series: s.share, yMin: 0, yMax: 1, format: pct, label: t.flaggedShare })}</figure>
  <figure id="sentiment"><figcaption>${t.meanSentiment}</figcaption>${lineChart({ buckets: s.buckets, series: s.sentiment, yMin: -1, yMax: 1, format: (v) => v.toFixed(1), label: t.meanSentiment })}</figure>
</div>`
    : points
      ? html`<p>${t.noData}</p>`
      : '';
  return html`<h1>${t.trends}</h1>
${searchForm(url, ui, t, sources, '/trends', controls)}
<p class="summary"><span><a class="csv" href="${csv}">${t.downloadCsv}</a>
  · ${t.spikeAlerts}: <a href="${spikes('atom')}" type="application/atom+xml">Atom</a> <a href="${spikes('rss')}" type="application/rss+xml">RSS</a></span></p>
${error ? html`<div class="error-box" role="alert"><strong>${t.error}:</strong> ${error}</div>` : ''}
${charts}`;
}
