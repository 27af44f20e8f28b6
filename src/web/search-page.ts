import type { SourceWithHealth } from '../domain.js';
import { html, type SafeHtml, trusted } from '../present/html.js';
import type { SearchItem } from '../present/search-item.js';
import { whyFlagged } from '../present/why.js';
import type { HumanVerdict } from '../review/verdict.js';
import type { FacetBucket, SearchResult } from '../search/query.js';
import { keyName, localDate, strings, type UiLang } from './i18n.js';
import { FILTER_KEYS, link, listParam } from './links.js';
import { searchForm } from './search-form.js';

export interface SearchPageData {
  ui: UiLang;
  url: URL;
  sources: SourceWithHealth[];
  result: SearchResult | null;
  items: Array<SearchItem & { human: HumanVerdict | null }>;
  error: string | null;
}

/** The parameters of a search page; article links carry them so "back to search" returns to the same page. */
export const SEARCH_KEYS = [...FILTER_KEYS, 'ui', 'sort', 'collapse', 'cursor'];

const FACET_PARAM: Record<string, string> = {
  label: 'label',
  lang: 'lang',
  source: 'source',
  target: 'target',
  country: 'country',
  severity: 'min_severity',
};

function facetList(
  url: URL,
  ui: UiLang,
  name: string,
  buckets: FacetBucket[],
  sourceNames: Map<string, string>,
): SafeHtml {
  const t = strings(ui);
  const param = FACET_PARAM[name];
  const current = listParam(url, param);
  const items = buckets.slice(0, 12).map((b) => {
    const on = current.includes(b.key);
    // A value's count is what selecting it alone returns (each facet is counted without its own filter), so a
    // click selects that value instead of adding it to the others; clicking a selected value removes it.
    const next = on ? current.filter((k) => k !== b.key) : [b.key];
    const text = keyName(t, name, b.key, sourceNames);
    return html`<li${on ? html` class="on"` : ''}><a href="${link(url, '/', { [param]: next, cursor: null })}">${text}</a><span class="count">${b.count}</span></li>`;
  });
  return html`<section><h3>${t.facets[name] ?? name}</h3><ul>${items}</ul></section>`;
}

/** The human verdict of a result in a few words: what reviewers decided, or that they disagree. */
function humanBadge(human: HumanVerdict | null, ui: UiLang): SafeHtml | '' {
  if (!human) return '';
  const t = strings(ui);
  const v = human.verdict;
  const labels = v
    ? (['xenophobic', 'migration_policy', 'counter_speech'] as const).filter((l) => v[l]).map((l) => t.label[l])
    : [];
  const said = v ? (labels.length ? labels.join(', ') : t.none) : t.disputed;
  return html`<span class="badge human${human.reviewers_disagree ? ' disputed' : ''}" title="${t.reviewers(human.reviewers)}">${t.humanVerdict}: ${said}${v?.severity ? ` (${v.severity})` : ''}</span>`;
}

function resultItem(
  item: SearchItem & { human: HumanVerdict | null },
  ui: UiLang,
  url: URL,
  sourceNames: Map<string, string>,
  why: string,
): SafeHtml {
  const t = strings(ui);
  return html`<li>
  <h2><a href="${link(url, `/articles/${encodeURIComponent(item.id)}`, {}, SEARCH_KEYS)}">${trusted(item.highlights.title || '—')}</a></h2>
  <div class="meta">
    <span>${sourceNames.get(item.source_id) ?? item.source_id}</span>
    <time datetime="${item.published_at ?? ''}">${localDate(item.published_at, ui)}</time>
    <span>${keyName(t, 'lang', item.lang)}</span>
    ${item.labels.map((l) => html`<span class="badge ${l}">${t.label[l]}</span>`)}
    ${item.severity ? html`<span class="badge sev">${t.severity} ${item.severity}</span>` : ''}
    ${humanBadge(item.human, ui)}
    <a href="${item.url}" rel="noopener noreferrer nofollow" target="_blank">${t.original} ↗</a>
  </div>
  <p class="snippet">${trusted(item.highlights.snippet)}</p>
  ${item.labels.length ? html`<p class="why">${why}</p>` : ''}
</li>`;
}

/**
 * The search page body: form, facets as links, highlighted results with the "why flagged" line,
 * cursor pagination and export links.
 */
export function searchPage({ ui, url, sources, result, items, error }: SearchPageData): SafeHtml {
  const t = strings(ui);
  const sourceNames = new Map(sources.map((s) => [s.id, s.name]));
  const whys = new Map((result?.hits ?? []).map((h) => [h.id, whyFlagged(h.article.classification, ui)]));
  const exportLink = (format: string) =>
    link(url, '/api/export', { format }, [...FILTER_KEYS, 'collapse', 'reviewed', 'disagreement']);
  const feedLink = (format: string) => link(url, '/api/feed', { format, ui }, [...FILTER_KEYS, 'collapse']);
  const facets = result?.facets
    ? Object.entries(result.facets)
        .filter(([, buckets]) => buckets.length > 0)
        .map(([name, buckets]) => facetList(url, ui, name, buckets, sourceNames))
    : [];
  return html`<h1>${t.search}</h1>
${searchForm(url, ui, t, sources)}
${error ? html`<div class="error-box" role="alert"><strong>${t.error}:</strong> ${error}</div>` : ''}
${
  result
    ? html`<div class="layout">
  <aside class="facets">${facets}</aside>
  <section>
    <div class="summary"><span class="total">${t.results(result.total)}</span>
      <span class="export">${t.export}: <a href="${exportLink('csv')}">CSV</a> <a href="${exportLink('ndjson')}">NDJSON</a>
      · ${t.subscribe}: <a href="${feedLink('atom')}" type="application/atom+xml">Atom</a> <a href="${feedLink('rss')}" type="application/rss+xml">RSS</a>
      · <a href="${link(url, '/trends', {}, [...FILTER_KEYS, 'ui'])}">${t.trends}</a></span></div>
    ${items.length ? html`<ol class="results">${items.map((i) => resultItem(i, ui, url, sourceNames, whys.get(i.id) ?? i.why))}</ol>` : html`<p>${t.noResults}</p>`}
    <nav class="pager">
      ${url.searchParams.get('cursor') ? html`<a href="${link(url, '/', { cursor: null })}">${t.first}</a>` : html`<span></span>`}
      ${result.next_cursor ? html`<a rel="next" href="${link(url, '/', { cursor: result.next_cursor })}">${t.next}</a>` : ''}
    </nav>
  </section>
</div>`
    : ''
}`;
}
