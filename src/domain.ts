/**
 * The records that flow through Kuzet: sources → crawl → extract → dedupe → classify → store.
 * Every stage reads and writes these shapes; field names are the ones the API returns.
 */

/** Languages Kuzet identifies (ISO 639-1), `und` when unknown. */
export const LANGS = ['ru', 'kk', 'en', 'uz', 'ky', 'tg', 'und'] as const;
export type Lang = (typeof LANGS)[number];

export const LABELS = ['xenophobic', 'migration_policy', 'counter_speech'] as const;
export type Label = (typeof LABELS)[number];

export type SourceKind = 'news' | 'telegram';

/** A source definition, as loaded and validated from a file in crawlers/. */
export interface Source {
  id: string;
  name: string;
  kind: SourceKind;
  homepage?: string;
  /** RSS 2.0, Atom or RDF feed URLs. */
  feeds: string[];
  /** Sitemap, sitemap index or news sitemap URLs. */
  sitemaps: string[];
  /** Listing pages whose article links are followed (one level). */
  listings: string[];
  /** Telegram channel name (without @) for kind `telegram`. */
  channel?: string;
  /** Expected languages, most likely first. */
  languages: Lang[];
  /** ISO 3166-1 alpha-2 country code. */
  country: string;
  /** How often to crawl, e.g. `30m`, `2h`, `1d`. */
  schedule: string;
  /** Only article URLs matching this regexp are fetched (optional). */
  article_url_pattern?: string;
  /** CSS selectors that win over the generic extractor. */
  selectors?: { title?: string; body?: string; date?: string; author?: string };
  /** Max items taken from feeds/sitemaps/pages per crawl. */
  max_items: number;
  /**
   * Feed items and sitemap URLs read per crawl (the newest kept); past it a crawl reads no more and says so.
   * Absent: the `maxListedUrls` crawl setting (`KUZET_MAX_LISTED_URLS`).
   */
  max_listed_urls?: number;
  /** Sent instead of the configured User-Agent, for hosts that answer a name containing "Bot" with HTML. */
  user_agent?: string;
  enabled: boolean;
  /** Keep the raw pages of this source's items (default on; see README, Evidence). */
  capture?: boolean;
  /** The file it was loaded from. */
  file?: string;
}

export interface SourceHealth {
  source_id: string;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  items_found: number;
  items_new: number;
  errors: number;
  consecutive_failures: number;
  /** When the crawl in progress started, null when none is; old means stuck (its worker died holding it). */
  crawling_since: string | null;
  /** How the last crawl attempt ended: skipped means another crawl of the source was still running. */
  last_outcome: CrawlOutcome | null;
  /** Why the last attempt was cut short or skipped, or what limited a finished one (the URL cap). */
  last_note: string | null;
  last_skipped_at: string | null;
  /** Attempts skipped because another crawl of the source held it. */
  skipped: number;
}

export type CrawlOutcome = 'ok' | 'failed' | 'cut_short' | 'skipped';

export type SourceWithHealth = Source & { health: SourceHealth };

/** One span of text that explains a classification; offsets index `classifiedText(article)`. */
export interface Evidence {
  start: number;
  end: number;
  text: string;
  /** Lexicon entry id. */
  entry: string;
  category: string;
}

export interface Classification {
  xenophobic: boolean;
  xenophobia_score: number;
  /** 0 none; 1 derogatory or stereotyping; 2 dehumanising or collective blame; 3 calls for violence or expulsion. */
  severity: 0 | 1 | 2 | 3;
  migration_policy: boolean;
  migration_policy_score: number;
  counter_speech: boolean;
  targets: string[];
  /** Sentiment toward migrants, -1..1. */
  sentiment: number;
  evidence: Evidence[];
  classifier_version: string;
}

export interface TelegramMeta {
  channel: string;
  post_id: number;
  views: number | null;
  forwarded_from: string | null;
  links: string[];
}

/** A capture kept of the page an item was read from (see evidence/port.ts). */
export interface CaptureRef {
  id: string;
  /** `sha256:<hex>` of the body as served. */
  digest: string;
  fetched_at: string;
  status: number;
  url: string;
}

/** An earlier version of an edited article or post, kept when the text changed. */
export interface ArticleVersion {
  title: string;
  text: string;
  /** When this version was fetched. */
  fetched_at: string;
  /** When a different version was first seen. */
  replaced_at: string;
  /** The capture this version was read from, if kept. */
  capture_id: string | null;
}

/**
 * What Kuzet keeps as evidence about a stored item. Every field is optional, so articles stored before
 * evidence was kept read back unchanged.
 */
export interface ArticleEvidenceFields {
  /** When the item was found gone: its URL answered 404/410, or the post vanished from its channel's preview. */
  deleted_at?: string | null;
  /** Why it counts as deleted, e.g. `HTTP 410` or `missing from the channel preview`. */
  deleted_reason?: string | null;
  /** When a changed text was last seen. */
  edited_at?: string | null;
  /** Earlier versions, oldest first. */
  versions?: ArticleVersion[];
  /** Captures of the pages this item was read from, oldest first. */
  captures?: CaptureRef[];
  /** The extractor that produced title and text (see extract/version.ts). */
  extractor_version?: string | null;
}

/** What the crawl and extract stages produce: one fetched item, before dedupe and classification. */
export interface CrawledDocument {
  source_id: string;
  url: string;
  kind: 'article' | 'telegram_post';
  title: string;
  text: string;
  published_at: string | null;
  author: string | null;
  canonical_url: string | null;
  lang: Lang;
  fetched_at: string;
  telegram?: TelegramMeta;
  /** The capture of the page the document was read from, when capture is on. */
  capture?: CaptureRef | null;
  extractor_version?: string | null;
}

/** A stored article or post. `id` is derived from the canonical URL, so storing twice is idempotent. */
export interface Article extends ArticleEvidenceFields {
  id: string;
  source_id: string;
  kind: 'article' | 'telegram_post';
  url: string;
  canonical_url: string;
  title: string;
  text: string;
  published_at: string | null;
  fetched_at: string;
  author: string | null;
  lang: Lang;
  country: string | null;
  /** sha256 of normalised text. */
  content_hash: string;
  /** MinHash signature of the text (see dedupe/minhash.ts), 256 hex chars. */
  minhash: string;
  /** Id of the near-duplicate cluster (the id of its first article). */
  cluster_id: string;
  telegram: TelegramMeta | null;
  classification: Classification | null;
}

/** An article without its text and MinHash signature: what exports and counts read. */
export type ArticleSummary = Omit<Article, 'text' | 'minhash'>;

/** The text the classifier sees and evidence offsets point into. */
export function classifiedText(a: Pick<Article, 'title' | 'text'>): string {
  return a.title ? `${a.title}\n\n${a.text}` : a.text;
}

const EVIDENCE_KEYS = [
  'deleted_at',
  'deleted_reason',
  'edited_at',
  'versions',
  'captures',
  'extractor_version',
] as const satisfies ReadonlyArray<keyof ArticleEvidenceFields>;

/** The evidence fields an article has set, or null when none (stores keep them as one JSON value). */
export function evidenceOf(a: ArticleEvidenceFields): ArticleEvidenceFields | null {
  const out: Record<string, unknown> = {};
  for (const key of EVIDENCE_KEYS) if (a[key] !== undefined) out[key] = a[key];
  return Object.keys(out).length ? (out as ArticleEvidenceFields) : null;
}
