import { z } from 'zod';
import { LABELS, LANGS } from '../domain.js';

/** Response shapes, for the OpenAPI document. */
export const errorResponse = z.object({
  error: z.object({ status: z.number().int(), message: z.string(), param: z.string().optional() }),
});

export const healthResponse = z.object({
  status: z.literal('ok'),
  store: z.string(),
  articles: z.number().int(),
  version: z.string(),
});

const bucket = z.object({ key: z.string(), count: z.number().int() });

export const searchResponse = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      url: z.string(),
      source_id: z.string(),
      title: z.string(),
      published_at: z.string().nullable(),
      lang: z.enum(LANGS),
      labels: z.array(z.enum(LABELS)),
      severity: z.number().int().min(0).max(3).nullable(),
      targets: z.array(z.string()),
      sentiment: z.number().nullable(),
      classifier_version: z.string().nullable(),
      cluster_id: z.string(),
      highlights: z
        .object({ title: z.string(), snippet: z.string() })
        .describe(
          'HTML-escaped text with <mark class="q"> for query matches and <mark class="ev" data-category> for evidence',
        ),
      why: z.string().describe('Plain-text reason the article was flagged'),
    }),
  ),
  next_cursor: z.string().nullable(),
  facets: z
    .record(z.enum(['label', 'lang', 'source', 'target', 'severity', 'country']), z.array(bucket))
    .optional()
    .describe(
      "Per facet, the count of each value over the search without that facet's own filter, in the total's unit (clusters when collapsed): what selecting that value alone returns. Severity keys 1..3 count severity ≥ key, as min_severity does",
    ),
});

export const timeseriesResponse = z.object({
  interval: z.enum(['day', 'week', 'month']),
  split: z.string().nullable(),
  points: z
    .array(
      z.object({
        bucket: z.string(),
        series: z.string(),
        count: z.number().int(),
        flagged: z.number().int(),
        flagged_share: z.number().nullable(),
        mean_sentiment: z.number().nullable(),
      }),
    )
    .describe(
      'Every bucket from from (else the first article) to to (else the last), for every series; count 0 and flagged_share and mean_sentiment null where nothing was published',
    ),
});

export const sourcesResponse = z.object({
  total: z.number().int(),
  items: z.array(
    z
      .object({
        id: z.string(),
        name: z.string(),
        status: z.enum(['ok', 'stale', 'failing', 'pending', 'disabled']),
        health: z.object({}).loose(),
      })
      .loose(),
  ),
  rejected: z.array(z.object({ file: z.string(), field: z.string().optional(), message: z.string(), at: z.string() })),
});

export const articleResponse = z
  .object({ id: z.string(), title: z.string(), text: z.string(), classification: z.object({}).loose().nullable() })
  .loose();
