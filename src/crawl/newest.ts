import { TopK } from '../top-k.js';

interface Ranked<T> {
  item: T;
  date: string;
  seq: number;
}

/** a ranks below b: older, or as old and listed later. Undated items are the oldest. */
const below = <T>(a: Ranked<T>, b: Ranked<T>) => (a.date === b.date ? a.seq > b.seq : a.date < b.date);

/**
 * Keeps the `capacity` newest of the items offered to it (undated ones count as the oldest; of two equally
 * dated, the one offered first), in memory for `capacity` items however many are offered.
 *
 * @example
 * const newest = new NewestFirst<{ published_at: string | null }>(2);
 * for (const d of ['2024-01-02', null, '2024-01-03', '2024-01-01']) newest.offer({ published_at: d });
 * newest.sorted(); // [{ published_at: '2024-01-03' }, { published_at: '2024-01-02' }]; newest.offered === 4
 */
export class NewestFirst<T extends { published_at: string | null }> {
  private readonly top: TopK<Ranked<T>>;

  constructor(readonly capacity: number) {
    this.top = new TopK<Ranked<T>>(capacity, below);
  }

  /** Items offered so far, kept or not. */
  get offered(): number {
    return this.top.offered;
  }

  offer(item: T): void {
    this.top.offer({ item, date: item.published_at ?? '', seq: this.top.offered });
  }

  /** The items kept, newest first. */
  sorted(): T[] {
    return this.top.sorted().map((r) => r.item);
  }
}
