const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spaces requests to the same host at least `delayMs` apart, whatever the concurrency: each request
 * reserves the next free slot for its host and waits for it. Works for IP hosts too.
 *
 * @example
 * const pacer = new HostPacer(1000);
 * await pacer.wait('https://tengrinews.kz/a'); await pacer.wait('https://tengrinews.kz/b'); // ≥1 s apart
 */
export class HostPacer {
  private readonly nextSlot = new Map<string, number>();

  constructor(private readonly delayMs: number) {}

  async wait(url: string): Promise<void> {
    if (this.delayMs <= 0) return;
    let host: string;
    try {
      host = new URL(url).host;
    } catch {
      return;
    }
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot.get(host) ?? 0);
    this.nextSlot.set(host, slot + this.delayMs);
    if (slot > now) await sleep(slot - now);
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
