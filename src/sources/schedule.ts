const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const SCHEDULE = /^(\d+)\s*(s|m|h|d)$/;
const MIN_MS = 60_000;

/**
 * Milliseconds between crawls for a schedule such as `30m`, `2h` or `1d` (`s` is accepted too).
 * Throws when the text is not a number followed by one unit, or the interval is under a minute.
 *
 * @example
 * parseSchedule('30m'); // 1_800_000
 * parseSchedule('2h'); // 7_200_000
 */
export function parseSchedule(text: string): number {
  const match = SCHEDULE.exec(String(text).trim().toLowerCase());
  if (!match) throw new Error(`invalid schedule "${text}": use a number and a unit, e.g. 30m, 2h or 1d`);
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  if (ms < MIN_MS) throw new Error(`schedule "${text}" is shorter than 1m; crawl at most once a minute`);
  return ms;
}

/** True when `parseSchedule` accepts the text. */
export function isValidSchedule(text: string): boolean {
  try {
    parseSchedule(text);
    return true;
  } catch {
    return false;
  }
}
