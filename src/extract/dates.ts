const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  янв: 1,
  фев: 2,
  мар: 3,
  апр: 4,
  мая: 5,
  май: 5,
  июн: 6,
  июл: 7,
  авг: 8,
  сен: 9,
  окт: 10,
  ноя: 11,
  дек: 12,
  қаң: 1,
  ақп: 2,
  нау: 3,
  сәу: 4,
  мам: 5,
  мау: 6,
  шіл: 7,
  там: 8,
  қыр: 9,
  қаз: 10,
  қар: 11,
  жел: 12,
};

function build(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, zone?: string): string | null {
  if (y < 1990 || y > new Date().getUTCFullYear() + 1 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  if (h > 23 || mi > 59 || s > 60) return null;
  let ms = Date.UTC(y, mo - 1, d, h, mi, s);
  if (zone && zone !== 'Z' && zone !== 'z') {
    const m = zone.match(/([+-])(\d{2}):?(\d{2})?/);
    if (m) ms -= (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60_000;
  }
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const ISO =
  /(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?(?:\d{2})?)?)?/i;
const DOTTED = /\b(\d{1,2})[./](\d{1,2})[./](\d{4})(?:,?\s+(?:в\s+)?(\d{1,2}):(\d{2}))?/;
const WORDY = /\b(\d{1,2})\s+([\p{L}]{3,})\.?,?\s+(\d{4})(?:\s*(?:г\.?|ж\.?|жыл\S*)?,?\s*(?:в\s+)?(\d{1,2}):(\d{2}))?/u;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?/;

/**
 * Parses a date as published in meta tags, JSON-LD, `<time>` or page text into ISO 8601 (UTC).
 * Times without an offset are taken as UTC. Returns null for anything unparseable or implausible.
 *
 * @example
 * normaliseDate('2024-05-17T10:30:00+05:00'); // '2024-05-17T05:30:00.000Z'
 * normaliseDate('17 мая 2024, 10:30');        // '2024-05-17T10:30:00.000Z'
 */
export function normaliseDate(raw: string | null | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  let m = value.match(ISO);
  if (m) return build(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), m[7]);
  m = value.match(DOTTED);
  if (m) return build(+m[3], +m[2], +m[1], +(m[4] ?? 0), +(m[5] ?? 0));
  m = value.match(WORDY);
  if (m) {
    const month = MONTHS[m[2].slice(0, 3).toLowerCase()];
    if (month) return build(+m[3], month, +m[1], +(m[4] ?? 0), +(m[5] ?? 0));
  }
  m = value.match(COMPACT);
  if (m) return build(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  const parsed = /^\d{10}$/.test(value)
    ? Number(value) * 1000
    : /[a-z]{3}/i.test(value)
      ? Date.parse(value)
      : Number.NaN;
  if (Number.isNaN(parsed)) return null;
  const date = new Date(parsed);
  return build(
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  );
}

/** A publication date written into the URL path: /2024/05/17/, /2024-05-17-, /20240517/. */
export function dateFromUrl(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  const m =
    path.match(/(?:^|[/_-])((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?=$|[/_.-])/) ??
    path.match(/\/((?:19|20)\d{2})(\d{2})(\d{2})(?=$|[/_.-])/);
  return m ? build(+m[1], +m[2], +m[3]) : null;
}
