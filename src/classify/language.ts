/** Language for classification: the shared detector, with a script fallback for very short texts. */
import type { Lang } from '../domain.js';
import { detectLanguage } from '../extract/language.js';

/**
 * @example
 * classifyLanguage('Чурки'); // 'ru'
 */
export function classifyLanguage(text: string): Lang {
  const lang = detectLanguage(text);
  if (lang !== 'und') return lang;
  if (/[әғқңөұүһі]/i.test(text)) return 'kk';
  return /\p{Script=Cyrillic}/u.test(text) ? 'ru' : 'en';
}
