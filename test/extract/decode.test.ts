import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../src/extract/decode.js';

const RUSSIAN = 'Миграционная служба опубликовала новые правила регистрации иностранных граждан.';
const page = (head: string) => `<html><head>${head}<title>Новости</title></head><body><p>${RUSSIAN}</p></body></html>`;

describe('decodeHtml', () => {
  it('uses the charset of the Content-Type header', () => {
    const body = iconv.encode(page(''), 'windows-1251');
    expect(decodeHtml(body, 'text/html; charset=windows-1251')).toContain(RUSSIAN);
    expect(decodeHtml(body, 'text/html; charset="cp1251"')).toContain(RUSSIAN);
  });

  it('uses <meta charset> and <meta http-equiv> when the header names none', () => {
    const charset = iconv.encode(page('<meta charset="windows-1251">'), 'windows-1251');
    expect(decodeHtml(charset, 'text/html')).toContain(RUSSIAN);
    const equiv = iconv.encode(
      page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'),
      'windows-1251',
    );
    expect(decodeHtml(equiv)).toContain(RUSSIAN);
  });

  it('sniffs windows-1251 when nothing is declared and the bytes are not UTF-8', () => {
    expect(decodeHtml(iconv.encode(page(''), 'windows-1251'))).toContain(RUSSIAN);
  });

  it('sniffs UTF-8 when nothing is declared', () => {
    expect(decodeHtml(Buffer.from(page(''), 'utf8'))).toContain(RUSSIAN);
    expect(decodeHtml(Buffer.from(page('<meta charset="utf-8">'), 'utf8'), 'text/html')).toContain(RUSSIAN);
  });

  it('honours a byte-order mark and strips it', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Қазақ', 'utf8')]);
    expect(decodeHtml(body, 'text/html; charset=windows-1251')).toBe('Қазақ');
  });

  it('falls back to sniffing for unknown charsets and rejects non-Buffer input clearly', () => {
    expect(decodeHtml(Buffer.from(page(''), 'utf8'), 'text/html; charset=no-such-charset')).toContain(RUSSIAN);
    expect(decodeHtml(Buffer.alloc(0))).toBe('');
    expect(() => decodeHtml('text' as unknown as Buffer)).toThrow(/must be a Buffer/);
  });
});
