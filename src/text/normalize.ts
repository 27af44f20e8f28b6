/** Character-level normalisation and de-obfuscation; every function keeps string length so offsets stay exact. */

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

/** Latin letters and digits that stand in for Cyrillic letters in obfuscated words (4урка, чypкa). */
const TO_CYRILLIC: Record<string, string> = {
  a: 'а',
  b: 'в',
  c: 'с',
  e: 'е',
  h: 'н',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
  u: 'и',
  '0': 'о',
  '3': 'з',
  '4': 'ч',
  '6': 'б',
  '@': 'а',
};

/** Digits and symbols that stand in for Latin letters (h4te, 1mmigrants, $cum). */
const TO_LATIN: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};

const APOSTROPHES = /['’ʻʼ‘`]/g;

/** Lower-cases, folds ё→е and apostrophe variants (Uzbek oʻ/o’/o') to one `'`; Kazakh letters stay. */
export function foldCase(word: string): string {
  return word.toLowerCase().replace(/ё/g, 'е').replace(APOSTROPHES, "'");
}

/** Collapses runs of three or more identical letters (Chuuuurkas → Churkas); changes length. */
export function collapseRuns(word: string): string {
  return /(\p{L})\1\1/u.test(word) ? word.replace(/(\p{L})\1{2,}/gu, '$1') : word;
}

/**
 * Maps look-alike characters to the script the word is written in: a word mixing Cyrillic with Latin letters or
 * digits becomes all Cyrillic; a Latin word with digits or `@$` becomes plain Latin. Length is preserved.
 *
 * @example
 * deobfuscate('4урка', 'ru'); // 'чурка'
 * deobfuscate('h4te', 'en'); // 'hate'
 */
export function deobfuscate(word: string, lang: string): string {
  const hasCyr = CYRILLIC.test(word);
  const hasLat = LATIN.test(word);
  const hasSym = /[0-9@$!]/.test(word);
  if (!hasSym && !(hasCyr && hasLat)) return word;
  if (/^[0-9]+$/.test(word)) return word;
  const cyrillicScript = hasCyr || (lang !== 'en' && lang !== 'uz' && !hasLat);
  const latinOnlyLookalikes = hasLat && !hasCyr && [...word].every((c) => c in TO_CYRILLIC || !LATIN.test(c));
  const toCyr = cyrillicScript || (lang !== 'en' && lang !== 'uz' && latinOnlyLookalikes && hasSym);
  const table = toCyr ? TO_CYRILLIC : TO_LATIN;
  if (!toCyr && !/[a-z]/.test(word)) return word;
  let out = '';
  for (const ch of word) out += ch === 'i' && toCyr ? (lang === 'kk' ? 'і' : 'и') : (table[ch] ?? ch);
  return out;
}
