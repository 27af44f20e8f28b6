/**
 * A lease kept alive by a heartbeat: renewed every third of its ttl while the holder works, lost (its
 * `lost` signal aborts) when a renewal finds another holder or when no renewal succeeded for a whole ttl
 * (the backend unreachable: someone else may hold it by now). Both queue adapters build their leases here.
 *
 * @example
 * const lease = await queues.lease('crawl:orda', 30_000);
 * if (lease) try { await crawl({ signal: lease.lost }); } finally { await lease.release(); }
 */
export interface Lease {
  /** Aborted when the holder no longer owns the lease; the reason says why. A fenced holder stops. */
  readonly lost: AbortSignal;
  /** Stops the heartbeat and frees the key if this holder still owns it; never waits longer than `ttl`. */
  release(): Promise<void>;
}

export interface LeaseBackend {
  /** Extends the lease by its ttl if this holder still owns it; false when it does not. */
  renew(): Promise<boolean>;
  /** Frees the key if this holder still owns it. */
  free(): Promise<void>;
}

/** Longest a renewal or release may take before it counts as failed (the backend is unreachable). */
const CALL_LIMIT_MS = 2_000;

export function heartbeatLease(key: string, ttlMs: number, backend: LeaseBackend): Lease {
  const controller = new AbortController();
  let renewedAt = Date.now();
  let renewing = false;
  const beat = async () => {
    if (renewing || controller.signal.aborted) return;
    renewing = true;
    try {
      const owned = await withLimit(backend.renew(), Math.min(CALL_LIMIT_MS, ttlMs / 3));
      if (owned) renewedAt = Date.now();
      else lose(`lease ${key} was taken over or expired before it could be renewed`);
    } catch (error) {
      if (Date.now() - renewedAt >= ttlMs) {
        lose(`lease ${key} could not be renewed for ${ttlMs} ms: ${(error as Error).message}`);
      }
    } finally {
      renewing = false;
    }
  };
  const timer = setInterval(beat, Math.max(10, Math.floor(ttlMs / 3)));
  timer.unref();
  const lose = (reason: string) => {
    clearInterval(timer);
    if (!controller.signal.aborted) controller.abort(new LeaseLost(reason));
  };
  return {
    lost: controller.signal,
    async release() {
      clearInterval(timer);
      await withLimit(backend.free(), Math.min(CALL_LIMIT_MS, ttlMs)).catch(() => {
        // Unreachable backend: the key expires by itself within its ttl.
      });
    },
  };
}

/** The reason a lease's `lost` signal carries. */
export class LeaseLost extends Error {
  override name = 'LeaseLost';
}

/** Rejects when `promise` has not settled within `ms`. */
export function withLimit<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${Math.round(ms)} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
