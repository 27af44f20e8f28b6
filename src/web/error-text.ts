/**
 * The messages of the API's 400 and 404 errors as the UI shows them: in English as they are, in Russian through
 * one table of patterns (parameter names become the form's labels). A message with no pattern is shown in a
 * general Russian sentence that names the field, never in English.
 */
import { paramName, type Strings, type UiLang } from './i18n.js';

type Rule = [RegExp, (m: RegExpExecArray) => string];

const RULES: Rule[] = [
  [/^give it once$/, () => 'укажите один раз'],
  [/^unknown parameter/, () => 'неизвестный параметр'],
  [/^at most (\d+) \w+ values$/, (m) => `не больше ${m[1]} значений`],
  [/^\w+ must be YYYY-MM-DD or an ISO datetime/, () => 'нужна дата ГГГГ-ММ-ДД или дата со временем по ISO 8601'],
  [/^\w+ is not a real date$/, () => 'такой даты нет в календаре'],
  [/^\w+ is not an ISO date or datetime/, () => 'нужна дата ГГГГ-ММ-ДД или дата со временем по ISO 8601'],
  [/^must not be after to$/, () => 'начало периода позже его конца'],
  [/^must be true or false$/, () => 'должно быть true или false'],
  [/^must be a number$/, () => 'должно быть числом'],
  [/^must be an integer$/, () => 'должно быть целым числом'],
  [/^must be (-?[\d.]+)\.\.(-?[\d.]+)$/, (m) => `должно быть от ${m[1]} до ${m[2]}`],
  [/^must be a target group key$/, () => 'не похоже на код целевой группы'],
  [/^must be a source id$/, () => 'не похоже на код источника'],
  [/^must be a two-letter country code$/, () => 'нужен двухбуквенный код страны, например KZ'],
  [/^must be one of (.+)$/, (m) => `допустимые значения: ${m[1]}`],
  [/^must be (.+) or (\w+)$/, (m) => `допустимые значения: ${m[1]}, ${m[2]}`],
  [/^(is not a cursor|cursor is not a cursor)/, () => 'ссылка на страницу устарела; начните поиск заново'],
  [/^too many time-series buckets/, () => 'слишком много периодов: выберите интервал длиннее или период короче'],
  [/^at most (\d+) (\w+)s between from and to/, (m) => `не больше ${m[1]} периодов между «С» и «По»`],
  [/^is not an article id$/, () => 'неверный код материала'],
  [/^No article with id (\S+?);/, (m) => `материала ${m[1]} нет; возможно, он удалён`],
  [/^unknown label (.+)$/, (m) => `неизвестная метка ${m[1]}`],
  [/^Unclosed quote at position (\d+)/, (m) => `незакрытая кавычка (позиция ${m[1]}): добавьте закрывающую`],
  [/^Empty phrase at position (\d+)/, (m) => `пустая фраза (позиция ${m[1]}): напишите слова между кавычками`],
  [
    /^(Misplaced \*|Prefix too short) at position (\d+)/,
    (m) => `перед * нужны хотя бы 2 буквы (позиция ${m[2]}), например мигрант*`,
  ],
  [/^The query ends too early at position (\d+)/, (m) => `запрос обрывается (позиция ${m[1]}): добавьте слово`],
  [/^Too deeply nested at position (\d+)/, (m) => `слишком много вложенных скобок (позиция ${m[1]})`],
  [/^Unclosed parenthesis at position (\d+)/, (m) => `незакрытая скобка (позиция ${m[1]}): добавьте )`],
  [
    /^Unexpected .* at position (\d+)/,
    (m) => `лишний знак или оператор (позиция ${m[1]}): проверьте скобки и операторы`,
  ],
  [
    /^Too many terms at position (\d+): a query may hold at most (\d+)/,
    (m) => `слишком много слов (позиция ${m[1]}): не больше ${m[2]}`,
  ],
  [
    /^The query only excludes terms/,
    () => 'запрос только исключает слова: добавьте хотя бы одно искомое, например мигранты -спорт',
  ],
];

/**
 * An API error message in the interface language.
 *
 * @example
 * errorText('from: must not be after to', 'ru', strings('ru')) // '«С»: начало периода позже его конца'
 */
export function errorText(message: string, ui: UiLang, t: Strings): string {
  if (ui === 'en') return message;
  const m = /^([a-z_]+): (.*)$/s.exec(message);
  const [param, rest] = m ? [m[1], m[2]] : ['', message];
  for (const [pattern, say] of RULES) {
    const hit = pattern.exec(rest);
    if (hit) return param ? `«${paramName(t, param)}»: ${say(hit)}` : say(hit);
  }
  return param ? `«${paramName(t, param)}»: неверное значение` : 'Запрос не удалось выполнить';
}
