import { html, type SafeHtml } from '../present/html.js';

export interface ChartSeries {
  name: string;
  values: Array<number | null>;
}

export interface ChartOptions {
  buckets: string[];
  series: ChartSeries[];
  /** Fixed y range; computed from the data when absent. */
  yMin?: number;
  yMax?: number;
  format: (v: number) => string;
  label: string;
}

const W = 900;
const H = 220;
const PAD = { left: 56, right: 16, top: 12, bottom: 28 };

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / step) * step;
}

/**
 * A server-rendered SVG line chart (no script): grid, y ticks, x bucket labels, one path and
 * points with <title> tooltips per series. Null values break the line.
 *
 * @example
 * lineChart({ buckets: ['2025-01-06'], series: [{ name: 'all', values: [12] }], format: String, label: 'Volume' })
 */
export function lineChart({ buckets, series, yMin, yMax, format, label }: ChartOptions): SafeHtml {
  const all = series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const lo = yMin ?? Math.min(0, ...all);
  const hi = yMax ?? niceMax(Math.max(0, ...all));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (buckets.length <= 1 ? innerW / 2 : (i / (buckets.length - 1)) * innerW);
  const y = (v: number) => PAD.top + innerH - ((v - lo) / (hi - lo || 1)) * innerH;
  const ticks = [0, 1, 2, 3, 4].map((k) => lo + ((hi - lo) * k) / 4);
  const every = Math.max(1, Math.ceil(buckets.length / 8));
  const last = buckets.length - 1;
  const labelled = (i: number) => i === last || (i % every === 0 && last - i >= every / 2);
  const anchor = (i: number) =>
    buckets.length > 1 && i === 0 ? 'start' : buckets.length > 1 && i === buckets.length - 1 ? 'end' : 'middle';
  const paths = series.map((s, si) => {
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    const points = s.values.map((v, i) =>
      v === null
        ? ''
        : html`<circle class="point s${si % 8}" cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3"><title>${s.name} · ${buckets[i]}: ${format(v)}</title></circle>`,
    );
    return html`<g class="series" data-series="${s.name}"><path class="line s${si % 8}" d="${d}"/>${points}</g>`;
  });
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${label}" xmlns="http://www.w3.org/2000/svg">
  ${ticks.map((v) => html`<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/><text class="axis" x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${format(v)}</text>`)}
  ${buckets.map((b, i) => (labelled(i) ? html`<text class="axis" x="${x(i).toFixed(1)}" y="${H - 8}" text-anchor="${anchor(i)}">${b}</text>` : ''))}
  ${paths}
</svg>`;
}

/** Colour legend matching lineChart's series classes. */
export function legend(names: string[]): SafeHtml {
  return html`<div class="legend">${names.map((n, i) => html`<span><span class="swatch s${i % 8}"></span>${n}</span>`)}</div>`;
}
