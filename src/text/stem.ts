/** Stemmers per language: natural's Porter stemmers for Russian and English, suffix rules for Turkic languages. */
import type { Lang } from '../domain.js';
import natural from './natural.js';

const KK_SUFFIXES = [
  'ларымыздың',
  'леріміздің',
  'ларының',
  'лерінің',
  'тарының',
  'терінің',
  'дарының',
  'дерінің',
  'лардың',
  'лердің',
  'тардың',
  'тердің',
  'дардың',
  'дердің',
  'ларға',
  'лерге',
  'тарға',
  'терге',
  'дарға',
  'дерге',
  'лардан',
  'лерден',
  'тардан',
  'терден',
  'дардан',
  'дерден',
  'ларды',
  'лерді',
  'тарды',
  'терді',
  'дарды',
  'дерді',
  'ларда',
  'лерде',
  'тарда',
  'терде',
  'дарда',
  'дерде',
  'ларын',
  'лерін',
  'тарын',
  'терін',
  'дарын',
  'дерін',
  'лары',
  'лері',
  'тары',
  'тері',
  'дары',
  'дері',
  'лар',
  'лер',
  'тар',
  'тер',
  'дар',
  'дер',
  'ының',
  'інің',
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
  'ына',
  'іне',
  'нда',
  'нде',
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
  'мен',
  'бен',
  'пен',
  'ымыз',
  'іміз',
  'сы',
  'сі',
  'ым',
  'ім',
  'ың',
  'ің',
  'ы',
  'і',
];

/** Strips Kazakh (and, roughly, Kyrgyz) plural, possessive and case endings, keeping at least 3 letters. */
export function stemKazakh(word: string): string {
  let w = word;
  for (let round = 0; round < 3; round++) {
    const suffix = KK_SUFFIXES.find((s) => w.endsWith(s) && w.length - s.length >= 3);
    if (!suffix) break;
    w = w.slice(0, -suffix.length);
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
  if (!m) memo.set(lang, (m = new Map()));
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
