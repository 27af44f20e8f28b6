// An independent WARC reader for the export round-trip test: the Python warcio package (webrecorder's reference
// implementation), pinned, installed with pip when missing (python3 itself with apt-get, as root).
import { aptInstall, commandExists, runSync, SetupError, say } from './process.mjs';

const WARCIO = 'warcio==1.8.1';

const hasWarcio = (python) => runSync(python, ['-c', 'import warcio']).status === 0;

/** Returns the python that can `import warcio` (its path goes to the tests as KUZET_PYTHON). */
export function ensureWarcReader() {
  const python = process.env.KUZET_PYTHON || 'python3';
  if (!commandExists(python))
    aptInstall(['python3', 'python3-pip'], 'the WARC round-trip test reads exports with Python warcio');
  if (hasWarcio(python)) return python;
  say(`installing ${WARCIO} with pip (the WARC round-trip test's independent reader)`);
  const pip = (extra) => runSync(python, ['-m', 'pip', 'install', '--quiet', ...extra, WARCIO], { stdio: 'inherit' });
  // Debian's own python refuses pip installs into the system unless told; a pyenv or venv python does not.
  if (pip([]).status !== 0) pip(['--break-system-packages']);
  if (!hasWarcio(python)) throw new SetupError(`${python} -m pip install ${WARCIO} failed (see above)`);
  return python;
}
