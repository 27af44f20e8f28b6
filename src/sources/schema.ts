import { z } from 'zod';
import { LANGS } from '../domain.js';
import { isValidSchedule } from './schedule.js';

const httpUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'Invalid URL (expected an absolute http:// or https:// address)');

const regexp = z.string().refine((value) => {
  try {
    new RegExp(value);
    return true;
  } catch {
    return false;
  }
}, 'Invalid regular expression');

const selectors = z.strictObject({
  title: z.string().min(1).optional(),
  body: z.string().min(1).optional(),
  date: z.string().min(1).optional(),
  author: z.string().min(1).optional(),
});

/**
 * One source file in crawlers/, before defaults. Unknown keys are errors, so a typo such as
 * `feed:` for `feeds:` is reported instead of silently ignored. `id` defaults to the file name.
 */
export const SourceFileSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'id may contain only lowercase letters, digits and "-"')
      .optional(),
    name: z.string().trim().min(1, 'name is required'),
    kind: z.enum(['news', 'telegram']).default('news'),
    homepage: httpUrl.optional(),
    feeds: z.array(httpUrl).default([]),
    sitemaps: z.array(httpUrl).default([]),
    listings: z.array(httpUrl).default([]),
    channel: z
      .string()
      .trim()
      .transform((c) => c.replace(/^@/, '').replace(/^https?:\/\/t\.me\/(s\/)?/, ''))
      .pipe(z.string().regex(/^[A-Za-z0-9_]{3,64}$/, 'channel must be a public Telegram channel name, e.g. tengrinews'))
      .optional(),
    languages: z.array(z.enum(LANGS)).default([]),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'country must be an ISO 3166-1 alpha-2 code, e.g. KZ')
      .transform((c) => c.toUpperCase())
      .default('KZ'),
    schedule: z
      .string()
      .refine(isValidSchedule, 'Invalid schedule (use a number and a unit: 30m, 2h, 1d; at least 1m)')
      .default('1h'),
    article_url_pattern: regexp.optional(),
    selectors: selectors.optional(),
    max_items: z.number().int().positive().max(10_000).default(100),
    max_listed_urls: z.number().int().positive().max(1_000_000).optional(),
    user_agent: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .regex(/^[\x20-\x7e]+$/, 'user_agent must be printable ASCII on one line')
      .optional(),
    enabled: z.boolean().default(true),
    capture: z.boolean().optional(),
    note: z.string().optional(),
  })
  .superRefine((source, ctx) => {
    if (source.kind === 'telegram' && !source.channel) {
      ctx.addIssue({ code: 'custom', path: ['channel'], message: 'a telegram source needs a channel' });
    }
    if (source.kind === 'news' && source.feeds.length + source.sitemaps.length + source.listings.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['feeds'],
        message: 'a news source needs at least one of feeds, sitemaps or listings',
      });
    }
  });

export type SourceFile = z.infer<typeof SourceFileSchema>;

/** Keys a source file may contain, for "did you mean" hints. */
export const SOURCE_KEYS = Object.keys(SourceFileSchema.shape);
