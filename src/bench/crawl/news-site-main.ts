/** Child-process entry of the benchmark site: serves it and sends its base URL to the parent. */
import { serveNewsSite } from './news-site.js';

const site = await serveNewsSite(Number(process.argv[2] ?? 2000));
process.send?.(site.url);
process.on('SIGTERM', () => {
  void site.close().finally(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
