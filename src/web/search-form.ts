import { LABELS, LANGS, type SourceWithHealth } from '../domain.js';
import { html, type SafeHtml } from '../present/html.js';
import type { Strings, UiLang } from './i18n.js';
import { listParam } from './links.js';

const selected = (on: boolean) => (on ? html` selected` : '');

/** The search/filter form; values are echoed from the URL as typed (escaped). */
export function searchForm(
  url: URL,
  ui: UiLang,
  t: Strings,
  sources: SourceWithHealth[],
  action = '/',
  extra: SafeHtml | '' = '',
): SafeHtml {
  const v = (key: string) => url.searchParams.get(key) ?? '';
  const labels = listParam(url, 'label');
  const langs = listParam(url, 'lang');
  const chosenSources = listParam(url, 'source');
  return html`<form class="filters" method="get" action="${action}" role="search">
  <input type="hidden" name="ui" value="${ui}">
  <label class="wide">${t.query}<input type="search" name="q" value="${v('q')}" maxlength="500" placeholder="мигрант* AND (депортация OR выслать)" autofocus>
    <span class="help">${t.queryHelp}</span></label>
  <fieldset><legend class="help">${t.labels}</legend>
    ${LABELS.map((l) => html`<label><input type="checkbox" name="label" value="${l}"${labels.includes(l) ? html` checked` : ''}> ${t.label[l]}</label>`)}
  </fieldset>
  <label>${t.minSeverity}<select name="min_severity">
    <option value="">${t.any}</option>
    ${[1, 2, 3].map((s) => html`<option value="${s}"${selected(v('min_severity') === String(s))}>≥ ${s}</option>`)}
  </select></label>
  <label>${t.source}<select name="source">
    <option value="">${t.any}</option>
    ${sources.map((s) => html`<option value="${s.id}"${selected(chosenSources.includes(s.id))}>${s.name}</option>`)}
  </select></label>
  <label>${t.lang}<select name="lang">
    <option value="">${t.any}</option>
    ${LANGS.filter((l) => l !== 'und').map((l) => html`<option value="${l}"${selected(langs.includes(l))}>${t.langs[l] ?? l}</option>`)}
  </select></label>
  <label>${t.target}<input type="text" name="target" value="${v('target')}" maxlength="200"></label>
  <label>${t.country}<input type="text" name="country" value="${v('country')}" maxlength="60" placeholder="KZ"></label>
  <label>${t.deletedFilter}<select name="deleted">
    <option value="">${t.any}</option>
    <option value="true"${selected(v('deleted') === 'true')}>${t.deletedOnly}</option>
    <option value="false"${selected(v('deleted') === 'false')}>${t.notDeleted}</option>
  </select></label>
  <label>${t.from}<input type="date" name="from" value="${v('from')}"></label>
  <label>${t.to}<input type="date" name="to" value="${v('to')}"></label>
  ${
    action === '/'
      ? html`<label>${t.sort}<select name="sort">
    <option value="">${t.relevance}</option><option value="date"${selected(v('sort') === 'date')}>${t.date}</option>
  </select></label>
  <label>${t.collapse}<select name="collapse">
    <option value="">${t.collapsed}</option><option value="false"${selected(v('collapse') === 'false')}>${t.expanded}</option>
  </select></label>
  <label>${t.reviewed}<select name="reviewed">
    <option value="">${t.any}</option><option value="true"${selected(v('reviewed') === 'true')}>${t.reviewedYes}</option><option value="false"${selected(v('reviewed') === 'false')}>${t.reviewedNo}</option>
  </select></label>
  <label>${t.disagreement}<select name="disagreement">
    <option value="">—</option>${['any', 'classifier', 'reviewers'].map((k) => html`<option value="${k}"${selected(v('disagreement') === k)}>${t.disagreementKinds[k]}</option>`)}
  </select></label>`
      : ''
  }
  ${extra}
  <div class="actions"><button type="submit">${t.apply}</button><a href="${action}?ui=${ui}">${t.reset}</a></div>
</form>`;
}
