import iconv from 'iconv-lite';
import { charsetFromContentType, decodeHtml, normaliseCharset } from '../extract/decode.js';

/**
 * Decodes a feed or sitemap body: the HTTP charset wins, then the XML declaration's `encoding`, then
 * the same sniffing as HTML pages.
 *
 * @example
 * decodeXml(Buffer.from('<?xml version="1.0" encoding="windows-1251"?><rss/>'), 'application/rss+xml');
 */
export function decodeXml(body: Buffer, contentType?: string): string {
  if (!charsetFromContentType(contentType)) {
    const declared = body
      .subarray(0, 200)
      .toString('latin1')
      .match(/^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i);
    const charset = normaliseCharset(declared?.[1]);
    if (charset && !charset.startsWith('utf-16')) return iconv.decode(body, charset);
  }
  return decodeHtml(body, contentType);
}
