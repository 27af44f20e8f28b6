import { describe, expect, it } from 'vitest';
import { stem, stemsForIndex } from '../../src/text/index.js';

describe('Kazakh stemming', () => {
  it('strips plural, case and possessive endings in slot order', () => {
    const forms: Record<string, string> = {
      мигранттарға: 'мигрант',
      мигранттардың: 'мигрант',
      мигранттарымыздың: 'мигрант',
      мигранттармен: 'мигрант',
      келімсектерді: 'келімсек',
      тәжіктерге: 'тәжік',
      өзбектерден: 'өзбек',
      қытайлардың: 'қытай',
      жұмысшыларды: 'жұмысшы',
      квотаны: 'квота',
      квотасын: 'квота',
      квоталар: 'квота',
      босқындарға: 'босқын',
      азаматтығын: 'азаматтық',
      қандастарға: 'қандас',
    };
    for (const [form, expected] of Object.entries(forms)) expect(stem(form, 'kk'), form).toBe(expected);
  });
  it('keeps at least three letters and leaves bare stems alone', () => {
    expect(stem('келімсек', 'kk')).toBe('келімсек');
    expect(stem('жерімізді', 'kk')).toBe('жер');
    expect(stemsForIndex('Мигранттарға квота', 'kk')).toBe('мигрант квота');
  });
});
