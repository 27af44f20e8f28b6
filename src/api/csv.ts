/**
 * RFC 4180 CSV: fields with a comma, quote, CR or LF are quoted and quotes doubled; rows end in CRLF.
 * Text cells starting with = + - @ get a leading ' so spreadsheets do not run them as formulas.
 *
 * @example
 * csvRow(['a,b', 'say "hi"', 3, null]) // '"a,b","say ""hi""",3,' + CRLF
 */
export function csvRow(values: unknown[], textColumns: ReadonlySet<number> = new Set()): string {
  return `${values.map((v, i) => csvField(v, textColumns.has(i))).join(',')}\r\n`;
}

function csvField(value: unknown, text: boolean): string {
  if (value === null || value === undefined) return '';
  let s = Array.isArray(value) ? value.join(';') : String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The UTF-8 byte-order mark that tells spreadsheet programs (Excel on Windows) a CSV file is UTF-8. */
export const UTF8_BOM = '\uFEFF';
