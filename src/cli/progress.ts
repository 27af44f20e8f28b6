/**
 * A progress bar on stderr for long commands: redrawn in place on a terminal, one line per update otherwise.
 *
 * @example
 * const progress = progressOnStderr(total); progress.update(done); progress.end();
 */
export function progressBar(done: number, total: number): string {
  const width = 30;
  const filled = total ? Math.min(width, Math.round((done / total) * width)) : width;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

export function progressOnStderr(total: number): { update(done: number): void; end(): void } {
  const tty = process.stderr.isTTY;
  return {
    update(done) {
      process.stderr.write(tty ? `\r${progressBar(done, total)}` : `${progressBar(done, total)}\n`);
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}
