import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain.js';
import { detectLanguage } from '../../src/extract/language.js';

const SAMPLES: Array<[string, string]> = [
  ['ru', 'Правительство утвердило новые правила въезда для иностранных граждан, которые приезжают на работу в страну.'],
  ['kk', 'Үкімет елге жұмыс істеуге келетін шетел азаматтарының келуінің жаңа ережелерін бекітті.'],
  ['en', 'The government approved new entry rules for foreign citizens who come to work in the country.'],
  [
    'uz',
    'Hukumat mamlakatga ishlash uchun keladigan xorijiy fuqarolarning kirishi uchun yangi qoidalarni tasdiqladi. Bu qaror oʻtgan haftada qabul qilingan.',
  ],
  ['ky', 'Өкмөт өлкөгө иштөөгө келген чет өлкөлүк жарандардын кирүүсүнүн жаңы эрежелерин бекитти.'],
  ['tg', 'Ҳукумат қоидаҳои нави воридшавии шаҳрвандони хориҷиро, ки барои кор ба кишвар меоянд, тасдиқ кард.'],
];

/** News sentences of the kinds the region's outlets publish, most of them about something other than migration. */
const REGION: Array<[Lang, string, string]> = [
  [
    'uz',
    'Latin with ʻ (U+02BB)',
    'Oʻzbekiston Respublikasi Prezidenti mehnat migratsiyasi masalalari boʻyicha yangi farmonni imzoladi. Farmonga koʻra, xorijda ishlayotgan fuqarolar uchun maslahat markazlari ochiladi.',
  ],
  [
    'uz',
    "Latin with ASCII '",
    "Rossiyadan qaytgan mehnat muhojirlari uchun yangi ish o'rinlari yaratiladi, dedi bandlik vaziri. U shuningdek, kasb-hunar kurslari bepul bo'lishini ma'lum qildi.",
  ],
  [
    'uz',
    'Latin with ‘',
    'Toshkent shahrida xalqaro kitob ko‘rgazmasi ochildi. Unda o‘ttizdan ortiq mamlakatdan nashriyotlar ishtirok etmoqda, tashkilotchilar tashrif buyuruvchilar soni oshishini kutmoqda.',
  ],
  [
    'uz',
    'Latin without apostrophes',
    'Hukumat yangi qarorni tasdiqladi. Endi chet elda ishlayotgan fuqarolar pensiya jamgarmasiga ixtiyoriy badal tolashi mumkin, bu haqda vazirlik xabar berdi.',
  ],
  [
    'uz',
    'Cyrillic with ў and ҳ',
    'Ўзбекистон Республикаси Президенти меҳнат миграцияси масалалари бўйича янги фармонни имзолади. Фармонга кўра, хорижда ишлаётган фуқаролар учун маслаҳат марказлари очилади.',
  ],
  [
    'uz',
    'Cyrillic without ў',
    'Ҳукумат янги қарорни тасдиқлади. Энди чет элда ишлаётган фуқаролар пенсия жамғармасига ихтиёрий бадал киритиши мумкин, деб хабар берди вазирлик.',
  ],
  [
    'uz',
    'Cyrillic, football',
    'Ўзбекистон терма жамоаси жаҳон чемпионати саралаш босқичида Эрон билан дуранг ўйнади. Ҳисоб биринчи таймда очилди, аммо рақиблар иккинчи таймда гол урди.',
  ],
  [
    'uz',
    'Cyrillic, a visit',
    'Президент Самарқанд вилоятига ташриф буюрди ва янги корхоналар фаолияти билан танишди. Давлат раҳбари маҳаллий аҳоли билан мулоқот қилди.',
  ],
  [
    'ky',
    'law',
    'Кыргыз Республикасынын Өкмөтү эмгек миграциясы боюнча жаңы мыйзам долбоорун жактырды. Долбоорго ылайык, чет өлкөдө иштеген жарандар үчүн кеңеш берүү борборлору ачылат.',
  ],
  [
    'ky',
    'weather',
    'Бишкекте бүгүн күн ачык болот, түштөн кийин жаан жаашы мүмкүн. Синоптиктердин айтымында, жума күнү аба ырайы кескин муздайт.',
  ],
  [
    'ky',
    'migrants in Russia',
    'Орусияда жүргөн мигранттарга жаңы талаптар киргизилди. Эми алар патент алуу үчүн орус тилинен сынак тапшырышы керек, деп билдирди элчилик.',
  ],
  [
    'ky',
    'football, without ң ө ү',
    'Кыргызстандын курама командасы Азия чемпионатынын тандоо оюнунда Индияны 2:0 эсебинде утту. Голдорду экинчи таймда Алыкулов менен Мурзаев киргизди.',
  ],
  [
    'tg',
    'with ҷ ӣ ӯ',
    'Ҳукумати Ҷумҳурии Тоҷикистон барномаи нави муҳоҷирати меҳнатиро тасдиқ кард. Тибқи барнома, барои шаҳрвандоне, ки дар хориҷ кор мекунанд, марказҳои машваратӣ кушода мешаванд.',
  ],
  [
    'tg',
    'weather',
    'Дар шаҳри Душанбе боронҳои шадид борид ва ҳарорати ҳаво то даҳ дараҷа паст шуд. Синоптикҳо мегӯянд, ки рӯзи ҷумъа ҳаво соф мешавад.',
  ],
  [
    'tg',
    'prices, few Tajik letters',
    'Дар Душанбе нархи орд ва гӯшт боло рафт. Вазорати рушди иқтисод ва савдо гуфт, ки вазъро назорат мекунад.',
  ],
  [
    'tg',
    'typed without Tajik letters',
    'Дар Душанбе нархи орд ва равган боло рафт. Вазорати иктисод гуфт, ки вазъро назорат мекунад ва нархо ба зуди паст мешаванд.',
  ],
  [
    'kk',
    'football',
    'Қазақстан құрамасы әлем чемпионатының іріктеу кезеңінде Финляндиямен тең ойнады. Есеп бірінші таймда ашылды.',
  ],
  [
    'ru',
    'a Kazakh name in Kazakh spelling',
    'Президент Қасым-Жомарт Тоқаев провёл совещание по вопросам трудовой миграции. Глава государства поручил правительству подготовить предложения до конца месяца и доложить о результатах.',
  ],
  [
    'ru',
    'a short Kazakh quote',
    'На митинге звучал лозунг «Қазақстан – қазақтар үшін», но организаторы заявили, что не поддерживают призывы к выселению мигрантов и осуждают любые проявления ненависти.',
  ],
  [
    'ru',
    'about Tajikistan and Uzbekistan',
    'В Душанбе прошли переговоры министров иностранных дел Таджикистана и Узбекистана. Стороны обсудили пограничные вопросы, водопользование и трудовую миграцию в Россию.',
  ],
  [
    'ru',
    'a post made mostly of links',
    '👵🏻 Сегодня [отмечается](https://iz.ru/1778039/elizaveta-gricenko/den-babusek-i-dedusek-samyi-dobryi-osennii-prazdnik-v-rossii-tradicii-i-pozdravleniya) День бабушек и дедушек. [Подробнее](https://www.example.ru/news/2024/10/28/babushki-i-dedushki-prazdnik-tradicii)',
  ],
];

describe('detectLanguage', () => {
  it.each(SAMPLES)('recognises %s', (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it.each(REGION)('tags %s: %s', (lang, _what, text) => {
    expect(detectLanguage(text)).toBe(lang);
    // A source's language hints must not pull a text written in another language.
    expect(detectLanguage(text, lang === 'ru' ? ['kk', 'ru'] : ['ru'])).toBe(lang);
  });

  it('treats Kazakh letters as a strong signal even in a mostly Russian-looking sentence', () => {
    expect(detectLanguage('Астана қаласында жаңа мектеп ашылды, оқушылар саны мыңнан асады.')).toBe('kk');
  });

  it('takes a long Cyrillic text without a letter Russian lacks for Russian, and still reads short ones closely', () => {
    const russian = SAMPLES[0][1].repeat(4);
    expect(detectLanguage(russian, ['kk', 'ru'])).toBe('ru');
    expect(detectLanguage(SAMPLES[1][1].repeat(4), ['ru'])).toBe('kk');
    // Kazakh typed without its letters, as in comments: short, so franc still decides with the source's hints.
    expect(
      detectLanguage('пакистандыктарды жатакханадан куып шыгу керек. университет жасамаса, озимиз жасаймыз', [
        'kk',
        'ru',
      ]),
    ).toBe('kk');
  });

  it('falls back to the first hint for short texts, und without hints', () => {
    expect(detectLanguage('Ок', ['kk', 'ru'])).toBe('kk');
    expect(detectLanguage('', ['ru'])).toBe('ru');
    expect(detectLanguage('12345 !!!')).toBe('und');
  });
});
