/**
 * The records of human review: people who may sign in, their sessions, and their verdicts on articles.
 * Field names are the ones the API and the review export use.
 */
import type { Label, Lang } from '../domain.js';

export const ROLES = ['viewer', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A person who may sign in. `id` is the lower-case user name. */
export interface User {
  id: string;
  role: Role;
  /** scrypt hash of the password (see auth/password.ts). */
  password_hash: string;
  /** sha256 of the API token's secret part. */
  token_hash: string;
  disabled: boolean;
  created_at: string;
}

/** A signed-in browser. Stored by the sha256 of the cookie value, never the value itself. */
export interface Session {
  id_hash: string;
  user_id: string;
  /** Sent back in every form; a POST without it is refused. */
  csrf: string;
  created_at: string;
  expires_at: string;
}

/** Labels, severity and target groups: what the classifier says and what a reviewer confirms or corrects. */
export interface Verdict {
  xenophobic: boolean;
  migration_policy: boolean;
  counter_speech: boolean;
  severity: 0 | 1 | 2 | 3;
  targets: string[];
}

/** One reviewer's verdict on one article; a later review by the same reviewer replaces theirs. */
export interface Review {
  id: string;
  article_id: string;
  reviewer_id: string;
  created_at: string;
  /** The classifier version and verdict the reviewer saw (null when the article was not classified). */
  classifier_version: string | null;
  machine: Verdict | null;
  verdict: Verdict;
  note: string | null;
  /** The article's language, for agreement per language. */
  lang: Lang;
  /** Whether the article belongs to the random stream sample (see review/sample.ts). */
  stream_sample: boolean;
}

/** Who reviews which queued article: at most `slots` reviewers per article, one slot each. */
export interface Assignment {
  article_id: string;
  reviewer_id: string;
  slot: number;
  assigned_at: string;
}

export const VERDICT_LABELS: readonly Label[] = ['xenophobic', 'migration_policy', 'counter_speech'];
