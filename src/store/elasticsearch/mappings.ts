/** Index names and explicit mappings for the Elasticsearch adapter. */
import type { estypes } from '@elastic/elasticsearch';

export interface IndexNames {
  articles: string;
  sources: string;
  state: string;
  /** Dedupe keys (`hash:<content hash>`, `band:<MinHash band>`) read with realtime GETs. */
  keys: string;
  users: string;
  /** Signed-in browsers, by the hash of the cookie value. */
  sessions: string;
  reviews: string;
  /** Review assignments, one document per article and slot (`<article id>#<slot>`), created only once. */
  assignments: string;
}

/**
 * @example
 * indexNames('kuzet').articles; // 'kuzet-articles' (also -sources, -state, -keys)
 */
export function indexNames(prefix: string): IndexNames {
  return {
    articles: `${prefix}-articles`,
    sources: `${prefix}-sources`,
    state: `${prefix}-state`,
    keys: `${prefix}-keys`,
    users: `${prefix}-users`,
    sessions: `${prefix}-sessions`,
    reviews: `${prefix}-reviews`,
    assignments: `${prefix}-assignments`,
  };
}

const keyword = { type: 'keyword' } as const;
const stored = { type: 'keyword', index: false, doc_values: false } as const;
const storedText = { type: 'text', index: false } as const;
const opaque = { type: 'object', enabled: false } as const;
/** Tokens are analysed by Kuzet before indexing, so the index only splits on spaces. */
const analysedTokens = { type: 'text', analyzer: 'whitespace', similarity: 'BM25' } as const;

/** Article fields plus derived words, stems, date, labels, bands and cluster_head; unknown fields are kept but not indexed. */
export const ARTICLE_MAPPING: estypes.MappingTypeMapping = {
  dynamic: false,
  properties: {
    id: keyword,
    source_id: keyword,
    kind: keyword,
    url: stored,
    canonical_url: stored,
    title: storedText,
    text: storedText,
    published_at: stored,
    fetched_at: stored,
    author: stored,
    lang: keyword,
    country: keyword,
    content_hash: keyword,
    minhash: stored,
    cluster_id: keyword,
    /** true on the first article of each near-duplicate cluster: what collapsed searches and counts keep. */
    cluster_head: { type: 'boolean' },
    telegram: opaque,
    classification: {
      type: 'object',
      properties: {
        xenophobic: { type: 'boolean' },
        xenophobia_score: { type: 'float' },
        severity: { type: 'integer' },
        migration_policy: { type: 'boolean' },
        migration_policy_score: { type: 'float' },
        counter_speech: { type: 'boolean' },
        targets: keyword,
        sentiment: { type: 'float' },
        evidence: opaque,
        classifier_version: keyword,
      },
    },
    deleted_at: { type: 'date' },
    deleted_reason: stored,
    edited_at: stored,
    extractor_version: keyword,
    versions: opaque,
    captures: opaque,
    words: analysedTokens,
    stems: analysedTokens,
    date: { type: 'date' },
    labels: keyword,
    bands: keyword,
  },
};

export const SOURCE_MAPPING: estypes.MappingTypeMapping = {
  dynamic: false,
  properties: { id: keyword, source: opaque, health: opaque },
};

/**
 * One document per dedupe key, holding the first article that had it. Searches see writes only
 * after a refresh, but GET and mget are realtime, so two copies of a story crawled a moment apart
 * still join one cluster.
 */
export const KEYS_MAPPING: estypes.MappingTypeMapping = {
  dynamic: false,
  properties: { id: stored, minhash: stored, cluster_id: stored },
};

export const STATE_MAPPING: estypes.MappingTypeMapping = {
  dynamic: false,
  properties: { key: stored, value: stored },
};

export const USER_MAPPING: estypes.MappingTypeMapping = {
  dynamic: false,
  properties: { id: keyword, doc: opaque },
};

export const SESSION_MAPPING: estypes.MappingTypeMapping = {
  dynamic: false,
  properties: { user_id: keyword, doc: opaque },
};

/** Reviews in the order they were stored (`seq`, a timestamp with a random tie-break), searchable by article. */
export const REVIEW_MAPPING: estypes.MappingTypeMapping = {
  dynamic: false,
  properties: { id: keyword, article_id: keyword, created_at: keyword, doc: opaque },
};

export const ASSIGNMENT_MAPPING: estypes.MappingTypeMapping = {
  dynamic: false,
  properties: { article_id: keyword, reviewer_id: keyword, slot: { type: 'integer' }, assigned_at: stored },
};

/** Fields the adapter adds to an article document; they are stripped when reading it back. */
export const DERIVED_FIELDS = ['words', 'stems', 'date', 'labels', 'bands', 'cluster_head'] as const;
