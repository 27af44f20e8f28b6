import { z } from 'zod';
import { LABELS, LANGS } from '../domain.js';
import { parseQuery, QuerySyntaxError } from '../search/parse.js';
import type { QueryNode, SearchFilters, SearchRequest } from '../search/query.js';
import { cursorProblem } from '../store/cursor.js';
import { ApiError } from './errors.js';

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const KEY = /^[\p{L}\p{N}_.:-]{1,64}$/u;
/** Dates outside these years are refused, so no store is asked for a date it cannot represent. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

const list = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z
    .array(item)
    .max(max, { error: `at most ${max} ${what} values` })
    .optional();

const date = (what: string) =>
  z
    .string()
    .regex(DATE, { error: `${what} must be YYYY-MM-DD or an ISO datetime like 2025-03-01T12:00:00Z` })
    .refine(validDate, { error: `${what} is not a real date` })
    .refine(inYears, { error: `${what} must fall in the years ${FIRST_YEAR}..${LAST_YEAR}` })
    .optional()
    .describe(
      `${what === 'from' ? 'Earliest' : 'Latest'} publication date or datetime, inclusive${what === 'to' ? ' (a bare date covers the whole day)' : ''}`,
    );

const bool = (description: string) =>
  z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true' || v === '1')
    .describe(description);

const size = (fallback: number, description: string) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be an integer' })
    .min(1, { error: 'must be 1..100' })
    .max(100, { error: 'must be 1..100' })
    .default(fallback)
    .describe(description);

/** Filters shared by search, time series and export. */
export const filterParams = {
  q: z
    .string()
    .max(500, { error: 'at most 500 characters' })
    .optional()
    .describe('Query: words, "phrases", prefix*, AND/OR/NOT (also И/ИЛИ/НЕ), -term, parentheses'),
  label: list(z.enum(LABELS, { error: `must be one of ${LABELS.join(', ')}` }), 3, 'label').describe(
    'Labels, repeatable or comma-separated; an article matches if it has any of them',
  ),
  min_severity: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be an integer' })
    .min(0, { error: 'must be 0..3' })
    .max(3, { error: 'must be 0..3' })
    .optional()
    .describe('Minimum xenophobia severity 0..3'),
  target: list(z.string().regex(KEY, { error: 'must be a target group key' }), 20, 'target').describe('Target groups'),
  source: list(z.string().regex(KEY, { error: 'must be a source id' }), 50, 'source').describe('Source ids'),
  lang: list(z.enum(LANGS, { error: `must be one of ${LANGS.join(', ')}` }), LANGS.length, 'lang').describe(
    'Languages',
  ),
  country: list(
    z.string().regex(/^[A-Za-z]{2}$/, { error: 'must be a two-letter country code' }),
    20,
    'country',
  ).describe('ISO 3166-1 alpha-2 country codes'),
  from: date('from'),
  to: date('to'),
  deleted: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1')
    .optional()
    .describe(
      'true: only items found deleted at their source (404/410, or gone from the channel); false: only the others',
    ),
};

/** Names of the parameters that select articles (shared by search, time series, export, feeds and the web UI). */
export const FILTER_KEYS = Object.keys(filterParams);

/** The review filters of search and export (see review/load.ts `withReviewFilters`). */
export const reviewFilterParams = {
  reviewed: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .describe('Only articles with (true) or without (false) a human review'),
  disagreement: z
    .enum(['any', 'true', 'classifier', 'reviewers'], { error: 'must be any, classifier or reviewers' })
    .optional()
    .transform((v) => (v === 'true' ? 'any' : v))
    .describe(
      'Only reviewed articles where reviewers corrected the classifier (classifier), disagree among themselves (reviewers), or either (any, also true)',
    ),
};

export const searchParams = z.strictObject({
  ...filterParams,
  ...reviewFilterParams,
  collapse: bool(
    "Keep one article per near-duplicate cluster, its head (the cluster's first article), when the head matches the query and filters (default true)",
  ),
  sort: z
    .enum(['relevance', 'date'], { error: 'must be relevance or date' })
    .optional()
    .describe('relevance (default with q) or date'),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_\-.~:=+/]{1,1024}$/, { error: 'is not a cursor from a previous page' })
    .refine((c) => cursorProblem(c) === null, { error: 'is not a cursor from a previous page; start again without it' })
    .optional()
    .describe('next_cursor from the previous page'),
  size: size(20, 'Page size 1..100'),
  facets: bool('Include facet counts (default true)'),
});

export const queueParams = z.strictObject({
  label: filterParams.label,
  source: filterParams.source,
  lang: filterParams.lang,
  size: size(20, 'Items 1..100'),
});

const bom = bool('CSV only: start with a UTF-8 byte-order mark, so Excel reads Cyrillic right (default true)');

export const timeseriesParams = z.strictObject({
  ...filterParams,
  interval: z
    .enum(['day', 'week', 'month'], { error: 'must be day, week or month' })
    .default('week')
    .describe('Bucket size'),
  split: z
    .enum(['label', 'source', 'lang', 'target'], { error: 'must be label, source, lang or target' })
    .optional()
    .describe('Split into series'),
  format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).default('json').describe('Response format'),
  bom,
});

export const exportParams = z.strictObject({
  ...searchParams.shape,
  format: z.enum(['csv', 'ndjson'], { error: 'must be csv or ndjson' }).default('csv').describe('File format'),
  bom,
});

const feedLanguage = z
  .enum(['en', 'ru'], { error: 'must be en or ru' })
  .default('en')
  .describe('Language of the feed title and of each entry summary (en or ru)');

export const feedParams = z.strictObject({
  ...filterParams,
  collapse: searchParams.shape.collapse,
  format: z.enum(['atom', 'rss'], { error: 'must be atom or rss' }).default('atom').describe('Feed format'),
  size: size(50, 'Newest articles in the feed, 1..100'),
  ui: feedLanguage,
});

const int = (min: number, max: number, fallback: number, description: string) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be an integer' })
    .min(min, { error: `must be ${min}..${max}` })
    .max(max, { error: `must be ${min}..${max}` })
    .default(fallback)
    .describe(description);

export const spikeParams = z.strictObject({
  ...filterParams,
  interval: z.enum(['day', 'week'], { error: 'must be day or week' }).default('day').describe('Bucket size'),
  split: timeseriesParams.shape.split.describe('Look for spikes in each label, source, language or target group'),
  window: int(3, 90, 14, 'Buckets of history each bucket is compared with, 3..90'),
  from: date('from').describe('First bucket to report (default: 60 buckets before to); history before it is read too'),
  to: date('to').describe('Last bucket to report (default: today)'),
  min_flagged: int(1, 100_000, 5, 'Fewest flagged articles that make a spike'),
  z: z.coerce
    .number({ error: 'must be a number' })
    .min(1, { error: 'must be 1..20' })
    .max(20, { error: 'must be 1..20' })
    .default(3)
    .describe('Spreads above the mean of the window a bucket must be, 1..20'),
  size: size(50, 'Newest spikes returned, 1..100'),
  format: z
    .enum(['json', 'atom', 'rss'], { error: 'must be json, atom or rss' })
    .default('json')
    .describe('Response format'),
  ui: feedLanguage,
});

export type SearchParams = z.output<typeof searchParams>;
export type FilterParams = Pick<SearchParams, keyof typeof filterParams>;

const LIST_KEYS = new Set(['label', 'target', 'source', 'lang', 'country']);

/**
 * Reads URL query parameters into a schema: list parameters may repeat or hold commas,
 * empty values count as absent. Throws ApiError 400 naming the first bad parameter.
 *
 * @example
 * const p = readParams(new URL('http://x/?label=xenophobic,migration_policy&size=5'), searchParams);
 */
export function readParams<S extends z.ZodObject>(url: URL, schema: S, ignore: string[] = []): z.output<S> {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    if (ignore.includes(key)) continue;
    const values = url.searchParams.getAll(key).filter((v) => v.trim() !== '');
    if (values.length === 0) continue;
    if (LIST_KEYS.has(key))
      raw[key] = values
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean);
    else if (values.length > 1) throw new ApiError(400, `${key}: give it once`, key);
    else raw[key] = values[0];
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    throw new ApiError(400, `${key}: unknown parameter; see /api/openapi.json for the accepted ones`, key);
  }
  const param = String(issue.path[0] ?? '');
  throw new ApiError(400, `${param}: ${issue.message}`, param || undefined);
}

function validDate(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  return (
    day.getUTCFullYear() === y &&
    day.getUTCMonth() === m - 1 &&
    day.getUTCDate() === d &&
    !Number.isNaN(Date.parse(value))
  );
}

function inYears(value: string): boolean {
  const year = Number(value.slice(0, 4));
  const ms = bound(value, false);
  // An offset can move a datetime across a year boundary: check the instant too.
  const instantYear = new Date(ms).getUTCFullYear();
  return year >= FIRST_YEAR && year <= LAST_YEAR && instantYear >= FIRST_YEAR && instantYear <= LAST_YEAR;
}

function bound(value: string, end: boolean): number {
  return value.length === 10 ? Date.parse(`${value}T${end ? '23:59:59.999' : '00:00:00'}Z`) : Date.parse(value);
}

/** Parses q into a QueryNode (400 on a syntax error) and checks from ≤ to. */
export function toFilters(p: FilterParams): { query: QueryNode | null; filters: SearchFilters } {
  let query: QueryNode | null = null;
  try {
    query = p.q ? parseQuery(p.q) : null;
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw new ApiError(400, `q: ${error.message}`, 'q');
    throw error;
  }
  if (p.from && p.to && bound(p.from, false) > bound(p.to, true))
    throw new ApiError(400, 'from: must not be after to', 'from');
  const filters: SearchFilters = {};
  if (p.label?.length) filters.labels = p.label;
  if (p.min_severity !== undefined) filters.min_severity = p.min_severity;
  if (p.target?.length) filters.targets = p.target;
  if (p.source?.length) filters.sources = p.source;
  if (p.lang?.length) filters.langs = p.lang;
  if (p.country?.length) filters.countries = p.country.map((c) => c.toUpperCase());
  if (p.from) filters.from = p.from;
  if (p.to) filters.to = p.to;
  if (p.deleted !== undefined) filters.deleted = p.deleted;
  return { query, filters };
}

/** Builds the store request for a validated search. */
export function toSearchRequest(p: SearchParams): SearchRequest {
  const { query, filters } = toFilters(p);
  return {
    query,
    filters,
    sort: p.sort ?? (query ? 'relevance' : 'date'),
    collapse: p.collapse,
    size: p.size,
    facets: p.facets,
    ...(p.cursor ? { cursor: p.cursor } : {}),
  };
}
