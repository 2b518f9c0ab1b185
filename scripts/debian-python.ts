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

/** PyPI's NetworKit, the version the peer figures were measured with. */
export const NETWORKIT_VERSION = '11.2.2';

/**
 * A venv in .venv-anchors/ (ignored by git) that sees Debian's packages (igraph, leidenalg)
 * and has PyPI's networkit; created and filled on first use. Returns its python.
 */
export function ensureAnchorVenv(label: string, repoDir: string): string {
  const venv = `${repoDir}/.venv-anchors`;
  const python = `${venv}/bin/python`;
  const probe = spawnSync(python, ['-c', 'import networkit, igraph, leidenalg']);
  if (probe.status === 0) return python;
  ensureDebianPython(label, ['igraph', 'leidenalg', 'venv'], ['python3-igraph', 'python3-leidenalg', 'python3-venv']);
  console.error(`[${label}] installing networkit ${NETWORKIT_VERSION} into ${venv} (first run only)`);
  execFileSync(DEBIAN_PYTHON, ['-m', 'venv', '--clear', '--system-site-packages', venv], { stdio: 'inherit' });
  execFileSync(`${venv}/bin/pip`, ['install', '--quiet', '--disable-pip-version-check', `networkit==${NETWORKIT_VERSION}`], { stdio: 'inherit' });
  return python;
}
