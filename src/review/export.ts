/**
 * Reviewed articles in the labelled-corpus format (lexicons/corpus/README.md), so `kuzet train --with-reviews` and
 * `kuzet eval` read them. Reviewer ids are replaced by keyed pseudonyms; articles whose reviewers are split are left
 * out until someone settles them.
 */
import { createHmac } from 'node:crypto';
import { randomSecret } from '../auth/secrets.js';
import { classifiedText } from '../domain.js';
import type { ArticleStore } from '../store/port.js';
import { allReviews } from './load.js';
import { byArticle, humanVerdict, latestPerReviewer } from './verdict.js';

const KEY_STATE = 'review:pseudonym-key';

/** The store's pseudonym key, made on first use: the same reviewer gets the same pseudonym in every export. */
async function pseudonymKey(store: ArticleStore): Promise<string> {
  const existing = await store.getState(KEY_STATE);
  if (existing) return existing;
  const key = randomSecret();
  await store.setState(KEY_STATE, key);
  return key;
}

export interface ExportSummary {
  written: number;
  /** Reviewed articles whose reviewers are split. */
  disputed: number;
  /** Reviewed articles no longer in the store. */
  missing: number;
}

/**
 * Writes one corpus line per reviewed article with a settled verdict, in article id order.
 *
 * @example
 * const summary = await exportReviews(store, (line) => out.write(line));
 */
export async function exportReviews(
  store: ArticleStore,
  write: (line: string) => void | Promise<void>,
): Promise<ExportSummary> {
  const key = await pseudonymKey(store);
  const pseudonym = (id: string) => `r-${createHmac('sha256', key).update(id).digest('hex').slice(0, 12)}`;
  const grouped = [...byArticle(await allReviews(store))].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const summary: ExportSummary = { written: 0, disputed: 0, missing: 0 };
  for (const [articleId, reviews] of grouped) {
    const human = humanVerdict(reviews);
    if (!human?.verdict) {
      summary.disputed++;
      continue;
    }
    const article = await store.getArticle(articleId);
    if (!article) {
      summary.missing++;
      continue;
    }
    const latest = latestPerReviewer(reviews);
    const v = human.verdict;
    const line = {
      id: `review-${article.id}`,
      lang: article.lang,
      text: classifiedText(article),
      xenophobic: v.xenophobic,
      severity: v.severity,
      migration_policy: v.migration_policy,
      counter_speech: v.counter_speech,
      targets: v.targets,
      case: 'review',
      source_id: article.source_id,
      url: article.url,
      reviewers: latest.map((r) => pseudonym(r.reviewer_id)).sort(),
      classifier_versions: [...new Set(latest.map((r) => r.classifier_version ?? 'none'))].sort(),
      reviewed_at: human.last_reviewed_at,
      stream_sample: latest.some((r) => r.stream_sample),
    };
    await write(`${JSON.stringify(line)}\n`);
    summary.written++;
  }
  return summary;
}
