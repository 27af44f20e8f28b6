/** Stemmers per language: natural's Porter stemmers for Russian and English, suffix rules for Turkic languages. */
import type { Lang } from '../domain.js';
import natural from './natural.js';

/** Case endings, longest first (accusative -н only after a possessive vowel, see KK_POSSESSIVE_CASE). */
const KK_CASE = [
  'ның',
  'нің',
  'дың',
  'дің',
  'тың',
  'тің',
  'нан',
  'нен',
  'дан',
  'ден',
  'тан',
  'тен',
  'мен',
  'бен',
  'пен',
  'ға',
  'ге',
  'қа',
  'ке',
  'да',
  'де',
  'та',
  'те',
  'ны',
  'ні',
  'ды',
  'ді',
  'ты',
  'ті',
];
/** Case endings that follow a 3rd-person possessive (-ы/-і/-сы/-сі): -н, -на, -нда, -нан, -ның. */
const KK_POSSESSIVE_CASE = ['ның', 'нің', 'нан', 'нен', 'нда', 'нде', 'на', 'не', 'н'];
const KK_POSSESSIVE = [
  'ымыз',
  'іміз',
  'мыз',
  'міз',
  'ыңыз',
  'іңіз',
  'ңыз',
  'ңіз',
  'сы',
  'сі',
  'ым',
  'ім',
  'ың',
  'ің',
  'ы',
  'і',
];
const KK_PLURAL = ['лар', 'лер', 'тар', 'тер', 'дар', 'дер'];
const KK_VOICED: Record<string, string> = { ғ: 'қ', г: 'к', б: 'п' };
const KK_MIN_STEM = 3;

const KK_VOWEL = /[аәеиоөұүыіэюя]$/;

/** Case endings in т/қ/к follow a consonant, -ны/-ні follow a vowel (квота is not квот + locative -та). */
function fitsCase(stem: string, suffix: string): boolean {
  const first = suffix[0];
  if (first === 'т' || first === 'қ' || first === 'к') return !KK_VOWEL.test(stem);
  if (suffix === 'ны' || suffix === 'ні') return KK_VOWEL.test(stem);
  return true;
}

function stripOne(w: string, suffixes: string[], min = KK_MIN_STEM, check = false): string {
  for (const s of suffixes)
    if (w.endsWith(s) && w.length - s.length >= min && (!check || fitsCase(w.slice(0, -s.length), s)))
      return w.slice(0, -s.length);
  return w;
}

/**
 * Strips Kazakh (and, roughly, Kyrgyz) endings in their slot order, from the end of the word: case, then
 * possessive, then plural (stem + plural + possessive + case), keeping at least 3 letters; a final ғ/г/б voiced
 * before a vowel ending goes back to қ/к/п (азаматтығын → азаматтық).
 *
 * @example
 * stemKazakh('мигранттарымыздың'); // 'мигрант'
 * stemKazakh('квотаны'); // 'квота'
 */
export function stemKazakh(word: string): string {
  let w = word;
  const afterPossessive = stripOne(w, KK_POSSESSIVE_CASE);
  let possessed = false;
  if (afterPossessive !== w && /[ыі]$/.test(afterPossessive)) {
    w = afterPossessive;
    possessed = true;
  } else w = stripOne(w, KK_CASE, KK_MIN_STEM, true);
  const beforePossessive = w;
  w = stripOne(w, KK_POSSESSIVE);
  if (possessed && w === beforePossessive) w = word;
  const beforePlural = w;
  w = stripOne(w, KK_PLURAL);
  if (w === beforePlural && w !== word && KK_VOWEL.test(word.slice(w.length, w.length + 1))) {
    const last = w[w.length - 1];
    if (KK_VOICED[last]) w = w.slice(0, -1) + KK_VOICED[last];
  }
  return w;
}

const CYRILLIC = /\p{Script=Cyrillic}/u;
const MEMO_LIMIT = 200_000;
const memo = new Map<Lang, Map<string, string>>();

function stemUncached(word: string, lang: Lang): string {
  if (word.length < 4 || /\d/.test(word)) return word;
  const cyr = CYRILLIC.test(word);
  if (lang === 'kk' || lang === 'ky') return cyr ? stemKazakh(word) : word;
  if (cyr) return /[әғқңөұүһі]/.test(word) ? stemKazakh(word) : natural.PorterStemmerRu.stem(word);
  if (lang === 'uz' || lang === 'tg') return word;
  return natural.PorterStemmer.stem(word);
}

function memoFor(lang: Lang): Map<string, string> {
  let m = memo.get(lang);
  if (!m) {
    m = new Map();
    memo.set(lang, m);
  }
  return m;
}

/**
 * Stems one normalised word for its language (memoised).
 *
 * @example
 * stem('мигрантов', 'ru'); // 'мигрант'
 * stem('мигранттарға', 'kk'); // 'мигрант'
 */
export function stem(word: string, lang: Lang): string {
  return stemmer(lang)(word);
}

/**
 * The memoised stemmer of one language, for loops over many tokens.
 *
 * @example
 * const stemRu = stemmer('ru');
 * stemRu('мигрантов'); // 'мигрант'
 */
export function stemmer(lang: Lang): (word: string) => string {
  const m = memoFor(lang);
  return (word) => {
    const hit = m.get(word);
    if (hit !== undefined) return hit;
    const out = stemUncached(word, lang);
    if (m.size >= MEMO_LIMIT) m.clear();
    m.set(word, out);
    return out;
  };
}
