// Elasticsearch for the test suite: ELASTICSEARCH_URL when it answers, else the integ-test-zip
// distribution from Maven Central (cached in ~/.cache/kuzet/elasticsearch) run single-node on 127.0.0.1:9260.
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  aptInstall,
  commandExists,
  isRoot,
  runSync,
  SetupError,
  say,
  startService,
  tail,
  waitUntil,
} from './process.mjs';

const VERSION = '8.19.21';
const ARTIFACT = `org.elasticsearch.distribution.integ-test-zip:elasticsearch:${VERSION}:zip`;
const PORT = 9260;
const TRANSPORT_PORT = 9360;
const ES_USER = 'kuzet-es';
const JDK_CANDIDATES = [
  '/usr/lib/jvm/java-17-openjdk-amd64',
  '/usr/lib/jvm/java-21-openjdk-amd64',
  '/usr/lib/jvm/java-17-openjdk-arm64',
  '/usr/lib/jvm/java-21-openjdk-arm64',
];

export async function elasticsearchAnswers(url) {
  try {
    const response = await fetch(`${url}/_cluster/health?wait_for_status=yellow&timeout=2s`, {
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) return false;
    const { status } = await response.json();
    return status === 'yellow' || status === 'green';
  } catch {
    return false;
  }
}

/** Returns { url, service? }; service is set when this run started Elasticsearch and must stop it. */
export async function ensureElasticsearch(runDir, services) {
  const given = process.env.ELASTICSEARCH_URL;
  if (given) {
    if (await elasticsearchAnswers(given)) {
      say(`using Elasticsearch at ${given}`);
      return { url: given };
    }
    say(`ELASTICSEARCH_URL=${given} does not answer; starting a local Elasticsearch ${VERSION} instead`);
  }
  const url = `http://127.0.0.1:${PORT}`;
  if (await elasticsearchAnswers(url)) {
    throw new SetupError(
      `port ${PORT} already has an Elasticsearch (left over from an earlier run?): stop it, or set ELASTICSEARCH_URL=${url}`,
    );
  }
  const node = prepareElasticsearch(runDir);
  const { service } = await launchElasticsearch(node, { port: PORT, transportPort: TRANSPORT_PORT }, services);
  return { url, service };
}

/**
 * An Elasticsearch unpacked into `runDir/<name>` and handed to its non-root user, ready to launch (and
 * launch again after a stop: its data stays). Fault tests use it to run their own node on spare ports.
 */
export function prepareElasticsearch(runDir, name = 'elasticsearch') {
  const zip = downloadedDistribution();
  const javaHome = findJdk();
  const dirs = unpack(zip, runDir, name);
  const owner = isRoot() ? esUser() : undefined;
  if (owner) {
    const chown = runSync('chown', ['-R', `${owner.uid}:${owner.gid}`, dirs.root]);
    if (chown.status !== 0) throw new SetupError(`cannot hand ${dirs.root} to ${ES_USER}: ${chown.stderr}`);
  }
  return { dirs, javaHome, owner };
}

/** Starts a prepared node on `port` and waits until it answers; `services` (optional) collects it for stopping. */
export async function launchElasticsearch({ dirs, javaHome, owner }, { port, transportPort }, services = []) {
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(dirs.root, 'stdout.log');
  const service = startService({
    name: 'elasticsearch',
    command: join(dirs.home, 'bin', 'elasticsearch'),
    args: settings(dirs, port, transportPort).flatMap((setting) => ['-E', setting]),
    env: esEnv(javaHome, dirs),
    cwd: dirs.home,
    uid: owner?.uid,
    gid: owner?.gid,
    logFile,
  });
  services.push(service);
  const started = Date.now();
  await waitUntil(() => elasticsearchAnswers(url), {
    what: `Elasticsearch ${VERSION}`,
    timeoutMs: 180_000,
    intervalMs: 1000,
    service,
    describe: () =>
      `--- ${logFile} ---\n${tail(logFile, 30)}\n--- ${join(dirs.logs, 'kuzet-test.log')} ---\n${tail(join(dirs.logs, 'kuzet-test.log'), 30)}`,
  });
  say(`started Elasticsearch ${VERSION} at ${url} in ${Math.round((Date.now() - started) / 1000)} s`);
  return { url, service };
}

function cacheDir() {
  return process.env.KUZET_CACHE_DIR
    ? join(process.env.KUZET_CACHE_DIR, 'elasticsearch')
    : join(homedir(), '.cache', 'kuzet', 'elasticsearch');
}

/** The distribution zip, fetched once with Maven into the cache. */
function downloadedDistribution() {
  const dir = cacheDir();
  const zip = join(dir, `elasticsearch-${VERSION}.zip`);
  if (existsSync(zip)) return zip;
  if (!commandExists('mvn')) aptInstall(['maven'], 'fetching Elasticsearch needs Maven');
  mkdirSync(dir, { recursive: true });
  const staging = mkdtempSync(join(dir, 'download-'));
  say(`fetching ${ARTIFACT} with Maven into ${dir} (once; later runs reuse it)`);
  const mvn = runSync(
    'mvn',
    ['-B', '-q', 'dependency:copy', `-Dartifact=${ARTIFACT}`, `-DoutputDirectory=${staging}`],
    {
      cwd: staging,
      stdio: 'inherit',
    },
  );
  const fetched = join(staging, `elasticsearch-${VERSION}.zip`);
  if (mvn.status !== 0 || !existsSync(fetched)) {
    rmSync(staging, { recursive: true, force: true });
    throw new SetupError(
      `could not fetch ${ARTIFACT} from Maven Central (exit ${mvn.status}); check network access to repo.maven.apache.org`,
    );
  }
  renameSync(fetched, zip);
  rmSync(staging, { recursive: true, force: true });
  return zip;
}

/** A JDK that Elasticsearch 8.19 runs on (17 or 21); ES_JAVA_HOME wins when set. */
function findJdk() {
  const candidates = [process.env.ES_JAVA_HOME, ...JDK_CANDIDATES].filter(Boolean);
  let found = candidates.find((dir) => existsSync(join(dir, 'bin', 'java')));
  if (!found) {
    aptInstall(['openjdk-17-jre-headless'], 'Elasticsearch needs Java 17');
    found = JDK_CANDIDATES.find((dir) => existsSync(join(dir, 'bin', 'java')));
  }
  if (!found) throw new SetupError(`no JDK found in ${JDK_CANDIDATES.join(', ')}; set ES_JAVA_HOME to a Java 17 or 21`);
  return found;
}

function unpack(zip, runDir, name) {
  const root = join(runDir, name);
  const home = join(root, `elasticsearch-${VERSION}`);
  mkdirSync(root, { recursive: true });
  // A run killed mid-unpack leaves a partial tree behind: unpack afresh over it, never interactively.
  rmSync(home, { recursive: true, force: true });
  const unzip = runSync('unzip', ['-q', '-o', zip, '-d', root]);
  if (unzip.status !== 0) {
    const corrupt = runSync('unzip', ['-tq', zip]).status !== 0;
    if (corrupt) rmSync(zip, { force: true });
    throw new SetupError(
      `cannot unpack ${zip}${corrupt ? ' (it is damaged: removed it; the next run fetches it again)' : ''}: ${unzip.stderr || 'is unzip installed?'}`,
    );
  }
  const dirs = {
    root,
    home,
    data: join(root, 'data'),
    logs: join(root, 'logs'),
    tmp: join(root, 'tmp'),
  };
  for (const dir of [dirs.data, dirs.logs, dirs.tmp]) mkdirSync(dir, { recursive: true });
  return dirs;
}

function esUser() {
  if (runSync('id', ['-u', ES_USER]).status !== 0) {
    say(`creating system user ${ES_USER} (Elasticsearch refuses to run as root)`);
    const add = runSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', ES_USER]);
    if (add.status !== 0) throw new SetupError(`useradd ${ES_USER} failed: ${add.stderr}`);
  }
  const uid = Number(runSync('id', ['-u', ES_USER]).stdout.trim());
  const gid = Number(runSync('id', ['-g', ES_USER]).stdout.trim());
  return { uid, gid };
}

function settings(dirs, port, transportPort) {
  return [
    'cluster.name=kuzet-test',
    'node.name=kuzet-test-node',
    'discovery.type=single-node',
    'network.host=127.0.0.1',
    `http.port=${port}`,
    `transport.port=${transportPort}`,
    `path.data=${dirs.data}`,
    `path.logs=${dirs.logs}`,
    'xpack.security.enabled=false',
    'cluster.routing.allocation.disk.threshold_enabled=false',
    'action.destructive_requires_name=false',
  ];
}

function esEnv(javaHome, dirs) {
  const { JAVA_HOME: _ignored, ...env } = process.env;
  return {
    ...env,
    ES_JAVA_HOME: javaHome,
    ES_JAVA_OPTS: '-Xms512m -Xmx1g',
    ES_TMPDIR: dirs.tmp,
    HOME: dirs.root,
  };
}
