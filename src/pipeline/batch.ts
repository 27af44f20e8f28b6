/**
 * Batches items handed on one by one (the crawler's documents) into one call of `process`: each caller's promise
 * settles when its batch has been processed (stored), so nothing is reported done before it is durable. A batch
 * is flushed `windowMs` after its first item, or at once when it reaches `maxBatch`. When a batch fails, its items
 * are processed again one by one, so a bad one fails alone.
 *
 * @example
 * const emit = batcher((docs) => processDocuments(docs, deps));
 * await emit(doc); // stored
 */
export function batcher<T>(
  process: (items: T[]) => Promise<unknown>,
  { maxBatch = 64, windowMs = 50 }: { maxBatch?: number; windowMs?: number } = {},
): (item: T) => Promise<void> {
  let pending: Array<{ item: T; resolve: () => void; reject: (error: unknown) => void }> = [];
  let timer: NodeJS.Timeout | null = null;

  /** Batches are processed one after another, each seeing the ones before it stored. */
  let queue: Promise<void> = Promise.resolve();
  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = pending;
    pending = [];
    if (batch.length) queue = queue.then(() => processBatch(batch));
  }

  async function processBatch(batch: typeof pending): Promise<void> {
    try {
      await process(batch.map((p) => p.item));
      for (const p of batch) p.resolve();
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      for (const p of batch) {
        try {
          await process([p.item]);
          p.resolve();
        } catch (single) {
          p.reject(single);
        }
      }
    }
  }

  return (item: T) =>
    new Promise<void>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (pending.length >= maxBatch) flush();
      else timer ??= setTimeout(flush, windowMs);
    });
}
