import { describe, expect, it } from 'vitest';
import { parseQuery, QuerySyntaxError, queryTerms } from '../../src/search/parse.js';

const t = (value: string, prefix?: boolean) => (prefix ? { type: 'term', value, prefix } : { type: 'term', value });

describe('parseQuery', () => {
  it('returns null for an empty or punctuation-only query', () => {
    expect(parseQuery('')).toBeNull();
    expect(parseQuery('  , . ! ')).toBeNull();
  });

  it('lowercases terms and folds ё to е', () => {
    expect(parseQuery('Мигрантов')).toEqual(t('мигрантов'));
    expect(parseQuery('ЁЛКА')).toEqual(t('елка'));
    expect(parseQuery('Қазақстан')).toEqual(t('қазақстан'));
  });

  it('treats juxtaposition as AND and flattens it', () => {
    expect(parseQuery('мигранты саранча выгнать')).toEqual({
      type: 'and',
      children: [t('мигранты'), t('саранча'), t('выгнать')],
    });
    expect(parseQuery('a AND b and c И d')).toEqual({ type: 'and', children: [t('a'), t('b'), t('c'), t('d')] });
  });

  it('gives AND precedence over OR, parentheses override it', () => {
    expect(parseQuery('a b OR c')).toEqual({
      type: 'or',
      children: [{ type: 'and', children: [t('a'), t('b')] }, t('c')],
    });
    expect(parseQuery('a (b ИЛИ c)')).toEqual({
      type: 'and',
      children: [t('a'), { type: 'or', children: [t('b'), t('c')] }],
    });
  });

  it('parses phrases in straight and guillemet quotes', () => {
    expect(parseQuery('"трудовые Мигранты"')).toEqual({ type: 'phrase', terms: ['трудовые', 'мигранты'] });
    expect(parseQuery('«депортация мигрантов»')).toEqual({ type: 'phrase', terms: ['депортация', 'мигрантов'] });
    expect(parseQuery('"AND"')).toEqual(t('and'));
  });

  it('parses NOT, НЕ and -term', () => {
    expect(parseQuery('мигранты -спорт NOT футбол НЕ хоккей')).toEqual({
      type: 'and',
      children: [
        t('мигранты'),
        { type: 'not', child: t('спорт') },
        { type: 'not', child: t('футбол') },
        { type: 'not', child: t('хоккей') },
      ],
    });
    expect(parseQuery('a -(b OR c)')).toEqual({
      type: 'and',
      children: [t('a'), { type: 'not', child: { type: 'or', children: [t('b'), t('c')] } }],
    });
  });

  it('keeps hyphenated words together as a phrase, lowercase не as a word', () => {
    expect(parseQuery('северо-запад')).toEqual({ type: 'phrase', terms: ['северо', 'запад'] });
    expect(parseQuery('не нужны')).toEqual({ type: 'and', children: [t('не'), t('нужны')] });
  });

  it('parses prefixes with at least two characters', () => {
    expect(parseQuery('мигрант*')).toEqual(t('мигрант', true));
    expect(parseQuery('migr* OR мигр*')).toEqual({ type: 'or', children: [t('migr', true), t('мигр', true)] });
  });

  it.each([
    ['"unclosed phrase', 0, /Unclosed quote/],
    ['a "', 2, /Unclosed quote/],
    ['(a OR b', 0, /Unclosed parenthesis/],
    ['a OR b)', 6, /Unexpected \)/],
    ['a OR', 4, /ends too early/],
    ['AND a', 0, /Unexpected AND/],
    ['м*', 0, /Prefix too short/],
    ['*', 0, /Misplaced \*/],
    ['""', 0, /Empty phrase/],
    ['-спорт', 0, /only excludes/],
    ['a OR -b', 0, /only excludes/],
    ['()', 1, /Unexpected \)/],
  ])('rejects %j at position %i', (input, position, message) => {
    try {
      parseQuery(input);
      expect.unreachable(`${input} should not parse`);
    } catch (error) {
      expect(error).toBeInstanceOf(QuerySyntaxError);
      expect((error as QuerySyntaxError).position).toBe(position);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('bounds the number of terms and the nesting depth', () => {
    expect(() => parseQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))).toThrow(/Too many terms/);
    expect(() => parseQuery(`${'('.repeat(10)}a${')'.repeat(10)}`)).toThrow(/Too deeply nested/);
    expect(parseQuery(`${'('.repeat(3)}a${')'.repeat(3)}`)).toEqual(t('a'));
  });

  it('lists positive terms for highlighting', () => {
    expect(queryTerms(parseQuery('мигрант* "трудовые мигранты" -спорт'))).toEqual([
      { value: 'мигрант', prefix: true },
      { value: 'трудовые', prefix: false },
      { value: 'мигранты', prefix: false },
    ]);
  });
});
