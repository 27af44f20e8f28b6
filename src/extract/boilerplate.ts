import type { Document, Element, ParentNode } from 'domhandler';
import { classAndId, descendants, removeNode } from './dom.js';

/** Tags that never carry article text. */
const DROP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'svg',
  'canvas',
  'object',
  'embed',
  'applet',
  'audio',
  'video',
  'map',
  'figcaption',
  'button',
  'input',
  'select',
  'textarea',
  'option',
  'label',
  'fieldset',
  'nav',
  'footer',
  'aside',
  'menu',
  'dialog',
  'head',
  'link',
  'meta',
  'picture',
  'source',
  'track',
  'math',
]);

const DROP_ROLES = /^(menu|menubar|navigation|complementary|alert|alertdialog|dialog|banner|contentinfo|search)$/;

/** Class/id fragments of page furniture (English and transliterated Russian). */
export const UNLIKELY =
  /-ad-|^ad-|\bads?\b|adsbygoogle|ai2html|banner|breadcrumb|combx|comment|kommentar|community|cover-wrap|disqus|extra|footer|gdpr|cookie|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|share|sharing|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|modal|newsletter|subscri|podpis|promo|reklama|vrezka|pohozh|chitajte|read-?also|see-?also|readmore|more-?news|recommend|outbrain|taboola|teaser-list|signup|paywall|login|author-bio|toolbar|navbar|print-only|caption|credit|byline|dateline|timestamp|sr-only|visually-hidden/;

/** Class/id fragments that may hold the article even when UNLIKELY also matches. */
export const MAYBE =
  /and|article|body|column|content|main|shadow|statya|stati|news-?text|material|post|entry|story|text/;

function isHidden(el: Element): boolean {
  const style = el.attribs.style;
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  return 'hidden' in el.attribs || el.attribs['aria-hidden'] === 'true';
}

function isUnlikely(el: Element): boolean {
  if (el.name === 'body' || el.name === 'html' || el.name === 'article' || el.name === 'main' || el.name === 'a') {
    return false;
  }
  const hints = classAndId(el);
  return hints !== '' && UNLIKELY.test(hints) && !MAYBE.test(hints);
}

/**
 * Removes page furniture in place: non-content tags, hidden elements, navigation roles and
 * elements whose class or id names them as ads, menus, comments, sharing or related links.
 */
export function pruneBoilerplate(doc: Document | Element | ParentNode, byClass = true): void {
  for (const el of descendants(doc)) {
    if (!el.parent) continue;
    const role = el.attribs.role;
    if (
      DROP_TAGS.has(el.name) ||
      (role !== undefined && DROP_ROLES.test(role)) ||
      isHidden(el) ||
      (byClass && isUnlikely(el))
    ) {
      removeNode(el);
    }
  }
}

const BOILERPLATE_LINE =
  /^(advertisement|advertising|sponsored|реклама|read more|continue reading|share( this)?( article| story)?|читайте также|смотрите также|подписывайтесь.*|комментарии|related( articles| stories)?|see also|also read|tags?:?)$/i;

/** True for a paragraph that is only a stock phrase of page furniture. */
export function isBoilerplateLine(text: string): boolean {
  return text.length < 60 && BOILERPLATE_LINE.test(text.trim());
}
