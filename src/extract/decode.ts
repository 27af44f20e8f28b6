import iconv from 'iconv-lite';

const BOMS: Array<[number[], string]> = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

const ALIASES: Record<string, string> = {
  'x-cp1251': 'windows-1251',
  cp1251: 'windows-1251',
  'win-1251': 'windows-1251',
  'x-user-defined': 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  utf8: 'utf-8',
};

/** Normalises a charset label; undefined when iconv-lite cannot decode it. */
export function normaliseCharset(label: string | undefined | null): string | undefined {
  if (!label) return undefined;
  const clean = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  const name = ALIASES[clean] ?? clean;
  return iconv.encodingExists(name) ? name : undefined;
}

/** Charset named in a Content-Type header value, e.g. `text/html; charset=windows-1251`. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const match = contentType?.match(/charset\s*=\s*["']?([\w.:-]+)/i);
  return normaliseCharset(match?.[1]);
}

/** Charset declared by `<meta charset>` or `<meta http-equiv="Content-Type">` in the first 4 KB. */
export function charsetFromMeta(body: Buffer): string | undefined {
  const head = body.subarray(0, 4096).toString('latin1');
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = tag.match(/\bcharset\s*=\s*["']?\s*([\w.:-]+)/i);
    if (direct) {
      const name = normaliseCharset(direct[1]);
      if (name) return name === 'utf-16le' || name === 'utf-16be' ? 'utf-8' : name;
    }
  }
  return undefined;
}

function isValidUtf8(body: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}

/** Guesses windows-1251 when most high bytes fall in its Cyrillic letter range, else windows-1252. */
function sniffSingleByte(body: Buffer): string {
  let high = 0;
  let cyrillic = 0;
  for (const byte of body) {
    if (byte < 0x80) continue;
    high++;
    if (byte >= 0xc0 || byte === 0xa8 || byte === 0xb8) cyrillic++;
  }
  return high > 0 && cyrillic / high > 0.6 ? 'windows-1251' : 'windows-1252';
}

/** The charset an HTML body is read in, and the length of its byte-order mark (0 when it has none). */
export interface BodyCharset {
  charset: string;
  bom: number;
}

/**
 * The charset of an HTML response body: a byte-order mark, then the HTTP header, then `<meta charset>` /
 * `<meta http-equiv>`, then sniffing (valid UTF-8, else windows-1251 or windows-1252).
 *
 * @example
 * htmlCharset(Buffer.from([0xcf, 0xf0, 0xe8]), 'text/html; charset=windows-1251'); // { charset: 'windows-1251', bom: 0 }
 */
export function htmlCharset(body: Buffer, contentType?: string): BodyCharset {
  if (!Buffer.isBuffer(body)) throw new TypeError('decodeHtml: body must be a Buffer; pass the raw response bytes');
  for (const [bytes, name] of BOMS) {
    if (bytes.every((b, i) => body[i] === b)) return { charset: name, bom: bytes.length };
  }
  let charset = charsetFromContentType(contentType) ?? charsetFromMeta(body);
  if (charset === 'utf-8' && !isValidUtf8(body) && !charsetFromContentType(contentType)) charset = undefined;
  if (!charset) charset = isValidUtf8(body) ? 'utf-8' : sniffSingleByte(body);
  return { charset, bom: 0 };
}

/**
 * Decodes an HTML response body in the charset `htmlCharset` finds.
 *
 * @example
 * decodeHtml(Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]), 'text/html; charset=windows-1251'); // 'Привет'
 */
export function decodeHtml(body: Buffer, contentType?: string): string {
  const { charset, bom } = htmlCharset(body, contentType);
  return iconv.decode(body.subarray(bom), charset);
}
