/**
 * Zipf-distributed vocabularies for the synthetic corpus. Real news text follows Zipf's law (the k-th
 * most frequent word has frequency ∝ 1/k^s, s ≈ 1): a few words appear in most articles, most words
 * in very few. Each language gets its real word list at the head and at topical mid ranks, padded
 * with generated pseudo-words to VOCABULARY_SIZE.
 */
import type { Lang } from '../../domain.js';
import { random } from './random.js';
import { VOCABULARY } from './words.js';

export const VOCABULARY_SIZE = 20_000;
export const ZIPF_EXPONENT = 1;
/** Rank (0-based) where the topical words (migration, borders, permits) start. */
export const TOPICAL_RANK = 150;

const SYLLABLES: Partial<Record<Lang, { consonants: string; vowels: string }>> = {
  ru: { consonants: 'бвгджзклмнпрстфхцчшщ', vowels: 'аеиоуыяю' },
  kk: { consonants: 'бгғджзйкқлмнңпрстшх', vowels: 'аәеиоөұүыі' },
  en: { consonants: 'bcdfghjklmnprstvwz', vowels: 'aeiou' },
};

function pseudoWords(lang: Lang, count: number, taken: Set<string>): string[] {
  const rnd = random(lang.charCodeAt(0) * 131 + lang.charCodeAt(1));
  const { consonants, vowels } = SYLLABLES[lang] ?? (SYLLABLES.en as { consonants: string; vowels: string });
  const out: string[] = [];
  while (out.length < count) {
    let w = '';
    const syllables = 2 + Math.floor(rnd() * 3);
    for (let i = 0; i < syllables; i++)
      w += consonants[Math.floor(rnd() * consonants.length)] + vowels[Math.floor(rnd() * vowels.length)];
    if (rnd() < 0.5) w += consonants[Math.floor(rnd() * consonants.length)];
    if (taken.has(w)) continue;
    taken.add(w);
    out.push(w);
  }
  return out;
}

export interface RankedVocabulary {
  /** Most frequent first. */
  words: string[];
  /** Draws a word with Zipf probability. */
  draw: (rnd: () => number) => string;
}

const cache = new Map<Lang, RankedVocabulary>();

/**
 * The ranked vocabulary of a language: its general words first, pseudo-words around them, and its
 * migration words from TOPICAL_RANK on.
 *
 * @example
 * const v = rankedVocabulary('ru'); v.words[0]; // 'город'; v.draw(rnd)
 */
export function rankedVocabulary(lang: Lang): RankedVocabulary {
  const hit = cache.get(lang);
  if (hit) return hit;
  const v = VOCABULARY[lang];
  if (!v) throw new Error(`bench: no synthetic vocabulary for ${lang}`);
  const general = v.filler.filter((w) => !v.topical.includes(w));
  const pseudo = pseudoWords(lang, VOCABULARY_SIZE - v.filler.length, new Set(v.filler));
  const head = [...general, ...pseudo.slice(0, Math.max(0, TOPICAL_RANK - general.length))];
  const rest = pseudo.slice(head.length - general.length);
  const words = [...head];
  v.topical.forEach((w, i) => {
    words.push(w, ...rest.splice(0, i < v.topical.length - 1 ? 20 : 0));
  });
  words.push(...rest);
  const cumulative = new Float64Array(words.length);
  let sum = 0;
  for (let k = 0; k < words.length; k++) cumulative[k] = sum += 1 / (k + 1) ** ZIPF_EXPONENT;
  const draw = (rnd: () => number) => {
    const x = rnd() * sum;
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo];
  };
  const ranked = { words, draw };
  cache.set(lang, ranked);
  return ranked;
}
