import { describe, expect, it } from 'vitest';
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

describe('detectLanguage', () => {
  it.each(SAMPLES)('recognises %s', (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('treats Kazakh letters as a strong signal even in a mostly Russian-looking sentence', () => {
    expect(detectLanguage('Астана қаласында жаңа мектеп ашылды, оқушылар саны мыңнан асады.')).toBe('kk');
  });

  it('falls back to the first hint for short texts, und without hints', () => {
    expect(detectLanguage('Ок', ['kk', 'ru'])).toBe('kk');
    expect(detectLanguage('', ['ru'])).toBe('ru');
    expect(detectLanguage('12345 !!!')).toBe('und');
  });
});
