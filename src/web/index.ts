import { Hono } from 'hono';
import type { RouteDeps } from '../api/deps.js';
import { readParams, searchParams, timeseriesParams, toFilters } from '../api/params.js';
import { loadArticle } from '../api/routes/articles.js';
import { loadCapture } from '../api/routes/evidence.js';
import { runSearch } from '../api/routes/search.js';
import { SCRIPTS_CSP } from '../api/security.js';
import { html } from '../present/html.js';
import { loadRejected } from '../sources/index.js';
import { articlePage } from './article-page.js';
import { ASSETS } from './assets.js';
import { capturePage } from './capture-page.js';
import { strings } from './i18n.js';
import { page } from './layout.js';
import { context, send, userError } from './respond.js';
import { searchPage } from './search-page.js';
import { sourcesPage } from './sources-page.js';
import { trendsPage } from './trends-page.js';

/**
 * The server-rendered UI: `/` search, `/articles/:id`, `/trends`, `/sources`, and the files under `/static`.
 * Only the trends page loads scripts (its charts; it reads the same without them); bad parameters are shown on
 * the page with status 400.
 */
export function webRoutes({ store, evidence }: RouteDeps): Hono {
  const app = new Hono();
  app.get('/static/:name', (c) => {
    const asset = ASSETS[c.req.param('name')];
    if (!asset) return c.notFound();
    return c.body(asset.body(), 200, { 'content-type': asset.type, 'cache-control': 'public, max-age=3600' });
  });

  app.get('/', async (c) => {
    const { url, ui, account } = context(c);
    const sources = await store.listSources();
    try {
      const { result, items } = await runSearch(store, readParams(url, searchParams, ['ui']));
      const body = searchPage({ ui, url, sources, result, items, error: null });
      return send(c, page({ ui, url, account, title: strings(ui).search, active: 'search', body }));
    } catch (error) {
      const bad = userError(error, ui);
      if (!bad) throw error;
      const body = searchPage({ ui, url, sources, result: null, items: [], error: bad.message });
      return send(c, page({ ui, url, account, title: strings(ui).search, active: 'search', body }), bad.status);
    }
  });

  app.get('/articles/:id', async (c) => {
    const { url, ui, account } = context(c);
    try {
      const view = await loadArticle(store, c.req.param('id'));
      return send(
        c,
        page({
          ui,
          url,
          account,
          title: view.article.title || view.article.url,
          body: articlePage(view, ui, url, account),
        }),
      );
    } catch (error) {
      const bad = userError(error, ui);
      if (!bad) throw error;
      const t = strings(ui);
      const body = html`<h1>${t.notFound}</h1><div class="error-box" role="alert">${bad.message}</div><p><a href="/?ui=${ui}">${t.back}</a></p>`;
      return send(c, page({ ui, url, account, title: t.notFound, body }), bad.status);
    }
  });

  app.get('/captures/:id', async (c) => {
    const { url, ui } = context(c);
    const t = strings(ui);
    try {
      const { record, body } = await loadCapture(evidence, c.req.param('id'));
      return send(c, page({ ui, url, title: t.capture, body: capturePage(record, body, ui) }));
    } catch (error) {
      const bad = userError(error, ui);
      if (!bad) throw error;
      const body = html`<h1>${t.notFound}</h1><div class="error-box" role="alert">${bad.message}</div>`;
      return send(c, page({ ui, url, title: t.notFound, body }), bad.status);
    }
  });

  app.get('/trends', async (c) => {
    const { url, ui, account } = context(c);
    const sources = await store.listSources();
    const title = strings(ui).trends;
    try {
      const p = readParams(url, timeseriesParams, ['ui', 'sort', 'size', 'cursor', 'facets', 'collapse', 'format']);
      const points = await store.timeseries({
        ...toFilters(p),
        interval: p.interval,
        ...(p.split ? { split_by: p.split } : {}),
      });
      c.header('content-security-policy', SCRIPTS_CSP);
      return send(
        c,
        page({
          ui,
          url,
          account,
          title,
          active: 'trends',
          body: trendsPage({ ui, url, sources, points, error: null }),
          scripts: ['/static/uplot.js', '/static/trends.js'],
          styles: ['/static/uplot.css'],
        }),
      );
    } catch (error) {
      const bad = userError(error, ui);
      if (!bad) throw error;
      return send(
        c,
        page({
          ui,
          url,
          account,
          title,
          active: 'trends',
          body: trendsPage({ ui, url, sources, points: null, error: bad.message }),
        }),
        bad.status,
      );
    }
  });

  app.get('/sources', async (c) => {
    const { url, ui, account } = context(c);
    const [sources, rejected] = await Promise.all([store.listSources(), loadRejected(store)]);
    const body = sourcesPage(sources, ui, Date.now(), rejected);
    return send(c, page({ ui, url, account, title: strings(ui).sources, active: 'sources', body }));
  });
  return app;
}
