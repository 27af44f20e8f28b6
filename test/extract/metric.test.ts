import { describe, expect, it } from 'vitest';
import { aggregate, scorePage, shingles } from '../../src/extract/metric.js';

describe('article-extraction metric', () => {
  it('counts 4-token shingles over Unicode word tokens, case kept', () => {
    expect(shingles('Көші-қон туралы жаңа заң, жобасы').size).toBe(3);
    expect(shingles('a b c').size).toBe(0);
    expect([...shingles('A b c d a b c d').values()]).toEqual([1, 1, 1, 1, 1]);
    expect([...shingles('a b c d a b c d').values()]).toEqual([2, 1, 1, 1]);
  });

  it('normalises each page and treats empty on both sides as perfect', () => {
    expect(scorePage('', '')).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(scorePage('one two three four five', 'one two three four')).toEqual({ tp: 0.5, fp: 0.5, fn: 0 });
    const score = aggregate([scorePage('a b c d', 'a b c d'), scorePage('', 'w x y z')]);
    expect(score.precision).toBe(1);
    expect(score.recall).toBe(0.5);
    expect(score.f1).toBeCloseTo(2 / 3);
  });
});
