#!/usr/bin/env node
/**
 * npm run audit — known vulnerabilities in the packages Bridges runs with (not the dev tools), as
 * part of `npm test`. Fails on any high or critical advisory.
 *
 * 1. `npm audit --omit=dev`, when the registry's advisory endpoint answers.
 * 2. When it refuses (some registries and mirrors answer 405), the next best check that needs no
 *    advisory service: the registry's deprecation notice for the exact version of every
 *    production package in package-lock.json. A notice that speaks of a vulnerability or a
 *    security problem counts as high; others are listed.
 * 3. With no registry at all, it says so and does not fail (the tests must run offline).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = new URL('..', import.meta.url);
const registry = (process.env.npm_config_registry || 'https://registry.npmjs.org/').replace(/\/?$/, '/');

async function npmAudit() {
  const out = await run('npm', ['audit', '--omit=dev', '--json'], { cwd: root, timeout: 60_000, maxBuffer: 50 * 1024 * 1024 }).then(
    (r) => r.stdout,
    (e) => e.stdout ?? '',
  );
  try {
    return JSON.parse(out);
  } catch {
    return null;
  }
}

async function deprecations() {
  const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8'));
  const prod = new Map();
  for (const [path, p] of Object.entries(lock.packages)) {
    if (!path || p.dev || p.link || !p.version) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    prod.set(`${name}@${p.version}`, [name, p.version]);
  }
  const queue = [...prod.values()];
  const found = [];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [name, version] = next;
      const res = await fetch(`${registry}${name.replace('/', '%2f')}`, { headers: { accept: 'application/vnd.npm.install-v1+json' }, signal: AbortSignal.timeout(20_000) });
      if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
      const notice = (await res.json()).versions?.[version]?.deprecated;
      if (notice) found.push({ pkg: `${name}@${version}`, notice, security: /vulnerab|security|CVE-|GHSA-|malicious/i.test(notice) });
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return { checked: prod.size, found };
}

const audit = await npmAudit();
if (audit?.metadata?.vulnerabilities) {
  const v = audit.metadata.vulnerabilities;
  console.log(`npm audit --omit=dev: ${v.critical} critical, ${v.high} high, ${v.moderate} moderate, ${v.low} low.`);
  for (const [name, a] of Object.entries(audit.vulnerabilities ?? {})) if (['high', 'critical'].includes(a.severity)) console.log(`  ${a.severity}: ${name} (${a.range})`);
  process.exit(v.critical + v.high > 0 ? 1 : 0);
}
const why = audit?.statusCode ? `HTTP ${audit.statusCode}` : audit?.error?.summary ?? audit?.message ?? 'no answer';
try {
  const { checked, found } = await deprecations();
  const security = found.filter((f) => f.security);
  console.log(`npm audit: the registry's advisory endpoint refused (${why}). Deprecation notices of ${checked} production packages instead: ${security.length} about security, ${found.length - security.length} other.`);
  for (const f of found) console.log(`  ${f.security ? 'high' : 'note'}: ${f.pkg}: ${f.notice}`);
  process.exit(security.length ? 1 : 0);
} catch (err) {
  console.log(`npm audit: not checked — the advisory endpoint refused (${why}) and the registry could not be read (${err.message}).`);
}
