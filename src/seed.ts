import type { Db } from './db/client.js';
import type { Config } from './config.js';
import { ensureUser } from './platform/auth/service.js';
import { getSetting, setSetting } from './platform/settings/service.js';
import { allModules } from './server.js';

export const DEMO_SECRETARIAT_EMAIL = 'secretariat@alliance.example';

/** The demo people: the Secretariat and a Steering Committee of three. */
const DEMO_PEOPLE = [
  { email: DEMO_SECRETARIAT_EMAIL, name: 'Alliance Secretariat', locale: 'en' as const, roles: [{ role: 'secretariat' }] },
  { email: 'amina.diallo@steering.example', name: 'Amina Diallo', locale: 'fr' as const, roles: [{ role: 'steering' }] },
  { email: 'li.wei@steering.example', name: 'Li Wei', locale: 'zh' as const, roles: [{ role: 'steering' }] },
  { email: 'maria.gonzalez@steering.example', name: 'María González', locale: 'es' as const, roles: [{ role: 'steering' }] },
];

/**
 * Seeds the demo alliance: accounts, then each module's own seed in module order. Idempotent;
 * `onlyIfEmpty` skips it when it ran before (first start of `npm start`).
 * Returns the demo Secretariat's user id, or null when nothing was done.
 */
export async function seedDemo(db: Db, config: Config, opts: { onlyIfEmpty?: boolean; workerRuns?: boolean } = {}): Promise<string | null> {
  if (opts.onlyIfEmpty && (await getSetting(db, 'demo.seededAt'))) return null;
  let secretariatId = '';
  for (const p of DEMO_PEOPLE) {
    const { id } = await ensureUser(db, p);
    if (p.email === DEMO_SECRETARIAT_EMAIL) secretariatId = id;
  }
  for (const m of allModules()) await m.seed?.({ db, config, workerRuns: opts.workerRuns });
  await setSetting(db, 'demo.seededAt', new Date().toISOString());
  return secretariatId;
}
