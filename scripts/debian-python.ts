/**
 * The Python anchors (bench, quality) run on Debian's python3 with Debian's packages
 * (python3-igraph, python3-leidenalg, python3-networkx, ...). This installs the missing ones
 * with apt-get, so a fresh machine needs no manual step.
 */
import { execFileSync, spawnSync } from 'node:child_process';

export const DEBIAN_PYTHON = '/usr/bin/python3';

/** Makes `python` import every module of `modules`, installing `packages` with apt-get if it cannot. */
export function ensureDebianPython(label: string, modules: string[], packages: string[], python = DEBIAN_PYTHON): void {
  const probe = spawnSync(python, ['-c', `import ${modules.join(', ')}`]);
  if (probe.status === 0) return;
  console.error(`[${label}] installing ${packages.join(' ')} with apt-get`);
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', ...packages], { stdio: 'inherit' });
}
