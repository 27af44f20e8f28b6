/** Article ↔ rows mapping for the SQLite adapter: short filter columns in `articles`, the rest in `article_docs`. */
import { type Article, type ArticleSummary, type Classification, evidenceOf } from '../../domain.js';
import type { DerivedFields } from '../derived.js';

export interface ArticleRow {
  rid: number;
  id: string;
  source_id: string;
  kind: Article['kind'];
  url: string;
  canonical_url: string;
  title: string;
  text: string;
  published_at: string | null;
  fetched_at: string;
  author: string | null;
  lang: Article['lang'];
  country: string | null;
  content_hash: string;
  minhash: string;
  cluster_id: string;
  telegram: string | null;
  classification: string | null;
  evidence: string | null;
}

/** Columns of `articles`, written from an article and its derived fields. */
export const ARTICLE_COLUMNS = [
  'id',
  'source_id',
  'kind',
  'lang',
  'country',
  'content_hash',
  'cluster_id',
  'date',
  'classified',
  'xenophobic',
  'migration_policy',
  'counter_speech',
  'severity',
  'sentiment',
  'deleted',
] as const;

/** Columns of `article_docs`. */
export const DOC_COLUMNS = [
  'url',
  'canonical_url',
  'published_at',
  'fetched_at',
  'author',
  'minhash',
  'telegram',
  'classification',
  'title',
  'text',
  'evidence',
] as const;

/** The columns of `articles` and of the given `article_docs` columns, FROM both joined. */
function selectFrom(docColumns: readonly string[]): string {
  return (
    'a.rid AS rid, a.id AS id, a.source_id AS source_id, a.kind AS kind, a.lang AS lang, a.country AS country, ' +
    'a.content_hash AS content_hash, a.cluster_id AS cluster_id, ' +
    `${docColumns.map((c) => `d.${c} AS ${c}`).join(', ')} FROM articles a JOIN article_docs d ON d.rid = a.rid`
  );
}

/** `SELECT ${ARTICLE_SELECT} WHERE …` reads whole articles. */
export const ARTICLE_SELECT = selectFrom(DOC_COLUMNS);

/** `SELECT ${SUMMARY_SELECT} WHERE …` reads articles without their text and MinHash signature. */
export const SUMMARY_SELECT = selectFrom(DOC_COLUMNS.filter((c) => c !== 'text' && c !== 'minhash'));

/** Values of the columns derived from a classification. */
export function classificationValues(c: Classification | null): Record<string, unknown> {
  return {
    classification: c ? JSON.stringify(c) : null,
    classified: c ? 1 : 0,
    xenophobic: c?.xenophobic ? 1 : 0,
    migration_policy: c?.migration_policy ? 1 : 0,
    counter_speech: c?.counter_speech ? 1 : 0,
    severity: c ? c.severity : null,
    sentiment: c && Number.isFinite(c.sentiment) ? c.sentiment : null,
  };
}

export function articleValues(a: Article, derived: DerivedFields): Record<string, unknown> {
  return {
    id: a.id,
    source_id: a.source_id,
    kind: a.kind,
    url: a.url,
    canonical_url: a.canonical_url,
    title: a.title,
    text: a.text,
    published_at: a.published_at,
    fetched_at: a.fetched_at,
    author: a.author,
    lang: a.lang,
    country: a.country,
    content_hash: a.content_hash,
    minhash: a.minhash,
    cluster_id: a.cluster_id,
    telegram: a.telegram ? JSON.stringify(a.telegram) : null,
    date: derived.date,
    deleted: a.deleted_at ? 1 : 0,
    evidence: evidenceOf(a) ? JSON.stringify(evidenceOf(a)) : null,
    ...classificationValues(a.classification),
  };
}

export function rowToArticle(r: ArticleRow): Article {
  return { ...rowToSummary(r), text: r.text, minhash: r.minhash };
}

/** A row of `SUMMARY_SELECT` (or `ARTICLE_SELECT`) as an article without text and signature. */
export function rowToSummary(r: Omit<ArticleRow, 'text' | 'minhash'>): ArticleSummary {
  return {
    id: r.id,
    source_id: r.source_id,
    kind: r.kind,
    url: r.url,
    canonical_url: r.canonical_url,
    title: r.title,
    published_at: r.published_at,
    fetched_at: r.fetched_at,
    author: r.author,
    lang: r.lang,
    country: r.country,
    content_hash: r.content_hash,
    cluster_id: r.cluster_id,
    telegram: r.telegram ? JSON.parse(r.telegram) : null,
    classification: r.classification ? JSON.parse(r.classification) : null,
    ...(r.evidence ? JSON.parse(r.evidence) : {}),
  };
}
