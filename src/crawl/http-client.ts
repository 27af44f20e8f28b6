import { Readable } from 'node:stream';
import {
  type BaseHttpClient,
  GotScrapingHttpClient,
  type HttpRequest,
  type HttpResponse,
  NonRetryableError,
  type RedirectHandler,
  type ResponseTypes,
  type StreamingHttpResponse,
} from '@crawlee/cheerio';

const RAW_BODY = Symbol.for('kuzet.rawBody');
const BINARY_TYPES =
  /^(image|audio|video|font)\/|^application\/(pdf|zip|x-zip|msword|vnd\.|x-msdownload|x-tar|x-7z|x-rar|octet-stream-binary)/i;

export interface CappedHttpClientOptions {
  userAgent: string;
  maxResponseBytes: number;
  maxRedirects: number;
  timeoutMs: number;
}

/** The complete raw body a `CappedHttpClient` read for a response, or undefined. */
export function rawBodyOf(response: unknown): Buffer | undefined {
  return (response as Record<symbol, Buffer> | undefined)?.[RAW_BODY];
}

function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
}

async function readCapped(stream: Readable, limit: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      stream.destroy();
      throw new NonRetryableError(`response from ${url} exceeds ${limit} bytes; download cut off and page skipped`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
};

/**
 * Rewords socket errors whose codes Crawlee would mistake for proxy failures (and rotate sessions on, ten
 * times); timeouts pass through unchanged so Crawlee reports them as timeouts.
 */
function networkError(err: Error & { code?: string }, url: string): Error {
  const reason = err.code ? NETWORK_CODES[err.code] : undefined;
  if (!reason) return err;
  return new Error(`${reason} while fetching ${new URL(url).host}; will retry on the next attempt or crawl`);
}

/**
 * The HTTP client every crawl request goes through: it sends the honest User-Agent (no browser header
 * generation), follows at most `maxRedirects` redirects, refuses bodies over `maxResponseBytes` (by
 * Content-Length, and by counting streamed bytes, so a huge body is never buffered whole) and skips
 * binary media types before downloading them. The raw bytes are kept for `rawBodyOf`, so pages are
 * decoded by Kuzet's own charset detection rather than Crawlee's.
 *
 * @example
 * new CheerioCrawler({ httpClient: new CappedHttpClient({ userAgent, maxResponseBytes: 10e6, maxRedirects: 5, timeoutMs: 30e3 }) });
 */
export class CappedHttpClient implements BaseHttpClient {
  private readonly inner = new GotScrapingHttpClient();

  constructor(private readonly options: CappedHttpClientOptions) {}

  private prepare(request: HttpRequest): HttpRequest {
    return {
      ...request,
      headers: { ...request.headers, 'user-agent': this.options.userAgent },
      useHeaderGenerator: false,
      followRedirect: true,
      maxRedirects: this.options.maxRedirects,
      timeout: request.timeout ?? { request: this.options.timeoutMs },
    };
  }

  async sendRequest<T extends keyof ResponseTypes = 'text'>(request: HttpRequest<T>): Promise<HttpResponse<T>> {
    const response = await this.stream(request as HttpRequest);
    const raw = rawBodyOf(response.stream) ?? Buffer.alloc(0);
    const type = request.responseType ?? 'text';
    const body = type === 'buffer' ? raw : type === 'json' ? JSON.parse(raw.toString('utf8')) : raw.toString('utf8');
    return { ...response, body } as unknown as HttpResponse<T>;
  }

  async stream(request: HttpRequest, onRedirect?: RedirectHandler): Promise<StreamingHttpResponse> {
    const url = String(request.url);
    let response: StreamingHttpResponse;
    try {
      response = await this.inner.stream(this.prepare(request), onRedirect);
    } catch (err) {
      const e = err as Error;
      if (e.name === 'MaxRedirectsError') {
        throw new NonRetryableError(
          `redirect loop: ${url} redirected more than ${this.options.maxRedirects} times; page skipped`,
        );
      }
      throw networkError(e, url);
    }
    const { stream, headers } = response;
    const length = Number(headerValue(headers, 'content-length'));
    if (Number.isFinite(length) && length > this.options.maxResponseBytes) {
      stream.destroy();
      throw new NonRetryableError(
        `response from ${url} is ${length} bytes (Content-Length), over the ${this.options.maxResponseBytes}-byte limit; page skipped`,
      );
    }
    const type = headerValue(headers, 'content-type') ?? '';
    if (BINARY_TYPES.test(type)) {
      stream.destroy();
      throw new NonRetryableError(`${url} serves ${type.split(';')[0]}, not a page or feed; skipped`);
    }
    const body = await readCapped(stream, this.options.maxResponseBytes, url).catch((err: Error) => {
      throw err instanceof NonRetryableError ? err : networkError(err, url);
    });
    const replay = Readable.from([body]);
    Object.defineProperty(replay, RAW_BODY, { value: body });
    return {
      ...response,
      stream: replay,
      downloadProgress: { percent: 1, transferred: body.length, total: body.length },
      uploadProgress: { percent: 1, transferred: 0, total: 0 },
    };
  }
}
