import type { Hono } from 'hono';

/**
 * A cookie jar over `app.request`: keeps Set-Cookie values and sends them back, like a browser on one origin.
 *
 * @example
 * const b = new CookieClient(app); await b.signIn('dana', password); await b.post('/articles/x/review', form);
 */
export class CookieClient {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly app: Hono,
    readonly origin = 'http://kuzet.test',
  ) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await this.app.request(`${this.origin}${path}`, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, ...rest] = pair.split('=');
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim())) || rest.join('=') === '';
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), rest.join('='));
    }
    return res;
  }

  /** A same-origin form POST, as a browser sends it. */
  postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.origin, ...headers },
    });
  }

  /** The hidden `_csrf` value of the first form on a page. */
  static csrfOf(html: string): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error('no _csrf field on the page');
    return m[1];
  }

  async signIn(name: string, password: string): Promise<Response> {
    const form = await (await this.request('/signin')).text();
    return this.postForm('/signin', { _csrf: CookieClient.csrfOf(form), name, password, next: '/' });
  }
}
