import type { Article } from '../../domain.js';
import { exportRow } from '../../present/search-item.js';
import { whyFlagged } from '../../present/why.js';
import type { Webhook } from './config.js';

/**
 * The JSON body of a webhook delivery: the event, the webhook and delivery ids, and the article as the export
 * writes it, with why it was flagged, its evidence spans and, with a public URL, its Kuzet page.
 *
 * @example
 * JSON.stringify(webhookPayload(hook, article, 'editors.3f2a…', 'https://kuzet.example.org'));
 */
export function webhookPayload(hook: Webhook, article: Article, deliveryId: string, publicUrl: string | null) {
  return {
    event: 'article.matched' as const,
    webhook_id: hook.id,
    delivery_id: deliveryId,
    article: {
      ...exportRow(article),
      why: whyFlagged(article.classification),
      evidence: article.classification?.evidence ?? [],
      ...(publicUrl ? { kuzet_url: `${publicUrl}/articles/${encodeURIComponent(article.id)}` } : {}),
    },
  };
}
