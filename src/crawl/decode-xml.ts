import iconv from 'iconv-lite';
import { type BodyCharset, charsetFromContentType, htmlCharset, normaliseCharset } from '../extract/decode.js';

const CHUNK_BYTES = 64 * 1024;

/**
 * The charset of a feed or sitemap body: the HTTP charset wins, then the XML declaration's `encoding`,
 * then the same sniffing as HTML pages.
 *
 * @example
 * xmlCharset(Buffer.from('<?xml version="1.0" encoding="windows-1251"?><rss/>'), 'application/rss+xml');
 * // { charset: 'windows-1251', bom: 0 }
 */
export function xmlCharset(body: Buffer, contentType?: string): BodyCharset {
  if (!charsetFromContentType(contentType)) {
    const declared = body
      .subarray(0, 200)
      .toString('latin1')
      .match(/^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i);
    const charset = normaliseCharset(declared?.[1]);
    if (charset && !charset.startsWith('utf-16')) return { charset, bom: 0 };
  }
  return htmlCharset(body, contentType);
}

/**
 * A feed or sitemap body decoded piece by piece (64 KB of bytes at a time), so a parser can read it
 * without the whole text in memory at once.
 *
 * @example
 * for (const text of xmlChunks(body, 'application/xml; charset=windows-1251')) parser.write(text);
 */
export function* xmlChunks(body: Buffer, contentType?: string): Generator<string> {
  const { charset, bom } = xmlCharset(body, contentType);
  const decoder = iconv.getDecoder(charset);
  for (let at = bom; at < body.length; at += CHUNK_BYTES) {
    const text = decoder.write(body.subarray(at, at + CHUNK_BYTES));
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
