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

/**
 * The server as `npm start` runs it: dist/app/main.js, main.ts and everything it imports in a few
 * files, split where code is imported on first use (so what loaded late still does). Node loads
 * one file much faster than hundreds of small ES modules (~0.25 s of the start). The files above
 * stay: worker threads and the PDF drawing processes start from them, and each bundled source file's `import.meta.url` is its
 * compiled twin's, so the files read beside the code (migrations, data, locales) are found.
 */
const APP = join(DIST, 'app');

/**
 * Packages bundled with Bridges' own code: pure ES modules of many small files, loaded at every
 * start (and fastify-type-provider-zod, so that it uses the bundle's zod instead of loading zod's
 * core a second time). Every other package is left to Node: some read files beside their own code.
 */
const BUNDLED = new Set(['zod', 'drizzle-orm', 'fastify-type-provider-zod']);
const bundledPackages = {
  name: 'bundled-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, ({ path }) => {
      const name = path.split('/').slice(0, path.startsWith('@') ? 2 : 1).join('/');
      return BUNDLED.has(name) ? undefined : { external: true };
    });
  },
};

const ownLocation = {
  name: 'own-location',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, ({ path }) => {
      if (!path.startsWith(SRC)) return undefined;
      const twin = relative(APP, join(DIST, relative(SRC, path))).replace(/\.tsx?$/, '.js');
      const url = `new URL(${JSON.stringify(twin)}, import.meta.url).href`;
      return { contents: readFileSync(path, 'utf8').replaceAll('import.meta.url', url), loader: path.endsWith('.tsx') ? 'tsx' : 'ts' };
    });
  },
};

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
  await esbuild({
    entryPoints: [join(SRC, 'main.ts')],
    outdir: APP,
    bundle: true,
    splitting: true,
    chunkNames: 'chunk-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    tsconfig: join(ROOT, 'tsconfig.json'),
    plugins: [bundledPackages, ownLocation],
    logLevel: 'warning',
  });
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
