/** Signed webhook delivery: one POST, HMAC-SHA256 over the timestamp and body, no redirects, private hosts refused. */
import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
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

/**
 * True for an address no webhook may reach: anything ipaddr.js does not class as global unicast (loopback,
 * private, link-local, shared, benchmarking, documentation, multicast, reserved, unique-local) and the IPv6
 * forms that embed or tunnel an IPv4 address (NAT64, 6to4, Teredo, translated); an IPv4-mapped IPv6 address
 * is judged as its IPv4 address.
 */
export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 0 || !ipaddr.isValid(address)) return true;
  let ip = ipaddr.parse(address);
  if (ip instanceof ipaddr.IPv6) {
    if (ip.isIPv4MappedAddress()) ip = ip.toIPv4Address();
    else if (ip.match(IPV4_COMPATIBLE)) return true;
  }
  return ip.range() !== 'unicast';
}

/** The deprecated IPv4-compatible form (::a.b.c.d), which ipaddr.js leaves among unicast addresses. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

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
