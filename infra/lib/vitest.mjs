// Runs vitest with the default and json reporters and turns the json report into the summary line.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Runs `npx vitest run` with extra CLI args in its own process group, so stop() also ends its
 * worker processes. Resolves { code, report, timedOut } (report null when vitest wrote none).
 */
export function runVitest(args, runDir, env, { deadlineMs, onStart, reportName = 'vitest-report.json' }) {
  const reportFile = join(runDir, reportName);
  const vitestArgs = [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
    ...args,
  ];
  const child = spawn('npx', vitestArgs, { env, stdio: 'inherit', detached: true });
  let timedOut = false;
  const exit = new Promise((resolve) => {
    child.on('error', (error) => resolve({ code: null, error }));
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1) }));
  });
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const stop = async () => {
    signalGroup('SIGTERM');
    const kill = setTimeout(() => signalGroup('SIGKILL'), 5000);
    await exit;
    clearTimeout(kill);
    signalGroup('SIGKILL');
  };
  onStart({ name: 'vitest', stop });
  const deadline = setTimeout(() => {
    timedOut = true;
    void stop();
  }, deadlineMs);
  return exit.then(({ code, error }) => {
    clearTimeout(deadline);
    signalGroup('SIGKILL');
    const report = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : null;
    return { code, error, report, timedOut };
  });
}

/** One report from the reports of several vitest runs (null when none wrote one). */
export function mergeReports(reports) {
  const written = reports.filter(Boolean);
  if (written.length === 0) return null;
  const sum = (key) => written.reduce((n, r) => n + (r[key] ?? 0), 0);
  return {
    numPassedTests: sum('numPassedTests'),
    numFailedTests: sum('numFailedTests'),
    numPendingTests: sum('numPendingTests'),
    numTodoTests: sum('numTodoTests'),
    testResults: written.flatMap((r) => r.testResults ?? []),
  };
}

/**
 * Counts from the json report. A test file that failed before running its tests (import error,
 * failing hook) counts as one failed test, so it can never pass unnoticed.
 */
export function summarize(report) {
  const files = report?.testResults ?? [];
  const passed = report?.numPassedTests ?? 0;
  const skipped = (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0);
  const brokenFiles = files.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  );
  const failed = (report?.numFailedTests ?? 0) + brokenFiles.length;
  const line = `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
  return { passed, failed, skipped, brokenFiles: brokenFiles.map((file) => file.name), line };
}
