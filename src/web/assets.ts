/** Files the UI serves from its own origin under /static: the stylesheet, uPlot and the trends script. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { APP_CSS } from './styles.js';

const require = createRequire(import.meta.url);

interface Asset {
  type: string;
  body: () => string;
}

function file(resolve: () => string, type: string): Asset {
  let text: string | null = null;
  return { type, body: () => (text ??= readFileSync(resolve(), 'utf8')) };
}

/** Served at /static/<name>; read once, on first request. */
export const ASSETS: Record<string, Asset> = {
  'app.css': { type: 'text/css; charset=utf-8', body: () => APP_CSS },
  'uplot.js': file(() => require.resolve('uplot/dist/uPlot.iife.min.js'), 'text/javascript; charset=utf-8'),
  'uplot.css': file(() => require.resolve('uplot/dist/uPlot.min.css'), 'text/css; charset=utf-8'),
  'trends.js': file(() => new URL('./static/trends.js', import.meta.url).pathname, 'text/javascript; charset=utf-8'),
};
