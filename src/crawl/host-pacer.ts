const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spaces requests to the same host at least `delayMs` apart, whatever the concurrency: the requests to one
 * host take turns, and each turn starts `delayMs` after the previous one was let through. A turn waits for
 * the one before it, so a stalled event loop (a long page being parsed) cannot let two through at once.
 * Works for IP hosts too.
 *
 * @example
 * const pacer = new HostPacer(1000);
 * await pacer.wait('https://tengrinews.kz/a'); await pacer.wait('https://tengrinews.kz/b'); // ≥1 s apart
 */
export class HostPacer {
  private readonly turns = new Map<string, Promise<void>>();
  private readonly released = new Map<string, number>();

  constructor(private readonly delayMs: number) {}

  wait(url: string): Promise<void> {
    if (this.delayMs <= 0) return Promise.resolve();
    let host: string;
    try {
      host = new URL(url).host;
    } catch {
      return Promise.resolve();
    }
    const turn = (this.turns.get(host) ?? Promise.resolve()).then(async () => {
      const left = (this.released.get(host) ?? 0) + this.delayMs - Date.now();
      if (left > 0) await sleep(left);
      this.released.set(host, Date.now());
    });
    this.turns.set(host, turn);
    return turn;
  }
}

const shared = new Map<number, HostPacer>();

/**
 * The process-wide pacer for a delay: crawls of different sources on one host (the Telegram
 * channels on t.me, a site with several sections as sources) are spaced against each other too.
 */
export function sharedHostPacer(delayMs: number): HostPacer {
  let pacer = shared.get(delayMs);
  if (!pacer) {
    pacer = new HostPacer(delayMs);
    shared.set(delayMs, pacer);
  }
  return pacer;
}
