/**
 * Kuzet's own query structure. User queries are parsed into it (see parse.ts) and every store
 * adapter translates it to its native form; raw user strings never reach a store's query parser.
 */
export type QueryNode =
  | { type: 'term'; value: string; prefix?: boolean }
  | { type: 'phrase'; terms: string[] }
  | { type: 'and'; children: QueryNode[] }
  | { type: 'or'; children: QueryNode[] }
  | { type: 'not'; child: QueryNode };

export interface SearchFilters {
  labels?: Array<'xenophobic' | 'migration_policy' | 'counter_speech'>;
  min_severity?: number;
  targets?: string[];
  sources?: string[];
  langs?: string[];
  countries?: string[];
  /** ISO date or datetime, inclusive. */
  from?: string;
  /** ISO date or datetime, inclusive (a bare date covers the whole day). */
  to?: string;
  /** Only these article ids (the review filters resolve to id lists; see review/filters.ts). */
  ids?: string[];
  /** None of these article ids. */
  exclude_ids?: string[];
  /** true: only items found deleted at their source; false: only items not found deleted. */
  deleted?: boolean;
  /**
   * Only the head of each near-duplicate cluster (its first article, whose id names the cluster): what a collapsed
   * search, export or time series selects. Set by the stores from `collapse`, not an API parameter.
   */
  cluster_heads?: true;
}

export interface SearchRequest {
  query: QueryNode | null;
  filters: SearchFilters;
  sort: 'relevance' | 'date';
  /** Keep one article per near-duplicate cluster. */
  collapse: boolean;
  size: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
  facets: boolean;
}

export interface Highlight {
  /** Snippet with query matches wrapped in <mark>…</mark>; everything else HTML-escaped. */
  snippet: string;
}

export interface SearchHit {
  id: string;
  score: number;
  /** Offsets [start,end) of query-term matches in classifiedText(article). */
  matches: Array<[number, number]>;
}

export interface FacetBucket {
  key: string;
  count: number;
}

export interface SearchResult {
  total: number;
  hits: Array<SearchHit & { article: import('../domain.js').Article }>;
  next_cursor: string | null;
  facets?: Record<'label' | 'lang' | 'source' | 'target' | 'severity' | 'country', FacetBucket[]>;
}

export type Interval = 'day' | 'week' | 'month';
export type SplitBy = 'label' | 'source' | 'lang' | 'target';

export interface TimeseriesRequest {
  query: QueryNode | null;
  filters: SearchFilters;
  interval: Interval;
  split_by?: SplitBy;
}

/** One bucket of one series. Series are continuous: every bucket between from and to is present. */
export interface TimeseriesPoint {
  /** Bucket start, YYYY-MM-DD (UTC; weeks start on Monday). */
  bucket: string;
  /** Split key, or `all`. */
  series: string;
  /** Near-duplicate clusters whose head (first article) is in the slice: each cluster counted once. */
  count: number;
  /** Of those, the clusters whose head is flagged xenophobic. */
  flagged: number;
  /** flagged / count over the same slice without the label filter; null when nothing was published in it. */
  flagged_share: number | null;
  /** Mean sentiment toward migrants over the classified cluster heads, null when none. */
  mean_sentiment: number | null;
}
