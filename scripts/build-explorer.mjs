#!/usr/bin/env node
// Builds the niche explorer page (web/) into dist/explorer with esbuild: one ES module
// bundle (sigma.js, graphology, ForceAtlas2 and the page; the FA2 web worker is inlined by
// graphology-layout-forceatlas2 as a blob), one style sheet, both with content-hashed
// names, and index.html pointing at them. Nothing is fetched at run time from elsewhere.
//
//   node scripts/build-explorer.mjs            build (npm run build does it)
//   node scripts/build-explorer.mjs --if-stale build only when web/ or the client types are newer than the build
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webDir = path.join(repoDir, 'web');
const outDir = path.join(repoDir, 'dist', 'explorer');
const assetsDir = path.join(outDir, 'assets');
const inputs = [webDir, path.join(repoDir, 'src', 'explorer'), path.join(repoDir, 'src', 'client'), path.join(repoDir, 'package-lock.json')];

function newest(p) {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

if (process.argv.includes('--if-stale') && existsSync(path.join(outDir, 'index.html'))) {
  if (statSync(path.join(outDir, 'index.html')).mtimeMs >= Math.max(...inputs.map(newest))) process.exit(0);
}

const started = performance.now();
rmSync(outDir, { recursive: true, force: true });
mkdirSync(assetsDir, { recursive: true });
const result = await build({
  entryPoints: { explorer: path.join(webDir, 'src', 'main.ts'), style: path.join(webDir, 'style.css') },
  bundle: true,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  minify: true,
  sourcemap: true,
  entryNames: '[name]-[hash]',
  outdir: assetsDir,
  metafile: true,
  logLevel: 'warning',
  tsconfig: path.join(webDir, 'tsconfig.json'),
  legalComments: 'linked',
});
const outputs = Object.keys(result.metafile.outputs).map((f) => path.basename(f));
const js = outputs.find((f) => /^explorer-.*\.js$/.test(f));
const css = outputs.find((f) => /^style-.*\.css$/.test(f));
if (!js || !css) throw new Error(`build-explorer: expected a script and a style sheet, got ${outputs.join(', ')}`);
const html = readFileSync(path.join(webDir, 'index.html'), 'utf8').replace('%JS%', js).replace('%CSS%', css);
writeFileSync(path.join(outDir, 'index.html'), html);
const bytes = statSync(path.join(assetsDir, js)).size;
console.log(`[build-explorer] dist/explorer: ${js} (${Math.round(bytes / 1024)} KiB), ${css} in ${Math.round(performance.now() - started)} ms`);
