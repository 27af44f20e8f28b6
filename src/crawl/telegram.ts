import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';

/** One post read from a channel's public web preview (`t.me/s/<channel>`). */
export interface TelegramPost {
  channel: string;
  post_id: number;
  published_at: string | null;
  text: string;
  views: number | null;
  forwarded_from: string | null;
  links: string[];
}

/**
 * Reads a view counter as shown by Telegram: `1.2K` → 1200, `3M` → 3000000, `987` → 987.
 *
 * @example
 * parseViews('1.2K'); // 1200
 */
export function parseViews(text: string | undefined): number | null {
  const match = text
    ?.replace(/\s/g, '')
    .replace(',', '.')
    .match(/^(\d+(?:\.\d+)?)([KMB])?$/i);
  if (!match) return null;
  const scale = { K: 1e3, M: 1e6, B: 1e9 }[(match[2] ?? '').toUpperCase() as 'K' | 'M' | 'B'] ?? 1;
  return Math.round(Number(match[1]) * scale);
}

function textWithBreaks($: cheerio.CheerioAPI, node: cheerio.Cheerio<AnyNode>): string {
  const copy = node.clone();
  copy.find('br').replaceWith('\n');
  copy.find('p, div, blockquote').each((_, el) => {
    $(el).append('\n');
  });
  return copy
    .text()
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Parses the posts of a Telegram channel preview page, oldest first. Posts from other channels
 * (shown in search results) are ignored, as are service messages without a post id.
 *
 * @example
 * parseTelegramPage(html, 'tengrinews').map((p) => p.post_id); // [101, 102, …]
 */
export function parseTelegramPage(html: string, channel: string): TelegramPost[] {
  const $ = cheerio.load(html);
  const posts: TelegramPost[] = [];
  $('.tgme_widget_message[data-post]').each((_, el) => {
    const message = $(el);
    const [postChannel, idText] = (message.attr('data-post') ?? '').split('/');
    const postId = Number(idText);
    if (!Number.isInteger(postId) || postId <= 0 || postChannel?.toLowerCase() !== channel.toLowerCase()) return;
    const bodies = message
      .find('.tgme_widget_message_text, .tgme_widget_message_caption')
      .filter((_, b) => $(b).closest('.tgme_widget_message_reply, .tgme_widget_message_link_preview').length === 0);
    const text = bodies
      .map((_, b) => textWithBreaks($, $(b)))
      .get()
      .filter(Boolean)
      .join('\n\n');
    const links = new Set<string>();
    bodies.find('a[href]').each((_, a) => {
      const href = $(a).attr('href') ?? '';
      if (/^https?:\/\//i.test(href) && !/^https?:\/\/t\.me\/s\/[^/]+\?q=/i.test(href)) links.add(href);
    });
    const preview = message.find('a.tgme_widget_message_link_preview').attr('href');
    if (preview && /^https?:\/\//i.test(preview)) links.add(preview);
    const forwarded = message
      .find('.tgme_widget_message_forwarded_from_name')
      .first()
      .text()
      .replace(/\s+/g, ' ')
      .trim();
    const datetime = message.find('.tgme_widget_message_date time[datetime], time[datetime]').first().attr('datetime');
    const published = datetime ? new Date(datetime) : null;
    posts.push({
      channel: postChannel,
      post_id: postId,
      published_at: published && !Number.isNaN(published.getTime()) ? published.toISOString() : null,
      text,
      views: parseViews(message.find('.tgme_widget_message_views').first().text()),
      forwarded_from: forwarded || null,
      links: [...links],
    });
  });
  return posts.sort((a, b) => a.post_id - b.post_id);
}

/** A post's title: its first non-empty line, cut to `max` characters at a word boundary. */
export function postTitle(text: string, max = 120): string {
  const line =
    text
      .split('\n')
      .find((l) => l.trim())
      ?.trim() ?? '';
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
