import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSystemConfigLoader, HtmlValidate, type Message } from 'html-validate';
import { signedIn, submitForm, testApp, type TestApp } from './testing/app.js';
import { DEMO_SECRETARIAT_EMAIL } from './seed.js';
import { getWorkingGroup } from './modules/workinggroups/service.js';

/**
 * Pages checked against the HTML standard by html-validate, with the rules of the committed
 * .htmlvalidate.json (the same the command line `npx html-validate` uses): a representative page of
 * each kind — public, signed in, a form with its errors, the Secretariat's — in a left-to-right and a
 * right-to-left language.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const validator = new HtmlValidate(new FileSystemConfigLoader());

let t: TestApp;
let secretariat: string;
let groupId: string;
let upcoming: string;

beforeAll(async () => {
  t = await testApp({}, { demo: true });
  secretariat = await signedIn(t, { email: DEMO_SECRETARIAT_EMAIL, roles: ['secretariat'] });
  groupId = (await getWorkingGroup(t.db, 'foundational-learning'))!.id;
  // The demo's next meeting, open for registration (its year counts from the day the demo is loaded).
  const meetings = (await t.app.inject({ method: 'GET', url: '/en/meetings' })).body;
  upcoming = [...meetings.matchAll(/\/meetings\/([a-z0-9-]+)"/g)].map((m) => m[1]!).find((slug) => slug !== 'building-bridges-2024')!;
});
afterAll(() => t.close());

/** Each problem on one line: the rule, the message, where, and the markup around it. */
async function problems(html: string): Promise<string[]> {
  const report = await validator.validateString(html, join(ROOT, 'page.html'));
  return report.results.flatMap((r) => r.messages).map((m: Message) => `${m.ruleId}: ${m.message} at ${m.selector ?? `${m.line}:${m.column}`} — …${html.slice(Math.max(0, m.offset - 80), m.offset + 80)}…`);
}

describe('pages are valid HTML', () => {
  for (const locale of ['en', 'ar'] as const) {
    it(`public, signed-in and Secretariat pages in ${locale}`, async () => {
      const pages: [string, string?][] = [
        [''],
        ['/about'],
        ['/sign-in'],
        ['/subscribe'],
        ['/working-groups'],
        ['/working-groups/foundational-learning'],
        [`/meetings/${upcoming}`],
        [`/meetings/${upcoming}/register`],
        ['/members'],
        ['/admin', secretariat],
        ['/admin/settings', secretariat],
        ['/admin/translations', secretariat],
        [`/admin/translations/working-group/${groupId}/fr`, secretariat],
      ];
      const found: Record<string, string[]> = {};
      for (const [path, cookie] of pages) {
        const url = `/${locale}${path}`;
        const res = await t.app.inject({ method: 'GET', url, headers: { cookie: cookie ?? '' } });
        expect(res.statusCode, url).toBe(200);
        const list = await problems(res.body);
        if (list.length) found[url] = list;
      }
      expect(found).toEqual({});
    });

    it(`forms shown again with their errors in ${locale}`, async () => {
      const sent = [
        await submitForm(t, { page: `/${locale}/sign-in`, action: `/${locale}/sign-in/link`, fields: { email: 'not-an-address' } }),
        await submitForm(t, { page: `/${locale}/sign-in`, action: `/${locale}/sign-in/password`, fields: { email: 'nobody@example.org', password: 'not the password' } }),
        await submitForm(t, { page: `/${locale}/subscribe`, action: `/${locale}/subscribe`, fields: { email: 'not-an-address' } }),
        await submitForm(t, { page: `/${locale}/meetings/${upcoming}/register`, action: `/${locale}/meetings/${upcoming}/register`, fields: { email: 'not-an-address' } }),
      ];
      const found: Record<string, string[]> = {};
      for (const res of sent) {
        expect(res.statusCode).toBe(422);
        const list = await problems(res.body);
        if (list.length) found[res.body.match(/<title>([^<]*)<\/title>/)?.[1] ?? '?'] = list;
      }
      expect(found).toEqual({});
    });
  }

  it('turns no rule off, nor sets one differently, without saying why in .htmlvalidate.json', () => {
    const { rules } = JSON.parse(readFileSync(join(ROOT, '.htmlvalidate.json'), 'utf8')) as { rules: Record<string, unknown> };
    const reasons = new Map(
      Object.entries(rules)
        .filter(([k]) => k.startsWith('$comment:'))
        .map(([k, v]) => [k.slice('$comment:'.length), Array.isArray(v) ? String(v[1] ?? '') : '']),
    );
    for (const name of Object.keys(rules).filter((k) => !k.startsWith('$comment:'))) {
      expect(reasons.get(name)?.length ?? 0, `the reason for ${name}`).toBeGreaterThan(30);
    }
  });
});
