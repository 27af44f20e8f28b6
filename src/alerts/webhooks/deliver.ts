/** Signed webhook delivery: one POST, HMAC-SHA256 over the timestamp and body, no redirects, private hosts refused. */
import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { Webhook } from './config.js';

export interface DeliveryOptions {
  /** Same for every attempt of one delivery (X-Kuzet-Delivery), so receivers can drop repeats. */
  deliveryId: string;
  timeoutMs?: number;
  /** Allow loopback and private addresses (tests, or receivers inside the same network). */
  allowPrivate?: boolean;
  now?: () => number;
}

/** A delivery that will not succeed if tried again (refused address, redirect, a 4xx other than 408 and 429). */
export class WebhookRejected extends Error {
  override name = 'WebhookRejected';
}

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 3],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv6');

function isPrivate(address: string): boolean {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (mapped) return PRIVATE.check(mapped[1], 'ipv4');
  return PRIVATE.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The signature header value: `sha256=` and the hex HMAC-SHA256, keyed with the webhook's secret, of
 * `<timestamp>.<body>` (the timestamp is the X-Kuzet-Timestamp header, in Unix seconds).
 *
 * @example
 * signature('s3cret-s3cret-s3cret', '1735689600', '{"event":"article.matched"}'); // 'sha256=5c1f…'
 */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

async function checkAddress(url: URL, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  const blocked = addresses.find(isPrivate);
  if (blocked) throw new WebhookRejected(`${url.host} resolves to the private address ${blocked}; not delivered`);
}

/**
 * POSTs one signed JSON body to the webhook. Resolves on a 2xx answer; throws WebhookRejected when trying again
 * cannot help, and a plain Error (timeout, network, 408, 429, 5xx) when a retry may.
 *
 * @example
 * await deliverWebhook(hook, JSON.stringify(payload), { deliveryId: 'editors:3f2a…' });
 */
export async function deliverWebhook(hook: Webhook, body: string, options: DeliveryOptions): Promise<number> {
  const url = new URL(hook.url);
  await checkAddress(url, options.allowPrivate ?? false);
  const timestamp = String(Math.floor((options.now?.() ?? Date.now()) / 1000));
  const res = await fetch(url, {
    method: 'POST',
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Kuzet-Webhook/1',
      'x-kuzet-delivery': options.deliveryId,
      'x-kuzet-timestamp': timestamp,
      'x-kuzet-signature': signature(hook.secret, timestamp, body),
    },
  });
  await res.body?.cancel();
  if (res.status >= 200 && res.status < 300) return res.status;
  const what = `webhook ${hook.id} answered HTTP ${res.status}`;
  if (res.status >= 300 && res.status < 400) throw new WebhookRejected(`${what}; redirects are not followed`);
  if (res.status === 408 || res.status === 429 || res.status >= 500) throw new Error(`${what}; will retry`);
  throw new WebhookRejected(what);
}
