import { franc } from 'franc';
import type { Lang } from '../domain.js';

const FRANC_TO_LANG: Record<string, Lang> = { rus: 'ru', kaz: 'kk', eng: 'en', uzn: 'uz', kir: 'ky', tgk: 'tg' };
const FRANC_ONLY = Object.keys(FRANC_TO_LANG);
const SAMPLE_CHARS = 4000;
const MIN_LETTERS = 20;

const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;

/** Picks a Cyrillic-script language by the letters only it uses; undefined when none stands out. */
function cyrillicByLetters(text: string, threshold: number): Lang | undefined {
  const kazakhOnly = count(text, /[әұһіӘҰҺІ]/g);
  const tajikOnly = count(text, /[ӣӯҷӢӮҶ]/g);
  const uzbekOnly = count(text, /[ўЎ]/g);
  const ghQa = count(text, /[ғқҒҚ]/g);
  const ha = count(text, /[ҳҲ]/g);
  const ngOeUe = count(text, /[ңөүҢӨҮ]/g);
  const scores: Array<[Lang, number]> = [
    ['kk', kazakhOnly * 2 + (tajikOnly + uzbekOnly + ha === 0 && kazakhOnly + ghQa > 0 ? ghQa + ngOeUe : 0)],
    ['tg', tajikOnly * 2 + (uzbekOnly === 0 && tajikOnly > 0 ? ha + ghQa : 0)],
    ['uz', uzbekOnly * 2 + (tajikOnly === 0 && uzbekOnly > 0 ? ha + ghQa : 0)],
    ['ky', kazakhOnly + ghQa + ha === 0 ? ngOeUe : 0],
  ];
  const [lang, score] = scores.reduce((best, next) => (next[1] > best[1] ? next : best));
  return score >= threshold ? lang : undefined;
}

function latinUzbekSignals(text: string): number {
  return count(text, /[oOgG][ʻʼ'‘’`]/g) * 2 + count(text, /\b(va|bilan|uchun|ham|bu|shu|qilish|haqida)\b/gi);
}

/**
 * Identifies the language of a text among ru, kk, en, uz, ky, tg. Script-specific letters (Kazakh әғқңөұүһі,
 * Tajik ӣӯҳҷ, Uzbek oʻ gʻ) are strong signals; franc decides the rest. Short texts fall back to the first hint,
 * and `und` is returned when nothing is known.
 *
 * @example
 * detectLanguage('Қазақстан Республикасының үкіметі көші-қон туралы жаңа заң жобасын ұсынды.'); // 'kk'
 * detectLanguage('ok', ['ru']); // 'ru'
 */
export function detectLanguage(text: string, hints: Lang[] = []): Lang {
  const fallback: Lang = hints.find((h) => h !== 'und') ?? 'und';
  const sample = (text ?? '').slice(0, SAMPLE_CHARS);
  const cyrillic = count(sample, /\p{Script=Cyrillic}/gu);
  const latin = count(sample, /\p{Script=Latin}/gu);
  if (cyrillic + latin < MIN_LETTERS) return fallback;
  if (cyrillic >= latin) {
    const byLetters = cyrillicByLetters(sample, Math.max(2, cyrillic * 0.004));
    if (byLetters) return byLetters;
    const guess = FRANC_TO_LANG[franc(sample, { only: ['rus', 'kaz', 'kir', 'tgk'], minLength: 10 })];
    if (guess && guess !== 'ru' && hints.includes(guess)) return guess;
    return 'ru';
  }
  if (latinUzbekSignals(sample) >= Math.max(3, latin * 0.01)) return 'uz';
  const guess = FRANC_TO_LANG[franc(sample, { only: FRANC_ONLY, minLength: 10 })];
  if (guess === 'uz' || guess === 'en') return guess;
  return hints.includes('uz') ? 'uz' : 'en';
}
