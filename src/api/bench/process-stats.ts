/** CPU time and memory of another process, read from Linux's /proc (null where there is no /proc). */
import { readFileSync } from 'node:fs';

/** Linux reports utime and stime in USER_HZ ticks, 100 per second on every architecture. */
const TICK_MS = 10;

/**
 * User plus system CPU milliseconds the process has used so far.
 *
 * @example
 * const before = cpuMs(child.pid); await load(); const used = cpuMs(child.pid) - before;
 */
export function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/**
 * Resident memory now and at its peak, in MB.
 *
 * @example
 * memoryMb(child.pid) // { rss: 412.3, peak: 655.0 }
 */
export function memoryMb(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}
