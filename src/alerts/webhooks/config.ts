/** Webhook subscriptions: a YAML file the operator writes (KUZET_WEBHOOKS_FILE), secrets read from the environment. */
import { readFile } from 'node:fs/promises';
import YAML from 'yaml';
import { z } from 'zod';
import { ApiError } from '../../api/errors.js';
import { filterParams, readParams, toFilters } from '../../api/params.js';
import type { SearchFilters } from '../../search/query.js';
import { type AnalyzedQuery, analyzeQuery } from '../../store/analyzed-query.js';

export interface Webhook {
  id: string;
  url: string;
  secret: string;
  /** The saved search, analysed once. */
  query: AnalyzedQuery | null;
  filters: SearchFilters;
}

const MIN_SECRET = 16;
const searchValue = z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]);
const FileSchema = z.strictObject({
  webhooks: z.array(
    z.strictObject({
      id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { error: 'must be lower-case letters, digits, - or _' }),
      url: z
        .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
        .refine((u) => !new URL(u).username && !new URL(u).password, {
          error: 'must not hold a user name or password (the signature authenticates Kuzet)',
        }),
      secret_env: z.string().regex(/^[A-Z][A-Z0-9_]*$/, { error: 'must name an environment variable' }),
      search: z.record(z.string(), searchValue).default({}),
    }),
  ),
});

export class WebhookConfigError extends Error {
  override name = 'WebhookConfigError';
}

const filterSchema = z.strictObject(filterParams);

function savedSearch(search: Record<string, z.infer<typeof searchValue>>): {
  query: AnalyzedQuery | null;
  filters: SearchFilters;
} {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search))
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v));
  const { query, filters } = toFilters(readParams(new URL(`http://saved/?${params}`), filterSchema));
  return { query: analyzeQuery(query), filters };
}

/**
 * Reads and checks the webhooks file: each entry's URL, the secret in the environment variable it names (16
 * characters or more), and its search (the filters and query of /api/feed). Throws WebhookConfigError naming the
 * file, the entry and the field.
 *
 * @example
 * const hooks = await loadWebhooks('webhooks.yaml', process.env);
 */
export async function loadWebhooks(file: string, env: NodeJS.ProcessEnv): Promise<Webhook[]> {
  const fail = (where: string, message: string) => new WebhookConfigError(`${file}: ${where}: ${message}`);
  let raw: unknown;
  try {
    raw = YAML.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw fail('cannot read', (error as Error).message);
  }
  const parsed = FileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fail(issue.path.join('.') || 'file', issue.message);
  }
  const seen = new Set<string>();
  return parsed.data.webhooks.map((entry) => {
    const where = `webhook ${entry.id}`;
    if (seen.has(entry.id)) throw fail(where, 'the id is used twice');
    seen.add(entry.id);
    const secret = env[entry.secret_env] ?? '';
    if (secret.length < MIN_SECRET)
      throw fail(where, `set ${entry.secret_env} in the environment to a secret of ${MIN_SECRET} characters or more`);
    try {
      return { id: entry.id, url: entry.url, secret, ...savedSearch(entry.search) };
    } catch (error) {
      if (error instanceof ApiError) throw fail(where, `search.${error.message}`);
      throw error;
    }
  });
}
