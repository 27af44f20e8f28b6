import { findSpikes } from '../alerts/spikes.js';
import type { SourceWithHealth } from '../domain.js';
import { html, type SafeHtml } from '../present/html.js';
import type { TimeseriesPoint } from '../search/query.js';
import { keyName, localDate, strings, type UiLang } from './i18n.js';
import { FILTER_KEYS, link } from './links.js';
import { searchForm } from './search-form.js';

const MAX_SERIES = 8;
/** The spike rule of /api/spikes with its defaults, so the chart marks what the spike feed reports. */
const SPIKES = { window: 14, minFlagged: 5, z: 3 };

/** The series to show: largest first, at most 8, and the points of those series. */
export function shownSeries(points: TimeseriesPoint[]): { names: string[]; points: TimeseriesPoint[] } {
  const totals = new Map<string, number>();
  for (const p of points) totals.set(p.series, (totals.get(p.series) ?? 0) + p.count);
  const names = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_SERIES)
    .map(([n]) => n);
  const keep = new Set(names);
  return { names, points: points.filter((p) => keep.has(p.series)) };
}

export interface TrendsPageData {
  ui: UiLang;
  url: URL;
  sources: SourceWithHealth[];
  points: TimeseriesPoint[] | null;
  error: string | null;
}

const num = (v: number | null, digits: number) => (v === null ? '' : String(Number(v.toFixed(digits))));

/**
 * The trends page body: the selection form; volume, flagged share and sentiment charts drawn by uPlot
 * (/static/trends.js) from the table of the same figures, which is what the page shows without JavaScript; spike
 * buckets (the /api/spikes rule) marked in both; CSV and spike-alert links for the same selection.
 */
export function trendsPage({ ui, url, sources, points, error }: TrendsPageData): SafeHtml {
  const t = strings(ui);
  const interval = url.searchParams.get('interval') ?? 'week';
  const split = url.searchParams.get('split') ?? '';
  const sourceNames = new Map(sources.map((s) => [s.id, s.name]));
  const name = (series: string) => keyName(t, split || 'all', series, sourceNames);
  const csv = link(url, '/api/timeseries', { format: 'csv' }, [...FILTER_KEYS, 'interval', 'split']);
  const spikeInterval = interval === 'day' || interval === 'week' ? interval : null;
  const spikesLink = (format: string) =>
    link(url, '/api/spikes', { format, interval: spikeInterval, from: null, to: null, ui }, [...FILTER_KEYS, 'split']);
  const controls = html`<label>${t.interval}<select name="interval">${['day', 'week', 'month'].map((i) => html`<option value="${i}"${i === interval ? html` selected` : ''}>${t.intervals[i]}</option>`)}</select></label>
  <label>${t.split}<select name="split"><option value="">${t.none}</option>${['label', 'source', 'lang', 'target'].map((k) => html`<option value="${k}"${k === split ? html` selected` : ''}>${t.facets[k]}</option>`)}</select></label>`;
  const shown = points ? shownSeries(points) : null;
  const spikes =
    shown && spikeInterval
      ? new Set(findSpikes(shown.points, { ...SPIKES, interval: spikeInterval }).map((s) => `${s.bucket}|${s.series}`))
      : new Set<string>();
  const anySpike = [...spikes].map((k) => k.split('|')[0]);
  const rows = (shown?.points ?? []).map((p) => {
    const spike = spikes.has(`${p.bucket}|${p.series}`);
    const when = interval === 'month' ? p.bucket.slice(0, 7) : localDate(p.bucket, ui);
    return html`<tr data-bucket="${p.bucket}" data-series="${p.series}" data-count="${p.count}" data-flagged="${p.flagged}" data-share="${num(p.flagged_share, 4)}" data-sentiment="${num(p.mean_sentiment, 3)}"${anySpike.includes(p.bucket) ? html` class="spike"` : ''}>
  <td><time datetime="${p.bucket}">${interval === 'week' ? `${t.weekOf} ` : ''}${when}</time></td><td>${name(p.series)}</td><td class="n">${p.count}</td><td class="n">${p.flagged}</td>
  <td class="n">${p.flagged_share === null ? '—' : `${Math.round(p.flagged_share * 100)}%`}</td><td class="n">${p.mean_sentiment === null ? '—' : p.mean_sentiment.toFixed(2)}</td><td>${spike ? t.spike : ''}</td></tr>`;
  });
  const figure = (id: string, metric: string, caption: string) =>
    html`<figure id="${id}" data-metric="${metric}"><figcaption>${caption}</figcaption><div class="plot"></div></figure>`;
  const charts = shown?.points.length
    ? html`<section class="trend-charts" data-interval="${interval}" data-all="${t.all}" data-count="${t.stories}" data-flagged="${t.flagged}" data-share="${t.share}" data-spike="${t.spike}" data-week-of="${t.weekOf}">
  <div class="legend">${shown.names.map((n, i) => html`<span data-series="${n}"><span class="swatch s${i % 8}"></span>${name(n)}</span>`)}</div>
  <p class="help">${t.hoverHelp}${spikes.size ? html` ${t.spikeNote}` : ''}</p>
  ${figure('volume', 'count', t.volume)}
  ${figure('share', 'share', t.flaggedShare)}
  ${figure('sentiment', 'sentiment', t.meanSentiment)}
</section>
<details class="figures" open><summary>${t.figures}</summary>
<table class="figures"><thead><tr><th>${t.bucket}</th><th>${t.series}</th><th>${t.volume}</th><th>${t.flagged}</th><th>${t.share}</th><th>${t.meanSentiment}</th><th>${t.spike}</th></tr></thead>
<tbody>${rows}</tbody></table></details>`
    : points
      ? html`<p>${t.noData}</p>`
      : '';
  return html`<h1>${t.trends}</h1>
${searchForm(url, ui, t, sources, '/trends', controls)}
<p class="summary"><span><a class="csv" href="${csv}">${t.downloadCsv}</a>
  · ${t.spikeAlerts}: <a href="${spikesLink('atom')}" type="application/atom+xml">Atom</a> <a href="${spikesLink('rss')}" type="application/rss+xml">RSS</a></span></p>
${error ? html`<div class="error-box" role="alert"><strong>${t.error}:</strong> ${error}</div>` : ''}
${charts}`;
}
