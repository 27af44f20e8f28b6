/** Edit distance between two short strings: insertions, deletions, substitutions and swaps of neighbours. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

/**
 * The candidate closest to a mistyped word, if it is close enough to be what was meant: within a third of the
 * word's length in edits (at least 2), or one starts with the other.
 *
 * @example
 * closest('dta', ['data', 'sources']) // 'data'
 * closest('xyz', ['data']) // null
 */
export function closest(word: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  const w = word.toLowerCase();
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    if (c === w) return candidate;
    const score = c.startsWith(w) || w.startsWith(c) ? 0.5 : distance(w, c);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best !== null && bestScore <= Math.max(2, Math.floor(w.length / 3)) ? best : null;
}

/**
 * " (did you mean X?)" when a candidate is close, else "".
 *
 * @example
 * `unknown option --dta${didYouMean('dta', ['data'], (c) => `--${c}`)}` // 'unknown option --dta (did you mean --data?)'
 */
export function didYouMean(word: string, candidates: Iterable<string>, show = (c: string) => c): string {
  const match = closest(word, candidates);
  return match === null ? '' : ` (did you mean ${show(match)}?)`;
}
