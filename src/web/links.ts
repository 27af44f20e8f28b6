/**
 * Builds a same-origin link from the current URL: sets, replaces or deletes parameters and
 * drops empty ones. Values are strings or lists (written as repeated parameters).
 *
 * @example
 * link(url, '/trends', { cursor: null, label: ['xenophobic'] }) // '/trends?q=...&label=xenophobic'
 */
export function link(
  current: URL,
  path: string,
  changes: Record<string, string | string[] | null> = {},
  keep?: string[],
): string {
  const params = new URLSearchParams();
  for (const [key, value] of current.searchParams) {
    if (value === '' || key in changes || (keep && !keep.includes(key))) continue;
    params.append(key, value);
  }
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) if (v !== '') params.append(key, v);
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export { FILTER_KEYS } from '../api/params.js';

/** All values of a list parameter, commas split. */
export function listParam(url: URL, key: string): string[] {
  return url.searchParams
    .getAll(key)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}
