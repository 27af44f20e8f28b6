interface Rule {
  allow: boolean;
  pattern: RegExp;
  length: number;
}

/** The rules of one robots.txt that apply to a given user agent. */
export interface RobotsRules {
  isAllowed(url: string): boolean;
  sitemaps: string[];
}

export const ALLOW_ALL: RobotsRules = { isAllowed: () => true, sitemaps: [] };
export const DISALLOW_ALL: RobotsRules = { isAllowed: () => false, sitemaps: [] };

function toPattern(path: string): RegExp {
  const anchored = path.endsWith('$');
  const body = (anchored ? path.slice(0, -1) : path)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

/**
 * Parses robots.txt for one user agent: the group naming the agent's product token (e.g. `kuzetbot`)
 * wins over `*`; within it the longest matching Allow/Disallow rule decides, Allow winning ties.
 *
 * @example
 * parseRobotsTxt('User-agent: *\nDisallow: /private/', 'KuzetBot/0.1').isAllowed('https://x.kz/private/a'); // false
 */
export function parseRobotsTxt(text: string, userAgent: string): RobotsRules {
  const token = userAgent.split('/')[0].trim().toLowerCase();
  const groups: Array<{ agents: string[]; rules: Rule[] }> = [];
  const sitemaps: string[] = [];
  let current: { agents: string[]; rules: Rule[] } | null = null;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r?\n|\r/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon < 1) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'sitemap') {
      if (value) sitemaps.push(value);
    } else if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    } else if ((key === 'allow' || key === 'disallow') && current) {
      if (value) current.rules.push({ allow: key === 'allow', pattern: toPattern(value), length: value.length });
    }
    lastWasAgent = false;
  }
  const named = groups.filter((g) => g.agents.some((a) => a !== '*' && a === token));
  const chosen = named.length ? named : groups.filter((g) => g.agents.includes('*'));
  const rules = chosen.flatMap((g) => g.rules);
  return {
    sitemaps,
    isAllowed(url: string): boolean {
      let target: string;
      try {
        const parsed = new URL(url);
        target = decodeURIComponent(parsed.pathname) + parsed.search;
      } catch {
        return true;
      }
      let best: Rule | undefined;
      for (const rule of rules) {
        if (!rule.pattern.test(target)) continue;
        if (!best || rule.length > best.length || (rule.length === best.length && rule.allow)) best = rule;
      }
      return best ? best.allow : true;
    },
  };
}

/**
 * robots.txt per origin, fetched once per crawl run. A missing file (4xx) means everything is allowed; an
 * unreachable one (network error, 5xx) means nothing is, as RFC 9309 asks, reported through `onError`: the
 * origin is tried again next crawl.
 */
export class RobotsCache {
  private readonly byOrigin = new Map<string, Promise<RobotsRules>>();
  /** Why an origin's robots.txt could not be read, for origins where it could not. */
  private readonly unreadable = new Map<string, string>();

  constructor(
    private readonly fetchText: (url: string) => Promise<{ status: number; text: string }>,
    private readonly userAgent: string,
    private readonly onError: (origin: string, reason: string) => void,
  ) {}

  async isAllowed(url: string): Promise<boolean> {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return false;
    }
    let rules = this.byOrigin.get(origin);
    if (!rules) {
      rules = this.load(origin);
      this.byOrigin.set(origin, rules);
    }
    return (await rules).isAllowed(url);
  }

  private async load(origin: string): Promise<RobotsRules> {
    try {
      const { status, text } = await this.fetchText(`${origin}/robots.txt`);
      if (status >= 200 && status < 300) return parseRobotsTxt(text, this.userAgent);
      if (status >= 500) return this.disallow(origin, `robots.txt answered ${status}`);
      return ALLOW_ALL;
    } catch (err) {
      return this.disallow(origin, `robots.txt unreachable (${(err as Error).message})`);
    }
  }

  /** Why `url` is refused when its origin's robots.txt could not be read; null otherwise. */
  whyRefused(url: string): string | null {
    try {
      return this.unreadable.get(new URL(url).origin) ?? null;
    } catch {
      return null;
    }
  }

  private disallow(origin: string, why: string): RobotsRules {
    const reason = `${why}; nothing on this origin is crawled until it answers`;
    this.unreadable.set(origin, reason);
    this.onError(origin, reason);
    return DISALLOW_ALL;
  }
}
