/** Signed webhook delivery: one POST, HMAC-SHA256 over the timestamp and body, no redirects, private hosts refused. */
import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
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

/** Addresses no webhook may reach: loopback, private, link-local, shared, benchmark, multicast and reserved ranges,
 * and the IPv6 forms that embed an IPv4 address (compatible, translated, NAT64, 6to4; BlockList checks IPv4-mapped
 * addresses against the IPv4 ranges itself). */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 96],
  ['::ffff:0:0:0', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv6');

/** True for an address in one of the {@link PRIVATE} ranges. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** A DNS lookup that fails for private answers, used by the connection itself, so a name that changes its answer
 * between a check and the connection (DNS rebinding) is caught. */
function publicOnlyLookup(host: string): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...(options as LookupAllOptions), all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const blocked = addresses.find((a) => isPrivateAddress(a.address));
      if (blocked)
        return callback(
          new WebhookRejected(`${host} resolves to the private address ${blocked.address}; not delivered`),
          '',
          0,
        );
      if ((options as LookupAllOptions).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
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

/**
 * POSTs one signed JSON body to the webhook. Resolves with the status of a 2xx answer; throws WebhookRejected when
 * trying again cannot help, and a plain Error (timeout, network or DNS failure, 408, 429, 5xx) when a retry may.
 *
 * @example
 * await deliverWebhook(hook, JSON.stringify(payload), { deliveryId: 'editors.3f2a…' });
 */
export function deliverWebhook(hook: Webhook, body: string, options: DeliveryOptions): Promise<number> {
  const url = new URL(hook.url);
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivate && isIP(literal) && isPrivateAddress(literal))
    return Promise.reject(new WebhookRejected(`${url.host} is a private address; not delivered`));
  const timestamp = String(Math.floor((options.now?.() ?? Date.now()) / 1000));
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup(url.host) }),
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Kuzet-Webhook/1',
          'x-kuzet-delivery': options.deliveryId,
          'x-kuzet-timestamp': timestamp,
          'x-kuzet-signature': signature(hook.secret, timestamp, body),
        },
      },
      (res) => {
        res.destroy();
        const status = res.statusCode ?? 0;
        const what = `webhook ${hook.id} answered HTTP ${status}`;
        if (status >= 200 && status < 300) resolve(status);
        else if (status >= 300 && status < 400) reject(new WebhookRejected(`${what}; redirects are not followed`));
        else if (status === 408 || status === 429 || status >= 500) reject(new Error(what));
        else reject(new WebhookRejected(what));
      },
    );
    req.on('error', (error) =>
      reject(error instanceof WebhookRejected ? error : new Error(`webhook ${hook.id}: ${error.message}`)),
    );
    req.end(body);
  });
}
