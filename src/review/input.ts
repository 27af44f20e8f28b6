/** What a reviewer sends, validated the same way from the API's JSON and the web form. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Article } from '../domain.js';
import { inStreamSample } from './sample.js';
import type { Review, User } from './types.js';
import { machineVerdict } from './verdict.js';

export const MAX_NOTE = 2000;
const TARGET = /^[a-z][a-z_]{0,39}$/;

export const reviewInput = z
  .strictObject({
    xenophobic: z.boolean({ error: 'must be true or false' }),
    migration_policy: z.boolean({ error: 'must be true or false' }),
    counter_speech: z.boolean({ error: 'must be true or false' }),
    severity: z
      .number({ error: 'must be 0, 1, 2 or 3' })
      .int({ error: 'must be 0, 1, 2 or 3' })
      .min(0, { error: 'must be 0, 1, 2 or 3' })
      .max(3, { error: 'must be 0, 1, 2 or 3' }),
    targets: z
      .array(z.string().regex(TARGET, { error: 'target groups are lower-case words with _, like central_asian' }))
      .max(12, { error: 'at most 12 target groups' })
      .default([]),
    note: z
      .string()
      .max(MAX_NOTE, { error: `at most ${MAX_NOTE} characters` })
      .nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.xenophobic !== v.severity >= 1)
      ctx.addIssue({ code: 'custom', path: ['severity'], message: 'is 1–3 exactly when the text is xenophobic' });
    if (v.xenophobic && v.counter_speech)
      ctx.addIssue({ code: 'custom', path: ['counter_speech'], message: 'cannot be true together with xenophobic' });
  });
export type ReviewInput = z.output<typeof reviewInput>;

/** A problem with a review, naming the field. */
export class ReviewInputError extends Error {
  constructor(
    message: string,
    readonly param: string,
  ) {
    super(message);
  }
}

/**
 * Validates a review body; throws ReviewInputError naming the first bad field.
 *
 * @example
 * parseReview({ xenophobic: false, migration_policy: true, counter_speech: false, severity: 0, targets: [] })
 */
export function parseReview(body: unknown): ReviewInput {
  const parsed = reviewInput.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const param = issue.code === 'unrecognized_keys' ? issue.keys[0] : String(issue.path[0] ?? 'body');
  const message = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
  throw new ReviewInputError(`${param}: ${message}`, param);
}

/** The web form's fields (checkboxes, a severity select, comma-separated targets) as a review body. */
export function formToReview(form: Record<string, string | File | (string | File)[]>): unknown {
  const text = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : '');
  const severity = text('severity').trim();
  return {
    xenophobic: text('xenophobic') === 'on',
    migration_policy: text('migration_policy') === 'on',
    counter_speech: text('counter_speech') === 'on',
    severity: /^\d$/.test(severity) ? Number(severity) : severity,
    targets: text('targets')
      .split(/[,\s]+/)
      .map((t) => t.trim())
      .filter(Boolean),
    note: text('note').trim() || null,
  };
}

/**
 * The review record for a validated input: who, when, and the classifier version and verdict it was made against.
 *
 * @example
 * await store.addReview(newReview(article, user, parseReview(body)));
 */
export function newReview(article: Article, reviewer: User, input: ReviewInput, now = new Date()): Review {
  const c = article.classification;
  return {
    id: randomUUID(),
    article_id: article.id,
    reviewer_id: reviewer.id,
    created_at: now.toISOString(),
    classifier_version: c?.classifier_version ?? null,
    machine: machineVerdict(c),
    verdict: {
      xenophobic: input.xenophobic,
      migration_policy: input.migration_policy,
      counter_speech: input.counter_speech,
      severity: input.severity as 0 | 1 | 2 | 3,
      targets: [...new Set(input.targets)].sort(),
    },
    note: input.note ?? null,
    lang: article.lang,
    stream_sample: inStreamSample(article.id),
  };
}
