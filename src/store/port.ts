import type { Article, ArticleSummary, Classification, Source, SourceHealth, SourceWithHealth } from '../domain.js';
import type { Assignment, Review, Session, User } from '../review/types.js';
import type {
  SearchFilters,
  SearchRequest,
  SearchResult,
  TimeseriesPoint,
  TimeseriesRequest,
} from '../search/query.js';

/** A candidate for near-duplicate clustering, found by sharing a MinHash band. */
export interface ClusterCandidate {
  id: string;
  minhash: string;
  cluster_id: string;
}

export interface HealthUpdate {
  source_id: string;
  at: string;
  /**
   * What happened: a crawl `started`, was `skipped` (another crawl held the source) or was `cut_short`
   * (shutdown, a lost lease); when absent, a crawl finished, successfully when `ok`.
   */
  event?: 'started' | 'skipped' | 'cut_short';
  ok: boolean;
  items_found: number;
  items_new: number;
  error?: string;
  /** What limited a crawl that finished (it listed more URLs than the crawl's cap), kept as `last_note`. */
  note?: string;
}

/** People who may sign in. */
export interface UserStore {
  /** Throws StoreConflictError when the id is taken. */
  addUser(user: User): Promise<void>;
  /** Replaces a stored user (role, hashes, disabled). */
  updateUser(user: User): Promise<void>;
  getUser(id: string): Promise<User | null>;
  /** All users by id. */
  listUsers(): Promise<User[]>;
}

/** Signed-in browsers, keyed by the hash of the cookie value. */
export interface SessionStore {
  putSession(session: Session): Promise<void>;
  getSession(idHash: string): Promise<Session | null>;
  deleteSession(idHash: string): Promise<void>;
  /** Signs a user out everywhere (disable, reset). */
  deleteSessionsOf(userId: string): Promise<void>;
}

/** Reviewers' verdicts and who is assigned which article. */
export interface ReviewStore {
  /** Stores one review under its own id: reviews saved at the same moment are all kept. */
  addReview(review: Review): Promise<void>;
  /** Every review of the given articles, oldest first. */
  reviewsOf(articleIds: string[]): Promise<Review[]>;
  /** Every review, oldest first, in batches (stats, export, review filters). */
  scanReviews(batchSize: number): AsyncIterable<Review[]>;
  /**
   * Gives the reviewer one of the article's `slots` places unless others hold them all; true when the reviewer
   * holds one afterwards (also when they already did). Two reviewers asking at once never share a slot.
   */
  assign(articleId: string, reviewerId: string, slots: number, at: string): Promise<boolean>;
  /** Assignments of the given articles. */
  assignmentsOf(articleIds: string[]): Promise<Assignment[]>;
}

/**
 * The storage port. Two adapters implement it (store/sqlite, store/elasticsearch) and
 * test/store/contract.ts runs the same suite against both.
 */
/** A new classification for one stored article. */
export interface ClassificationUpdate {
  id: string;
  classification: Classification;
}

export interface ArticleStore extends UserStore, SessionStore, ReviewStore {
  readonly name: string;
  /** Create schema/indices and run migrations; safe to call twice. */
  init(): Promise<void>;
  close(): Promise<void>;

  upsertSources(sources: Source[]): Promise<void>;
  listSources(): Promise<SourceWithHealth[]>;
  recordHealth(update: HealthUpdate): Promise<SourceHealth>;

  /** Insert or replace by id. `created` is false when the id already existed. */
  putArticle(article: Article): Promise<{ created: boolean }>;
  /** Many articles in one write (a transaction, a bulk request), each as `putArticle` would store it. */
  putArticles(articles: Article[]): Promise<Array<{ created: boolean }>>;
  getArticle(id: string): Promise<Article | null>;
  /** Ids of articles already stored, of those given. */
  existingIds(ids: string[]): Promise<Set<string>>;
  findByContentHash(hash: string): Promise<ClusterCandidate | null>;
  /** Articles sharing any of the given MinHash band keys (see dedupe/minhash.ts `bands`). */
  findBandCandidates(bands: string[], limit: number): Promise<ClusterCandidate[]>;
  clusterMembers(clusterId: string, limit: number): Promise<Article[]>;
  /**
   * Replaces the classification (and the labels, severity, sentiment and targets derived from it) of stored
   * articles, in one transaction or bulk request; an id not stored fails the call, naming it (Elasticsearch keeps
   * the others of the batch). Text and search terms are untouched.
   */
  setClassifications(updates: ClassificationUpdate[]): Promise<void>;
  /** All articles matching the filters (or all), in id order, in batches; for export and reclassify. */
  scan(filters: SearchFilters | null, batchSize: number, query?: SearchRequest['query']): AsyncIterable<Article[]>;
  /** As `scan`, without each article's text and MinHash signature: far less to read for an export. */
  scanSummaries(
    filters: SearchFilters | null,
    batchSize: number,
    query?: SearchRequest['query'],
  ): AsyncIterable<ArticleSummary[]>;
  count(): Promise<number>;

  search(request: SearchRequest): Promise<SearchResult>;
  timeseries(request: TimeseriesRequest): Promise<TimeseriesPoint[]>;

  /** Small key/value state for crawling: ETags, Last-Modified, last Telegram post id. */
  getState(key: string): Promise<string | null>;
  setState(key: string, value: string): Promise<void>;
  /** Makes recent writes visible to search (no-op where writes are immediate). */
  refresh(): Promise<void>;
}
