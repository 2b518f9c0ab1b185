/**
 * What the benches read about processes and the machine from /proc (Linux): a process's CPU
 * time so far, and the load average to print beside a figure taken on a shared machine.
 * Also the `--name value` option reader the store benches share.
 */
import { readFileSync } from 'node:fs';

/** CPU ms (user + system) of a process so far; null when there is no such process or no /proc. */
export function processCpuMs(pid: number | string | null | undefined): number | null {
  if (pid === undefined || pid === null || pid === '') return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in ticks of 1/100 s
  } catch {
    return null;
  }
}

/** The 1, 5 and 15 minute load averages, as /proc/loadavg prints them. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** Takes `--name value` out of argv (so that what is left are the positional arguments). */
export function takeOption(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  if (at < 0) return undefined;
  const value = argv[at + 1];
  argv.splice(at, 2);
  return value;
}
