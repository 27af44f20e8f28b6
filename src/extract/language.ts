import { francAll } from 'franc';
import type { Lang } from '../domain.js';

const FRANC_TO_LANG: Record<string, Lang> = { rus: 'ru', kaz: 'kk', eng: 'en', uzn: 'uz', kir: 'ky', tgk: 'tg' };
const FRANC_ONLY = Object.keys(FRANC_TO_LANG);
const FRANC_CYRILLIC = ['rus', 'kaz', 'kir', 'tgk', 'uzn'];
const SAMPLE_CHARS = 4000;
const MIN_LETTERS = 20;
/** Letters Russian does not use, in Kazakh, Kyrgyz, Tajik and Uzbek Cyrillic. */
const NON_RUSSIAN = /[әғқңөұүһіўҳҷӣӯӘҒҚҢӨҰҮҺІЎҲҶӢӮ]/;
/** Below this share of words with such letters, they may be a name or a short quote in a Russian text. */
const MIN_MARKED_WORDS = 0.15;
/** franc alone may overrule Russian only on this many Cyrillic letters, with Russian this far behind. */
const FRANC_MIN_LETTERS = 60;
const FRANC_MAX_RUSSIAN = 0.75;
/**
 * On this many Cyrillic letters with not one word using a letter Russian lacks, the text is Russian without asking
 * franc (its trigram count is most of the extractor's time): Kazakh, Kyrgyz, Tajik and Uzbek prose of that length
 * always uses some. Shorter texts typed without those letters (chat, comments) still go to franc.
 */
const RUSSIAN_ONLY_MIN_LETTERS = 300;

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

/** Links, link targets and code, whose Latin letters say nothing about the language of the text around them. */
function withoutMarkup(text: string): string {
  return text
    .replace(/\]\([^)\s]*\)/g, ']')
    .replace(/(?:https?:\/\/|www\.)\S+/gi, ' ')
    .replace(/```[\s\S]*?```|`[^`\n]*`/g, ' ');
}

/**
 * Russian, or Kazakh, Kyrgyz, Tajik or Uzbek written in Cyrillic. The letters Russian lacks decide when they are
 * spread over the text (a name such as «Тоқаев» or a short quote in a Russian article is not enough); franc, on
 * the five languages, decides the rest: its guess stands when the letters or the hints agree, or on a text long
 * enough with Russian far behind.
 */
function cyrillicLanguage(sample: string, letters: number, hints: Lang[]): Lang {
  const byLetters = cyrillicByLetters(sample, Math.max(2, letters * 0.004));
  const words = sample.match(/\p{Script=Cyrillic}+/gu) ?? [];
  const marked = words.filter((w) => NON_RUSSIAN.test(w)).length;
  if (byLetters && marked >= MIN_MARKED_WORDS * words.length) return byLetters;
  if (marked === 0 && letters >= RUSSIAN_ONLY_MIN_LETTERS) return 'ru';
  const ranked = francAll(sample, { only: FRANC_CYRILLIC, minLength: 10 });
  const guess = FRANC_TO_LANG[ranked[0]?.[0] ?? 'rus'] ?? 'ru';
  if (guess === 'ru') return 'ru';
  const russian = ranked.find(([code]) => code === 'rus')?.[1] ?? 0;
  const clear = letters >= FRANC_MIN_LETTERS && russian < FRANC_MAX_RUSSIAN;
  return guess === byLetters || hints.includes(guess) || clear ? guess : 'ru';
}

function latinUzbekSignals(text: string): number {
  return count(text, /[oOgG][ʻʼ'‘’`]/g) * 2 + count(text, /\b(va|bilan|uchun|ham|bu|shu|qilish|haqida)\b/gi);
}

/**
 * Identifies the language of a text among ru, kk, en, uz, ky, tg, in Cyrillic or Latin script (Uzbek in either).
 * Letters only one language uses (Kazakh әұһі, Tajik ӣӯҷ, Uzbek ў and oʻ gʻ, Kyrgyz ңөү) are strong signals when
 * they run through the text; franc decides the rest. Links and code are left out. Short texts fall back to the
 * first hint, and `und` is returned when nothing is known.
 *
 * @example
 * detectLanguage('Қазақстан Республикасының үкіметі көші-қон туралы жаңа заң жобасын ұсынды.'); // 'kk'
 * detectLanguage('Ҳукумати Ҷумҳурии Тоҷикистон барномаи нави муҳоҷирати меҳнатиро тасдиқ кард.'); // 'tg'
 * detectLanguage('ok', ['ru']); // 'ru'
 */
export function detectLanguage(text: string, hints: Lang[] = []): Lang {
  const fallback: Lang = hints.find((h) => h !== 'und') ?? 'und';
  const sample = withoutMarkup((text ?? '').slice(0, SAMPLE_CHARS * 2)).slice(0, SAMPLE_CHARS);
  const cyrillic = count(sample, /\p{Script=Cyrillic}/gu);
  const latin = count(sample, /\p{Script=Latin}/gu);
  if (cyrillic + latin < MIN_LETTERS) return fallback;
  if (cyrillic >= latin) return cyrillicLanguage(sample, cyrillic, hints);
  if (latinUzbekSignals(sample) >= Math.max(3, latin * 0.01)) return 'uz';
  const guess = FRANC_TO_LANG[francAll(sample, { only: FRANC_ONLY, minLength: 10 })[0]?.[0] ?? 'und'];
  if (guess === 'uz' || guess === 'en') return guess;
  return hints.includes('uz') ? 'uz' : 'en';
}
