import { describe, expect, it } from 'vitest';
import { analyze, stemsForIndex, tokenize } from '../../src/text/index.js';

describe('analyzer', () => {
  it('keeps exact offsets', () => {
    const text = 'Мигранты «не крысы», — сказал он.';
    for (const t of analyze(text, 'ru')) expect(text.slice(t.start, t.end)).toBe(t.text);
  });
  it('de-obfuscates masked, spaced, digit and Latin look-alike slurs', () => {
    expect(tokenize('Ч у р к и, 4урка, чypкa', 'ru').map((t) => t.norm)).toEqual(['чурки', 'чурка', 'чурка']);
    expect(tokenize('ч*рки', 'ru')[0].masked).toBe('ч*рки');
    expect(tokenize('h4te 1mmigrants', 'en').map((t) => t.norm)).toEqual(['hate', 'immigrants']);
    expect(tokenize('Kелiмсeктер', 'kk')[0].norm).toBe('келімсектер');
  });
  it('marks negation, quotation and reported speech', () => {
    const ru = analyze('Мигранты не преступники. «Чурки» — так их назвал обвиняемый.', 'ru');
    expect(ru.find((t) => t.norm === 'преступники')?.negated).toBe(true);
    expect(ru.find((t) => t.norm === 'чурки')?.quoted).toBe(true);
    expect(ru.find((t) => t.norm === 'чурки')?.reported).toBe(true);
    const kk = analyze('Олар қылмыскер емес.', 'kk');
    expect(kk.find((t) => t.norm === 'қылмыскер')?.negated).toBe(true);
    const en = analyze("I don't hate immigrants.", 'en');
    expect(en.find((t) => t.norm === 'hate')?.negated).toBe(true);
  });
  it('does not take eagerness for negation', () => {
    expect(analyze("Can't wait for the smell.", 'en').find((t) => t.norm === 'smell')?.negated).toBe(false);
    expect(analyze('Прям не терпится снова слушать их крики.', 'ru').find((t) => t.norm === 'крики')?.negated).toBe(
      false,
    );
  });
  it('treats #hashtags as mentions, like quoted words', () => {
    expect(analyze('Посты с хештегом #понаехали удалены.', 'ru').find((t) => t.norm === 'понаехали')?.quoted).toBe(
      true,
    );
  });
  it('stems for the index in each language', () => {
    expect(stemsForIndex('Мигрантов стало больше', 'ru')).toBe('мигрант стал больш');
    expect(stemsForIndex('мигранттарға', 'kk')).toBe('мигрант');
    expect(stemsForIndex('immigrants', 'en')).toBe('immigr');
  });
});
