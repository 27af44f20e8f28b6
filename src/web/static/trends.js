// Draws the trends charts with uPlot from the table of figures the page already holds (the page reads the same
// without this script). Served from /static/trends.js; no inline script, no other origin.
/* global uPlot */
(() => {
  const section = document.querySelector('section.trend-charts');
  const table = document.querySelector('table.figures');
  if (!section || !table || typeof uPlot === 'undefined') return;
  const t = section.dataset;
  const lang = document.documentElement.lang || 'ru';
  const interval = t.interval;
  const rows = [...table.querySelectorAll('tbody tr[data-bucket]')];
  const num = (v) => (v === undefined || v === '' ? null : Number(v));
  const buckets = [...new Set(rows.map((r) => r.dataset.bucket))];
  const names = [...section.querySelectorAll('.legend [data-series]')].map((el) => ({
    key: el.dataset.series,
    label: el.textContent.trim(),
  }));
  if (names.length === 0) names.push({ key: 'all', label: t.all });
  const at = new Map(rows.map((r) => [`${r.dataset.bucket}|${r.dataset.series}`, r.dataset]));
  const xs = buckets.map((b) => Date.parse(`${b}T00:00:00Z`) / 1000);
  const spikes = new Set(rows.filter((r) => r.classList.contains('spike')).map((r) => r.dataset.bucket));
  const COLORS = ['#0b5cad', '#b3261e', '#1f6f43', '#6a3fb5', '#d9822b', '#0f8b8d', '#8d6e63', '#546e7a'];
  const dateFormat = new Intl.DateTimeFormat(
    lang,
    interval === 'month'
      ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
      : { day: 'numeric', month: 'short', year: '2-digit', timeZone: 'UTC' },
  );
  const fullDate = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  const pct = (v) => `${Math.round(v * 100)}%`;
  const integer = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });

  const METRICS = {
    count: {
      pick: (d) => num(d.count),
      range: (_u, _lo, hi) => [0, Math.max(1, hi)],
      incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000],
      fmt: (v) => integer.format(v),
    },
    share: { pick: (d) => num(d.share), range: () => [0, 1], incrs: [0.05, 0.1, 0.2, 0.25, 0.5], fmt: pct },
    sentiment: { pick: (d) => num(d.sentiment), range: () => [-1, 1], incrs: [0.25, 0.5, 1], fmt: (v) => v.toFixed(1) },
  };

  /** Shades the spike buckets and marks them with a small flag above the plot. */
  function drawSpikes(u) {
    if (spikes.size === 0) return;
    const { ctx } = u;
    const half = xs.length > 1 ? (u.valToPos(xs[1], 'x', true) - u.valToPos(xs[0], 'x', true)) / 2 : 10;
    ctx.save();
    ctx.fillStyle = 'rgba(179, 38, 30, 0.14)';
    buckets.forEach((b, i) => {
      if (!spikes.has(b)) return;
      const x = u.valToPos(xs[i], 'x', true);
      ctx.fillRect(x - Math.max(half, 3), u.bbox.top, Math.max(2 * half, 6), u.bbox.height);
    });
    ctx.restore();
  }

  const tip = document.createElement('div');
  tip.className = 'chart-tip';
  tip.hidden = true;

  function showTip(u, figure) {
    const i = u.cursor.idx;
    if (i === null || i === undefined || u.cursor.left < 0) {
      tip.hidden = true;
      return;
    }
    const bucket = buckets[i];
    const lines = names.map(({ key, label }) => {
      const d = at.get(`${bucket}|${key}`) ?? {};
      const share = num(d.share);
      return `${names.length > 1 ? `${label}: ` : ''}${t.count} ${d.count ?? 0}, ${t.flagged} ${d.flagged ?? 0}, ${t.share} ${share === null ? '—' : pct(share)}`;
    });
    tip.replaceChildren();
    const head = document.createElement('strong');
    head.textContent = `${interval === 'week' ? `${t.weekOf} ` : ''}${fullDate.format(new Date(xs[i] * 1000))}${spikes.has(bucket) ? ` · ${t.spike}` : ''}`;
    tip.append(head);
    for (const line of lines) {
      const p = document.createElement('div');
      p.textContent = line;
      tip.append(p);
    }
    if (tip.parentElement !== figure) figure.append(tip);
    tip.hidden = false;
    tip.style.left = `${Math.min(u.cursor.left + u.bbox.left / devicePixelRatio + 12, u.width - 240)}px`;
    tip.style.top = `${u.cursor.top + 12}px`;
    figure.dataset.hover = bucket;
  }

  for (const figure of section.querySelectorAll('figure[data-metric]')) {
    const metric = METRICS[figure.dataset.metric];
    const plot = figure.querySelector('.plot');
    const series = names.map(({ key }) => buckets.map((b) => metric.pick(at.get(`${b}|${key}`) ?? {})));
    const opts = {
      width: plot.clientWidth || 900,
      height: 240,
      legend: { show: false },
      cursor: { points: { size: 8 }, drag: { x: false, y: false } },
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: { time: true }, y: { range: metric.range } },
      axes: [
        { values: (_u, splits) => splits.map((s) => dateFormat.format(new Date(s * 1000))), space: 70 },
        {
          incrs: metric.incrs,
          values: (_u, splits) => splits.map(metric.fmt),
          size: 56,
        },
      ],
      series: [
        {},
        ...names.map(({ label }, si) => ({
          label,
          stroke: COLORS[si % COLORS.length],
          width: 2,
          points: { show: buckets.length <= 60, size: 5 },
          spanGaps: false,
        })),
      ],
      hooks: {
        drawClear: [drawSpikes],
        setCursor: [(u) => showTip(u, figure)],
        draw: [
          (u) => {
            figure.dataset.yTicks = (u.axes[1]._splits ?? []).join(',');
            figure.dataset.xTicks = String((u.axes[0]._splits ?? []).length);
          },
        ],
      },
    };
    const chart = new uPlot(opts, [xs, ...series], plot);
    figure.dataset.points = String(xs.length);
    figure.dataset.spikes = [...spikes].join(',');
    plot.addEventListener('mouseleave', () => {
      tip.hidden = true;
    });
    new ResizeObserver(() => chart.setSize({ width: plot.clientWidth, height: 240 })).observe(plot);
  }
  const details = document.querySelector('details.figures');
  if (details) details.open = false;
  section.dataset.ready = 'true';
})();
