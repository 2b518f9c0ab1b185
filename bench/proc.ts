/**
 * What the benches read about processes and the machine from /proc (Linux): a process's CPU
 * time so far, and the load average to print beside a figure taken on a shared machine.
 * Also the `--name value` option reader the store benches share, and a timer that reports
 * wall time with this process's and the server's CPU beside it.
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

/** `work`'s result with its wall ms, this process's CPU ms and the server process's (`serverPid`: null without one). */
export async function timedWithCpu<T>(serverPid: string | undefined, work: () => Promise<T>): Promise<{ value: T; ms: number; clientCpuMs: number; neo4jCpuMs: number | null }> {
  const server0 = processCpuMs(serverPid);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  const ms = Math.round(performance.now() - t0);
  const cpu = process.cpuUsage(cpu0);
  const server1 = processCpuMs(serverPid);
  return { value, ms, clientCpuMs: Math.round((cpu.user + cpu.system) / 1000), neo4jCpuMs: server0 === null || server1 === null ? null : Math.round(server1 - server0) };
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
