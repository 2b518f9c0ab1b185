#!/usr/bin/env node
// Debian's Chromium for the browser tests and benchmarks, installed like the other parts the
// project starts itself: with apt-get when it is missing (these machines reach Debian's
// package registry; a browser download of playwright's own would fail). playwright-core
// drives it with `executablePath` (no browser of its own).
//
//   node scripts/chromium.mjs ensure    install when missing, print the version
//   node scripts/chromium.mjs path      print the executable's path (after ensure)
//
// Environment: CHROMIUM_PATH overrides /usr/bin/chromium (then nothing is installed).
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Flags for headless runs on these machines (see .library's polyglot notes): no sandbox
 * (tests run as root), no GPU process, and none of Chromium's own network traffic (the
 * machines reach no host but the package registries, and every refused connection would
 * be noise). WebGL still works headless (SwiftShader).
 */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Makes sure Chromium is there (apt-get install chromium when not); returns its path. */
export function ensureChromium(log = (line) => console.error(line)) {
  if (executable(CHROMIUM_PATH)) return CHROMIUM_PATH;
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${CHROMIUM_PATH} is not an executable`);
  log('[chromium] installing Debian\'s chromium with apt-get (first run on this machine)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Another apt-get may be running (another install on this machine): wait for its lock.
  const lock = ['-o', 'DPkg::Lock::Timeout=900'];
  execFileSync('apt-get', [...lock, 'update'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync('apt-get', [...lock, 'install', '-y', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (!executable(CHROMIUM_PATH)) throw new Error(`apt-get installed chromium but ${CHROMIUM_PATH} is not there`);
  return CHROMIUM_PATH;
}

export function chromiumVersion(path = CHROMIUM_PATH) {
  const run = spawnSync(path, ['--version'], { encoding: 'utf8' });
  return (run.stdout || run.stderr || '').trim();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const command = process.argv[2] ?? 'ensure';
  try {
    if (command === 'ensure') {
      const path = ensureChromium();
      console.log(`${path}: ${chromiumVersion(path)}`);
    } else if (command === 'path') {
      console.log(CHROMIUM_PATH);
    } else {
      console.error('usage: node scripts/chromium.mjs ensure|path');
      process.exitCode = 1;
    }
  } catch (err) {
    console.error(`[chromium] ${err.message}`);
    process.exitCode = 1;
  }
}
