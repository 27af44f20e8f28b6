import type { CrawlReport, EntryPointReport } from '../crawl/index.js';

const HEADER = ['SOURCE', 'ENTRY', 'STATUS', 'CONTENT-TYPE', 'ITEMS', 'NEWEST', 'ROBOTS', 'RESULT', 'URL'];

const mediaType = (type: string | null) => type?.split(';')[0].trim() || '—';
const shortDate = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');

function entryRow(sourceId: string, e: EntryPointReport): string[] {
  return [
    sourceId,
    e.kind,
    e.status === null ? '—' : String(e.status),
    mediaType(e.content_type),
    e.items === null ? '—' : String(e.items),
    shortDate(e.newest_item_at),
    e.robots,
    e.ok ? 'ok' : `FAIL: ${e.error ?? 'not read'}`,
    e.url,
  ];
}

/**
 * The `kuzet sources check` table: one row per entry point (status, Content-Type, items, newest item,
 * robots.txt verdict, result), a row for a source that has none, and columns padded to line up.
 *
 * @example
 * console.log(checkTable(reports));
 */
export function checkTable(reports: CrawlReport[]): string {
  const rows = reports.flatMap((r) =>
    r.entry_points.length
      ? r.entry_points.map((e) => entryRow(r.source_id, e))
      : [[r.source_id, '—', '—', '—', '—', '—', '—', `FAIL: ${r.errors[0] ?? 'no entry point'}`, '—']],
  );
  const table = [HEADER, ...rows];
  const widths = HEADER.map((_, col) => Math.max(...table.map((row) => row[col].length)));
  // RESULT and URL vary most; URL goes last so a long one does not push the others out of line.
  return table
    .map((row) =>
      row
        .map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
