/**
 * The crawl benchmark's baselines over the same site: a bare Crawlee CheerioCrawler that reads each feed and each
 * page's title and does nothing else, and a plain loop of Node `fetch` + `cheerio.load`.
 */
import { randomUUID } from 'node:crypto';
import { CheerioCrawler, Configuration, RequestQueue } from '@crawlee/cheerio';
import { load } from 'cheerio';

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** Fetches the feeds, then every page they list with `fetch` + `cheerio.load`; resolves to the pages read. */
export async function rawLoop(feeds: string[], concurrency: number): Promise<number> {
  const urls: string[] = [];
  for (const feed of feeds) {
    const $ = load(await (await fetch(feed)).text(), { xml: true });
    $('item > link').each((_, el) => {
      urls.push($(el).text());
    });
  }
  let pages = 0;
  await pool(urls, concurrency, async (url) => {
    const $ = load(await (await fetch(url)).text());
    if ($('title').text()) pages++;
  });
  return pages;
}

/** A CheerioCrawler with in-memory storage that enqueues the feeds' links and reads each page's title. */
export async function bareCrawlee(feeds: string[], concurrency: number): Promise<number> {
  const config = new Configuration({ persistStorage: false, storageClientOptions: { persistStorage: false } });
  const queue = await RequestQueue.open(`bench-${randomUUID()}`, { config });
  let pages = 0;
  const crawler = new CheerioCrawler(
    {
      requestQueue: queue,
      minConcurrency: concurrency,
      maxConcurrency: concurrency,
      useSessionPool: false,
      statusMessageLoggingInterval: 3600,
      autoscaledPoolOptions: { maybeRunIntervalSecs: 0.05, loggingIntervalSecs: null },
      requestHandler: async ({ request, $, addRequests }) => {
        if (request.label === 'FEED') {
          await addRequests(
            $('item > link')
              .map((_, el) => $(el).text())
              .get(),
          );
        } else if ($('title').text()) pages++;
      },
    },
    config,
  );
  crawler.log.setLevel(0);
  await crawler.run(feeds.map((url) => ({ url, label: 'FEED' })));
  await queue.drop();
  return pages;
}
