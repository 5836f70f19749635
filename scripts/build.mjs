/**
 * Compiles Bridges for `npm start`: every source file of src/ (tests and test helpers aside) to
 * JavaScript in dist/, file by file with the same layout, plus the files the code reads beside
 * itself (migrations, data). Type checking is `npm run typecheck`'s job; this only transpiles.
 *
 *   node scripts/build.mjs           build when dist/ is missing or older than its sources
 *   node scripts/build.mjs --force   build anyway
 *
 * Run by `npm ci` (prepare) and by `npm start` (scripts/start.mjs) when the build is stale.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const SRC = join(ROOT, 'src');
export const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build');
/** Folders of src/ copied as they are: files the code reads next to itself. */
const COPIED = ['db/migrations', 'platform/geo/data', 'modules/publications/csl'];

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

const isSource = (f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f) && !relative(SRC, f).startsWith('testing');

/** A fingerprint of everything the build reads: any change to a source, the lock file or this script makes it stale. */
export function fingerprint() {
  const h = createHash('sha256');
  for (const f of [...walk(SRC).sort(), join(ROOT, 'package-lock.json'), join(ROOT, 'tsconfig.json'), fileURLToPath(import.meta.url)]) {
    const s = statSync(f);
    h.update(`${relative(ROOT, f)}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return h.digest('hex');
}

export function isFresh() {
  return existsSync(STAMP) && readFileSync(STAMP, 'utf8') === fingerprint();
}

export async function build() {
  const started = performance.now();
  const { build: esbuild } = await import('esbuild');
  rmSync(DIST, { recursive: true, force: true });
  const files = walk(SRC).filter(isSource);
  await esbuild({
    entryPoints: files,
    outdir: DIST,
    outbase: SRC,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'warning',
  });
  for (const dir of COPIED) cpSync(join(SRC, dir), join(DIST, dir), { recursive: true });
  writeFileSync(STAMP, fingerprint());
  const template = await ensureTemplate();
  return { files: files.length, ms: Math.round(performance.now() - started), template };
}

/**
 * The embedded database's empty cluster, made once per PGlite version (see src/db/template.ts). It
 * lives under node_modules/, so a new `npm ci` over an up-to-date dist/ must make it again.
 */
export async function ensureTemplate() {
  const template = await import(new URL('../dist/db/template.js', import.meta.url).href);
  return template.ensureTemplate();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!process.argv.includes('--force') && isFresh()) {
    const made = await ensureTemplate();
    console.log(`Bridges: the build in dist/ is up to date${made ? '; made the embedded database\'s template' : ''}.`);
  } else {
    const r = await build();
    console.log(`Bridges: built ${r.files} files into dist/ in ${r.ms} ms${r.template ? ', with the embedded database\'s template' : ''}.`);
  }
}
