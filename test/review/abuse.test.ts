import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { sha256 } from '../../src/auth/secrets.js';
import { SESSION_COOKIE } from '../../src/auth/session.js';
import { addUser, disableUser } from '../../src/auth/users.js';
import type { Article } from '../../src/domain.js';
import type { ArticleStore } from '../../src/store/port.js';
import { CookieClient } from '../helpers/browser-session.js';
import { seed } from '../helpers/seed.js';
import { STORE_KINDS } from '../helpers/stores.js';

const LOG = { debug() {}, info() {}, warn() {}, error() {} };
const VERDICT = {
  xenophobic: false,
  migration_policy: true,
  counter_speech: false,
  severity: 0,
  targets: ['migrants'],
};

describe.each(STORE_KINDS)('sign-in, roles and reviews: %s store', (_name, open) => {
  let store: ArticleStore;
  let cleanup: () => Promise<void>;
  let app: Hono;
  let articles: Map<string, Article>;
  const secrets: Record<string, { password: string; token: string }> = {};

  const api = (path: string, token: string | null, init: RequestInit = {}) =>
    app.request(`http://kuzet.test${path}`, {
      ...init,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string>),
      },
    });
  const postReview = (id: string, token: string | null, body: unknown) =>
    api(`/api/articles/${id}/reviews`, token, { method: 'POST', body: JSON.stringify(body) });
  const reviewCount = async (id: string) => (await store.reviewsOf([id])).length;

  beforeAll(async () => {
    ({ store, cleanup } = await open());
    articles = await seed(store);
    app = createApp({ store, log: LOG });
    for (const [name, role] of [
      ['vera', 'viewer'],
      ['dana', 'reviewer'],
      ['aibek', 'reviewer'],
      ['root', 'admin'],
    ] as const)
      secrets[name] = await addUser(store, name, role);
  }, 60_000);
  afterAll(() => cleanup());

  it('signs in with the password: an HttpOnly, SameSite session cookie, Secure over HTTPS, and sign-out ends it', async () => {
    const browser = new CookieClient(app);
    const res = await browser.signIn('dana', secrets.dana.password);
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect(await store.getSession(sha256(browser.cookies.get(SESSION_COOKIE) ?? ''))).not.toBeNull();
    const home = await (await browser.request('/?ui=en')).text();
    expect(home).toContain('Signed in as <strong>dana</strong>');
    const hash = sha256(browser.cookies.get(SESSION_COOKIE) ?? '');
    expect((await browser.postForm('/signout', { _csrf: CookieClient.csrfOf(home) })).status).toBe(303);
    expect(await store.getSession(hash)).toBeNull();

    const secure = new CookieClient(app, 'https://kuzet.test');
    const over = await secure.signIn('dana', secrets.dana.password);
    expect(over.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(/Secure/);
  });

  it('refuses unknown users and wrong passwords with 401, and makes the sixth attempt wait (429)', async () => {
    const browser = new CookieClient(app);
    expect((await browser.signIn('nobody', 'whatever')).status).toBe(401);
    expect((await browser.signIn('aibek', 'wrong')).status).toBe(401);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    for (let i = 0; i < 4; i++) await browser.signIn('aibek', 'wrong');
    const limited = await browser.signIn('aibek', secrets.aibek.password);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('refuses a sign-in form without its CSRF token or from another origin', async () => {
    const browser = new CookieClient(app);
    await browser.request('/signin');
    const noToken = await browser.postForm('/signin', { name: 'dana', password: secrets.dana.password });
    expect(noToken.status).toBe(403);
    const form = await (await browser.request('/signin')).text();
    const fields = { _csrf: CookieClient.csrfOf(form), name: 'dana', password: secrets.dana.password };
    expect((await browser.postForm('/signin', fields, { origin: 'https://evil.example' })).status).toBe(403);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('stores a reviewer’s review through the web form, with who, when and the classifier version', async () => {
    const browser = new CookieClient(app);
    await browser.signIn('dana', secrets.dana.password);
    const a = articles.get('locust-1') as Article;
    const pageHtml = await (await browser.request(`/articles/${a.id}?ui=en`)).text();
    expect(pageHtml).toContain('form class="review"');
    const csrf = CookieClient.csrfOf(pageHtml.slice(pageHtml.indexOf('form class="review"')));
    const fields = {
      _csrf: csrf,
      xenophobic: 'on',
      severity: '3',
      targets: 'migrants, central_asian',
      note: 'call to expel',
    };
    const saved = await browser.postForm(`/articles/${a.id}/review?ui=en`, fields);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toContain('saved=1');
    const [review] = await store.reviewsOf([a.id]);
    expect(review).toMatchObject({
      reviewer_id: 'dana',
      classifier_version: a.classification?.classifier_version,
      verdict: { xenophobic: true, severity: 3, targets: ['central_asian', 'migrants'] },
      note: 'call to expel',
    });
    expect(Date.now() - Date.parse(review.created_at)).toBeLessThan(60_000);
    const json = await (await api(`/api/articles/${a.id}`, null)).json();
    expect(json.human).toMatchObject({ reviewers: 1, verdict: { severity: 3 }, corrects_classifier: true });
    expect(json.reviews).toHaveLength(1);
  });

  it('refuses a review form without its CSRF token (403) and stores nothing', async () => {
    const browser = new CookieClient(app);
    expect((await browser.signIn('root', secrets.root.password)).status).toBe(303);
    const a = articles.get('quota') as Article;
    const res = await browser.postForm(`/articles/${a.id}/review`, { migration_policy: 'on', severity: '0' });
    expect(res.status).toBe(403);
    const forged = await browser.postForm(`/articles/${a.id}/review`, { _csrf: 'guessed', severity: '0' });
    expect(forged.status).toBe(403);
    expect(await reviewCount(a.id)).toBe(0);
  });

  it('takes reviews over the API with a bearer token; anonymous, viewer, bad and disabled tokens are refused', async () => {
    const a = articles.get('quota') as Article;
    const anonymous = await postReview(a.id, null, VERDICT);
    expect(anonymous.status).toBe(401);
    const viewer = await postReview(a.id, secrets.vera.token, VERDICT);
    expect(viewer.status).toBe(403);
    expect((await viewer.json()).error.message).toMatch(/vera is a viewer/);
    expect((await postReview(a.id, 'dana.not-the-secret', VERDICT)).status).toBe(401);
    expect((await postReview(a.id, 'garbage', VERDICT)).status).toBe(401);
    expect(await reviewCount(a.id)).toBe(0);
    const ok = await postReview(a.id, secrets.root.token, VERDICT);
    expect(ok.status).toBe(201);
    expect((await ok.json()).review).toMatchObject({ reviewer_id: 'root', article_id: a.id });
    const temp = await addUser(store, 'temp', 'reviewer');
    await disableUser(store, 'temp');
    expect((await postReview(a.id, temp.token, VERDICT)).status).toBe(401);
    expect(await reviewCount(a.id)).toBe(1);
  });

  it('answers 404 for a review of a missing article and 400/413 for bad or oversized bodies, storing nothing', async () => {
    const token = secrets.dana.token;
    const missing = await postReview('no-such-article', token, VERDICT);
    expect(missing.status).toBe(404);
    const a = articles.get('weather') as Article;
    const bad = async (body: unknown, param: string) => {
      const res = await postReview(a.id, token, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect((await res.json()).error.param).toBe(param);
    };
    await bad({ ...VERDICT, note: 'x'.repeat(2001) }, 'note');
    await bad({ ...VERDICT, severity: 4 }, 'severity');
    await bad({ ...VERDICT, xenophobic: true }, 'severity');
    await bad({ ...VERDICT, xenophobic: true, severity: 1, counter_speech: true }, 'counter_speech');
    await bad({ ...VERDICT, targets: ['<script>'] }, 'targets');
    await bad({ ...VERDICT, role: 'admin' }, 'role');
    await bad({ severity: 0 }, 'xenophobic');
    const notJson = await api(`/api/articles/${a.id}/reviews`, token, { method: 'POST', body: '{not json' });
    expect(notJson.status).toBe(400);
    const huge = await postReview(a.id, token, { ...VERDICT, note: 'x'.repeat(20_000) });
    expect(huge.status).toBe(413);
    expect(await reviewCount(a.id)).toBe(0);
  });

  it('keeps both reviews when two reviewers save at once, and marks their disagreement', async () => {
    const a = articles.get('chinese') as Article;
    const [one, two] = await Promise.all([
      postReview(a.id, secrets.dana.token, VERDICT),
      postReview(a.id, secrets.aibek.token, { ...VERDICT, migration_policy: false }),
    ]);
    expect([one.status, two.status]).toEqual([201, 201]);
    expect((await store.reviewsOf([a.id])).map((r) => r.reviewer_id).sort()).toEqual(['aibek', 'dana']);
    const human = (await (await api(`/api/articles/${a.id}`, null)).json()).human;
    expect(human).toMatchObject({ reviewers: 2, reviewers_disagree: true, verdict: null });
  });

  it('treats an expired session as signed out: the API says so (401) and pages send the user to sign in', async () => {
    const browser = new CookieClient(app);
    await browser.signIn('dana', secrets.dana.password);
    const hash = sha256(browser.cookies.get(SESSION_COOKIE) ?? '');
    const session = await store.getSession(hash);
    await store.putSession({ ...(session as NonNullable<typeof session>), expires_at: '2020-01-01T00:00:00.000Z' });
    const a = articles.get('weather') as Article;
    const res = await browser.request(`/api/articles/${a.id}/reviews`, {
      method: 'POST',
      body: JSON.stringify(VERDICT),
      headers: { 'content-type': 'application/json', 'x-csrf-token': session?.csrf ?? '' },
    });
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toMatch(/expired/);
    expect(await store.getSession(hash)).toBeNull();
    await browser.signIn('dana', secrets.dana.password);
    const hash2 = sha256(browser.cookies.get(SESSION_COOKIE) ?? '');
    await store.putSession({
      ...((await store.getSession(hash2)) as NonNullable<typeof session>),
      expires_at: '2020-01-01T00:00:00.000Z',
    });
    const form = await browser.postForm(`/articles/${a.id}/review`, { _csrf: 'x', severity: '0' });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toMatch(/^\/signin\?next=.*&expired=1$/);
    expect(await reviewCount(a.id)).toBe(0);
  });

  it('keeps reading open by default, and behind sign-in with KUZET_REQUIRE_LOGIN', async () => {
    expect((await api('/api/search', null)).status).toBe(200);
    const closed = createApp({ store, log: LOG, requireLogin: true });
    const get = (path: string, token: string | null = null) =>
      closed.request(`http://kuzet.test${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await get('/api/search')).status).toBe(401);
    expect((await get('/api/search', secrets.vera.token)).status).toBe(200);
    const page = await get('/trends?ui=en');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/signin?next=%2Ftrends%3Fui%3Den');
    expect((await get('/signin')).status).toBe(200);
    expect((await get('/health')).status).toBe(200);
    expect((await get('/static/app.css')).status).toBe(200);
  });
});
