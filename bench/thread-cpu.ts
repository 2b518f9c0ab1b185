/**
 * CPU seconds per thread of one analysis at the service defaults (Linux: /proc/self/task),
 * the first in a fresh process, with the thread runner of bench/compute.ts: how much of the
 * work this thread does (the critical path's share) and how much the busiest other thread
 * (the helper) takes. Steadier than wall time on a shared machine, where another process's
 * load stretches wall time but not the work a thread does.
 *
 * usage: node --import=tsx bench/thread-cpu.ts EDGELIST [--root DIR]
 *   --root DIR: the analysis code of another checkout (e.g. `git archive main | tar -x -C DIR`,
 *   with node_modules linked), to compare two versions on the same file.
 *
 * Prints one JSON line: wall, mainThreadCpu, busiestOtherThreadCpu, processCpu (ms; /proc
 * counts in clock ticks, 10 ms), and the community modularity (the versions should agree).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
const rootAt = argv.indexOf('--root');
const root = rootAt >= 0 ? resolve(argv.splice(rootAt, 2)[1] as string) : resolve(fileURLToPath(new URL('..', import.meta.url)));
const [path] = argv;
if (!path) throw new Error('usage: bench/thread-cpu.ts EDGELIST [--root DIR]');

type Analyse = typeof import('../src/analysis/analyse.js');
type Threads = typeof import('../src/analysis/partition-threads.js');
type Edgelist = typeof import('./edgelist.js');
const { analyseProjection } = (await import(`${root}/src/analysis/analyse.js`)) as Analyse;
const { createThreadRunner } = (await import(`${root}/src/analysis/partition-threads.js`)) as Threads;
const { readProjection } = (await import(`${root}/bench/edgelist.js`)) as Edgelist;

/** CPU ms (user + system) of one thread of this process. */
function threadCpu(tid: string): number {
  const fields = (readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1] as string).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
const threadIds = (): string[] => readdirSync('/proc/self/task');

const threads = createThreadRunner({});
threads.start();
const projection = await readProjection(path);
const before = new Map(threadIds().map((t) => [t, threadCpu(t)]));
const self = String(process.pid);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const result = analyseProjection(projection, { seed: 42, topK: 10 }, { runner: threads });
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
let busiestOther = 0;
for (const t of threadIds()) if (t !== self) busiestOther = Math.max(busiestOther, threadCpu(t) - (before.get(t) ?? 0));
process.stdout.write(
  JSON.stringify({
    root,
    wall: Math.round(wall),
    mainThreadCpu: threadCpu(self) - (before.get(self) ?? 0),
    busiestOtherThreadCpu: busiestOther,
    processCpu: Math.round((cpu.user + cpu.system) / 1000),
    modularity: result.summary.modularity,
  }) + '\n',
);
await threads.close();
