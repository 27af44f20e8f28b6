import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSources, parseSchedule, suggestKey } from '../../src/sources/index.js';

describe('parseSchedule', () => {
  it('turns 30m, 2h, 1d into milliseconds', () => {
    expect(parseSchedule('30m')).toBe(30 * 60_000);
    expect(parseSchedule('2h')).toBe(2 * 3_600_000);
    expect(parseSchedule('1d')).toBe(86_400_000);
    expect(parseSchedule(' 90s ')).toBe(90_000);
  });

  it('rejects other text and intervals under a minute, saying what is expected', () => {
    expect(() => parseSchedule('hourly')).toThrow(/use a number and a unit, e.g. 30m, 2h or 1d/);
    expect(() => parseSchedule('30')).toThrow(/invalid schedule "30"/);
    expect(() => parseSchedule('10s')).toThrow(/shorter than 1m/);
  });
});

describe('loadSources', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kuzet-sources-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const write = (name: string, text: string) => writeFile(path.join(dir, name), text);

  it('loads a file with defaults filled in and the id taken from the file name', async () => {
    await write('example-news.yaml', 'name: Example\nfeeds:\n  - https://example.kz/rss\nlanguages: [ru, kk]\n');
    const { sources, errors } = await loadSources(dir);
    expect(errors).toEqual([]);
    expect(sources).toEqual([
      {
        id: 'example-news',
        name: 'Example',
        kind: 'news',
        feeds: ['https://example.kz/rss'],
        sitemaps: [],
        listings: [],
        languages: ['ru', 'kk'],
        country: 'KZ',
        schedule: '1h',
        max_items: 100,
        enabled: true,
        file: path.join(dir, 'example-news.yaml'),
      },
    ]);
  });

  it('reads JSON files and telegram sources, normalising the channel name', async () => {
    await write(
      'tg.json',
      JSON.stringify({ id: 'tg-x', name: 'X', kind: 'telegram', channel: '@XChannel', country: 'kz', schedule: '15m' }),
    );
    const { sources, errors } = await loadSources(dir);
    expect(errors).toEqual([]);
    expect(sources[0]).toMatchObject({
      id: 'tg-x',
      kind: 'telegram',
      channel: 'XChannel',
      country: 'KZ',
      schedule: '15m',
    });
  });

  it('names the file and field of each mistake, suggests the key for a typo, and loads the other files', async () => {
    await write('good.yaml', 'name: Good\nfeeds: [https://good.kz/rss]\n');
    await write('typo.yaml', 'name: Typo\nfeed:\n  - https://typo.kz/rss\nsitemaps: [https://typo.kz/sitemap.xml]\n');
    await write('bad-url.yaml', 'name: Bad\nfeeds:\n  - not a url\n  - https://ok.kz/rss\n');
    await write('bad-schedule.yaml', 'name: Sched\nfeeds: [https://s.kz/rss]\nschedule: hourly\n');
    await write('bad-lang.yaml', 'name: Lang\nfeeds: [https://l.kz/rss]\nlanguages: [russian]\n');
    await write('empty.yaml', '');
    await write('broken.yaml', 'name: [unclosed\n');
    await write('list.yaml', '- name: A\n- name: B\n');
    await write('tg-nochannel.yaml', 'name: T\nkind: telegram\n');
    await write('nothing.yaml', 'name: N\n');
    await write('notes.txt', 'ignored');
    await write('_draft.yaml', 'feed: ignored too');
    const { sources, errors } = await loadSources(dir);
    expect(sources.map((s) => s.id)).toEqual(['good']);
    const messages = errors.map((e) => e.message.replace(`${dir}${path.sep}`, 'crawlers/'));
    expect(messages).toEqual(
      expect.arrayContaining([
        'crawlers/typo.yaml: feed: unknown key "feed" (did you mean feeds?)',
        'crawlers/bad-url.yaml: feeds[0]: Invalid URL (expected an absolute http:// or https:// address)',
        'crawlers/bad-schedule.yaml: schedule: Invalid schedule (use a number and a unit: 30m, 2h, 1d; at least 1m)',
        'crawlers/empty.yaml: file is empty',
        'crawlers/list.yaml: expected one source (a mapping of keys such as name, feeds), found a list',
        'crawlers/tg-nochannel.yaml: channel: a telegram source needs a channel',
        'crawlers/nothing.yaml: feeds: a news source needs at least one of feeds, sitemaps or listings',
      ]),
    );
    expect(messages.find((m) => m.startsWith('crawlers/bad-lang.yaml: languages[0]:'))).toBeDefined();
    expect(messages.find((m) => m.startsWith('crawlers/broken.yaml: cannot parse:'))).toBeDefined();
    expect(errors.find((e) => e.message.includes('typo.yaml'))).toMatchObject({ field: 'feed' });
    expect(messages.some((m) => m.includes('notes.txt') || m.includes('_draft'))).toBe(false);
  });

  it('reports a duplicate id and keeps the first file', async () => {
    await write('a.yaml', 'id: same\nname: A\nfeeds: [https://a.kz/rss]\n');
    await write('b.yaml', 'id: same\nname: B\nfeeds: [https://b.kz/rss]\n');
    const { sources, errors } = await loadSources(dir);
    expect(sources.map((s) => s.name)).toEqual(['A']);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(
      /b\.yaml: id: duplicate id "same" \(already defined in .*a\.yaml\); file skipped/,
    );
  });

  it('reports a missing directory instead of throwing', async () => {
    const { sources, errors } = await loadSources(path.join(dir, 'nope'));
    expect(sources).toEqual([]);
    expect(errors[0].message).toMatch(/cannot read the sources directory \(ENOENT\)/);
  });

  it('suggests keys only for near misses', () => {
    expect(suggestKey('feed')).toBe('feeds');
    expect(suggestKey('sitemap')).toBe('sitemaps');
    expect(suggestKey('langauges')).toBe('languages');
    expect(suggestKey('colour')).toBeUndefined();
  });
});

describe('the shipped crawlers/ folder', () => {
  it('loads without errors: at least 45 news sites and 15 Telegram channels', async () => {
    const { sources, errors } = await loadSources('crawlers');
    expect(errors).toEqual([]);
    const news = sources.filter((s) => s.kind === 'news');
    const telegram = sources.filter((s) => s.kind === 'telegram');
    expect(news.length).toBeGreaterThanOrEqual(45);
    expect(telegram.length).toBeGreaterThanOrEqual(15);
    for (const s of news) expect(s.feeds.length + s.sitemaps.length + s.listings.length).toBeGreaterThan(0);
    for (const s of sources) expect(() => parseSchedule(s.schedule)).not.toThrow();
    const hosts = new Set(news.map((s) => new URL(s.homepage ?? s.feeds[0]).hostname.replace(/^www\./, '')));
    for (const host of [
      'orda.kz',
      'tengrinews.kz',
      'vlast.kz',
      'informburo.kz',
      'rus.azattyq.org',
      'inform.kz',
      'zakon.kz',
      '24.kg',
      'kaktus.media',
      'kun.uz',
      'gazeta.uz',
      'asiaplustj.info',
      'timesca.com',
      'egemen.kz',
      'kaz.inform.kz',
      'kaz.nur.kz',
      'kaz.tengrinews.kz',
      'jasqazaq.kz',
      'azattyq.org',
      'kloop.kg',
      'azattyk.org',
      'avesta.tj',
      'khovar.tj',
      'ozodi.org',
      'ozodlik.org',
      'astanatimes.com',
    ]) {
      expect(hosts).toContain(host);
    }
  });

  it('covers the region: Kazakh, Kyrgyz, Uzbek and Tajik sources, and every country', async () => {
    const { sources } = await loadSources('crawlers');
    const speaking = (lang: string) => sources.filter((s) => s.languages.includes(lang as never)).length;
    for (const lang of ['kk', 'ky', 'uz', 'tg']) expect(speaking(lang), lang).toBeGreaterThanOrEqual(6);
    const firstly = (lang: string) => sources.filter((s) => s.languages[0] === lang).length;
    expect(firstly('kk')).toBeGreaterThanOrEqual(6);
    expect(new Set(sources.map((s) => s.country))).toEqual(new Set(['KZ', 'KG', 'UZ', 'TJ', 'RU']));
    const channels = new Set(sources.flatMap((s) => (s.channel ? [s.channel] : [])));
    for (const channel of [
      'kunuzofficial',
      'gazetauz',
      'spotuz',
      'akipress',
      'economist_kg',
      'sputnik_kyrgyzstan',
      'asiaplus',
      'sputnik_tajikistan',
    ]) {
      expect(channels).toContain(channel);
    }
  });

  it('carries the corrections the evidence supports', async () => {
    const { sources } = await loadSources('crawlers');
    const byId = new Map(sources.map((s) => [s.id, s]));
    const get = (id: string) => byId.get(id) ?? expect.fail(`no source ${id}`);
    expect(get('vlast').feeds).toEqual(['https://vlast.kz/feed/']);
    expect(get('azattyq-rus').feeds).toEqual(['https://rus.azattyq.org/api/']);
    expect(get('kazinform').feeds).toEqual(['https://www.inform.kz/rss/rus.xml']);
    expect(get('kun-uz').feeds).toContain('https://kun.uz/news/rss?lang=ru');
    expect(get('ulysmedia')).toMatchObject({ feeds: [], listings: ['https://ulysmedia.kz/news/'] });
    expect(get('informburo')).toMatchObject({ feeds: [], sitemaps: ['https://informburo.kz/sitemap.xml'] });
    expect(get('tg-nurkz').channel).toBe('newsnurkz');
    expect(get('tg-ordakz').channel).toBe('orda_kz');
    expect(get('tg-kursivkz').channel).toBe('kursivm');
    const sitemaps = {
      zakon: 'https://www.zakon.kz/sitemap/index.xml',
      nur: 'https://www.nur.kz/article-index-sitemap.xml',
      tengrinews: 'https://tengrinews.kz/sitemap-index.xml',
      kursiv: 'https://kz.kursiv.media/sitemaps/ru/sitemap.xml',
      orda: 'https://orda.kz/sitemap/sitemap_news1.xml',
      'sputnik-kz': 'https://ru.sputnik.kz/sitemap_article_index.xml',
      'gazeta-uz': 'https://www.gazeta.uz/sitemap/google-news-ru.xml',
    };
    for (const [id, url] of Object.entries(sitemaps)) expect(get(id).sitemaps, id).toEqual([url]);
    const urls = sources.flatMap((s) => [...s.feeds, ...s.sitemaps, ...s.listings]);
    expect(urls.filter((u) => /zrqiteuuir|kun\.uz\/ru\/news\/rss|rss\/ru\.xml|vlast\.kz\/rss\.xml/.test(u))).toEqual(
      [],
    );
    expect(get('asiaplus').feeds).toContain('https://asiaplustj.info/rss/');
    // Hosts that answer "…Bot" with HTML get a name without "Bot", still honest: no browser's name.
    expect(get('akipress').feeds).toContain('https://kg.akipress.org/rss');
    for (const s of sources.filter((x) => x.user_agent)) expect(s.user_agent).not.toMatch(/bot|mozilla|chrome|safari/i);
  });

  it('says in every file how strong the evidence for its addresses is', async () => {
    const names = (await readdir('crawlers')).filter((n) => n.endsWith('.yaml'));
    expect(names.length).toBeGreaterThanOrEqual(60);
    for (const name of names) {
      const text = await readFile(path.join('crawlers', name), 'utf8');
      expect(text, name).toMatch(
        /^note: ["'].*\b(confirmed|measured|plausible|unverified|weak|doubtful|disabled|no feed)\b/im,
      );
    }
  });
});
