/** Grammar words the analyzer needs for scope: negators, reporting verbs and clause breakers, per language. */
import type { Lang } from '../domain.js';

export interface ScopeWords {
  /** Negate the words that follow (ru не, en not). */
  negatorsBefore: Set<string>;
  /** Negate the words that precede (kk емес, жоқ). */
  negatorsAfter: Set<string>;
  /** Prefixes of reporting verbs and attributions; a sentence holding one is reported speech. */
  reporting: string[];
  /** Words that end a negation scope. */
  breakers: Set<string>;
}

const ru: ScopeWords = {
  negatorsBefore: new Set(['не', 'ни', 'нет', 'никогда', 'нисколько', 'вовсе', 'отнюдь']),
  negatorsAfter: new Set(),
  reporting: [
    'заявил',
    'заявля',
    'сказал',
    'говорит',
    'говорил',
    'написал',
    'пишет',
    'назвал',
    'называл',
    'называя',
    'назва',
    'утвержда',
    'сообщил',
    'цитир',
    'процитир',
    'по словам',
    'кричал',
    'выкрикивал',
    'оскорбля',
    'обозвал',
    'обзыва',
    'якобы',
    'мол',
    'дескать',
    'высказыван',
  ],
  breakers: new Set(['но', 'а', 'однако', 'хотя', 'зато', 'и']),
};

const kk: ScopeWords = {
  negatorsBefore: new Set(['ешқашан', 'еш']),
  negatorsAfter: new Set(['емес', 'жоқ', 'емеспіз', 'емеспін', 'емессің', 'емес пе']),
  reporting: [
    'деді',
    'деп',
    'дейді',
    'айтты',
    'айтқан',
    'жазды',
    'жазған',
    'атады',
    'атаған',
    'мәлімдеді',
    'хабарлады',
    'сөзінше',
    'пікірінше',
    'дегенді',
    'деген',
  ],
  breakers: new Set(['бірақ', 'алайда', 'және']),
};

const en: ScopeWords = {
  negatorsBefore: new Set([
    'not',
    'no',
    'never',
    'nobody',
    'none',
    'neither',
    'nor',
    'nothing',
    'hardly',
    "don't",
    "doesn't",
    "didn't",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "won't",
    "can't",
    'cannot',
    "shouldn't",
    "wouldn't",
    "haven't",
    "hasn't",
    'dont',
    'doesnt',
    'isnt',
    'arent',
    'wont',
    'cant',
  ]),
  negatorsAfter: new Set(),
  reporting: [
    'said',
    'says',
    'saying',
    'claim',
    'called',
    'calling',
    'wrote',
    'writes',
    'tweet',
    'posted',
    'shouted',
    'told',
    'according to',
    'quote',
    'statement',
    'remark',
    'comment',
    'allegedly',
    'accused',
  ],
  breakers: new Set(['but', 'although', 'though', 'however', 'and', 'yet']),
};

const uz: ScopeWords = {
  negatorsBefore: new Set(['hech', 'хеч']),
  negatorsAfter: new Set(['emas', 'эмас', 'yoʻq', "yo'q", 'йўқ']),
  reporting: ['dedi', 'деди', 'deb', 'деб', 'aytdi', 'айтди', 'yozdi', 'ёзди'],
  breakers: new Set(['lekin', 'ammo', 'лекин', 'аммо']),
};

const ky: ScopeWords = {
  negatorsBefore: new Set(['эч', 'эч качан']),
  negatorsAfter: new Set(['эмес', 'жок']),
  reporting: ['деди', 'деп', 'айтты', 'жазды'],
  breakers: new Set(['бирок', 'жана']),
};

const tg: ScopeWords = {
  negatorsBefore: new Set(['не', 'ҳеҷ', 'на']),
  negatorsAfter: new Set(['нест']),
  reporting: ['гуфт', 'навишт', 'изҳор'],
  breakers: new Set(['вале', 'аммо']),
};

const BY_LANG: Record<Lang, ScopeWords> = { ru, kk, en, uz, ky, tg, und: ru };

export function scopeWords(lang: Lang): ScopeWords {
  return BY_LANG[lang] ?? ru;
}
