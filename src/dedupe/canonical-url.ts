import { createHash } from 'node:crypto';

const TRACKING_PARAMS =
  /^(utm_\w+|fbclid|gclid|yclid|ysclid|mc_cid|mc_eid|_ga|_gl|igshid|ref|ref_src|from|share|amp|output|rss|spm|cmpid|icid|s_cid|tg|ncid)$/i;
const MOBILE_HOST = /^(m|mobile|amp|www)\./i;
const AMP_PATH = /(\/amp)(\/?$|\/(?=\?))|\.amp(?=$|\.html?$)|\/amp\.html?$/i;

/**
 * Canonicalises an article URL so that copies of the same page map to one key: lowercases the
 * scheme and host, drops `www.`, `m.` and `amp.` host prefixes, default ports, fragments, AMP
 * path suffixes, tracking parameters and trailing slashes (other ports are kept: they name another site), and sorts the remaining parameters.
 * Returns null for anything that is not an absolute http(s) URL.
 *
 * @example
 * canonicalizeUrl('https://m.Tengrinews.kz/news/x/amp/?utm_source=tg#top') // 'https://tengrinews.kz/news/x'
 */
export function canonicalizeUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.protocol = 'https:';
  url.hash = '';
  url.username = '';
  url.password = '';
  // URL drops the scheme's default port itself; any other port names a different site and is kept.
  let host = url.hostname.toLowerCase();
  while (MOBILE_HOST.test(host) && host.split('.').length > 2) host = host.replace(MOBILE_HOST, '');
  url.hostname = host;
  const params = [...url.searchParams.entries()].filter(([k]) => !TRACKING_PARAMS.test(k));
  params.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  url.search = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  let path = url.pathname.replace(AMP_PATH, (_m, _amp, tail) => tail ?? '').replace(/\/{2,}/g, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  url.pathname = path || '/';
  const out = url.toString();
  return url.pathname === '/' && !url.search ? out.replace(/\/$/, '') : out;
}

/**
 * The stable id of an article: a hex digest of its canonical URL, so storing the same
 * article twice is idempotent across runs, processes and adapters.
 *
 * @example
 * articleId('https://t.me/s/tengrinews/123') === articleId('https://t.me/tengrinews/123') // false: pass canonical URLs
 */
export function articleId(canonicalUrl: string): string {
  return createHash('sha256').update(canonicalUrl).digest('hex').slice(0, 24);
}

/**
 * The id under which a crawled URL is stored: the one rule shared by the crawler (to skip stored
 * articles before fetching), the queue (job ids) and the pipeline (article ids). It keys on the URL
 * the crawler requested, so a redirect or a page's own canonical link cannot change it.
 *
 * @example
 * documentKey('https://m.orda.kz/a/?utm_source=tg') === documentKey('https://orda.kz/a') // true
 */
export function documentKey(url: string): string {
  return articleId(canonicalizeUrl(url) ?? url);
}

/** The canonical URL of a Telegram post, whichever form (t.me/s/…, t.me/…) it was seen in. */
export function telegramPostUrl(channel: string, postId: number): string {
  return `https://t.me/${channel.toLowerCase()}/${postId}`;
}
