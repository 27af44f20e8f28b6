// Chromium for browser tests: CHROMIUM_PATH when it exists, else Debian's /usr/bin/chromium (installed with apt as root).
import { existsSync } from 'node:fs';
import { aptInstall, isRoot, say } from './process.mjs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Returns the browser path, or undefined (with a warning) when none can be had. */
export function ensureChromium() {
  const given = process.env.CHROMIUM_PATH;
  if (given && existsSync(given)) return given;
  if (given) say(`CHROMIUM_PATH=${given} does not exist; looking for ${DEBIAN_CHROMIUM}`);
  if (!existsSync(DEBIAN_CHROMIUM) && isRoot()) aptInstall(['chromium'], 'browser tests need Chromium');
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  say(`no Chromium at ${DEBIAN_CHROMIUM} (install the chromium package as root); browser tests will fail`);
  return undefined;
}
