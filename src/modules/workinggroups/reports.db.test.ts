import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, signedIn, type TestApp } from '../../testing/app.js';
import { actorByEmail } from '../../platform/auth/service.js';
import { ForbiddenError } from '../../platform/policy.js';
import { addWorkingGroups } from './factories.js';
import { addPersonToGroup, getWorkingGroup } from './service.js';
import { createReport, publishReport, reportOf, reportsOf, saveReport } from './reports.js';

let t: TestApp;
const REPORT = `# Foundational learning: what works

Children who cannot read with understanding by grade 3 rarely catch up.

## Recommendations

Teach in the language children speak at home.`;

beforeAll(async () => {
  t = await testApp();
  const ids = await addWorkingGroups(t.db);
  await addPersonToGroup(t.db, ids['foundational-learning'], { email: 'chair@example.org', name: 'Chair' }, 'chair');
  await addPersonToGroup(t.db, ids['foundational-learning'], { email: 'member@example.org', name: 'Member' }, 'member');
  await addPersonToGroup(t.db, ids['technologies-for-learning'], { email: 'other@example.org', name: 'Other chair' }, 'chair');
  await signedIn(t, { email: 'outsider@example.org', roles: ['member'] });
});
afterAll(() => t.close());

const who = async (email: string) => (await actorByEmail(t.db, email))!;

describe('reports and their versions', () => {
  it('a chair drafts (saved in place), publishes the pre-final text, and the next save starts version 2 with the paragraphs’ identifiers kept', async () => {
    const chair = await who('chair@example.org');
    const g = (await getWorkingGroup(t.db, 'foundational-learning'))!;
    expect(await createReport(t.db, chair, g, { slug: 'background-report', title: 'Background report', markdown: REPORT }, 'en')).toEqual({ ok: true, slug: 'background-report' });
    const { report } = (await reportOf(t.db, chair, g, 'background-report'))!;
    expect(await saveReport(t.db, chair, g, report, { title: 'Background report', markdown: REPORT + '\n\nCoach teachers every month.' })).toEqual({ number: 1 });

    // Before publication, only the group's people see it.
    expect(await reportsOf(t.db, null, g)).toEqual([]);
    expect(await reportOf(t.db, await who('outsider@example.org'), g, 'background-report')).toBeNull();
    expect((await reportsOf(t.db, await who('member@example.org'), g)).map((r) => r.latest.stage)).toEqual(['draft']);

    expect(await publishReport(t.db, chair, g, report, 'prefinal')).toEqual({ ok: true });
    expect(await publishReport(t.db, chair, g, report, 'prefinal')).toEqual({ ok: false, reason: 'not-draft' });
    expect((await reportsOf(t.db, null, g)).map((r) => [r.latest.number, r.latest.stage])).toEqual([[1, 'prefinal']]);

    expect(await saveReport(t.db, chair, g, report, { title: 'Background report', markdown: REPORT.replace('rarely catch up', 'rarely catch up later') + '\n\nCoach teachers every month.' })).toEqual({ number: 2 });
    const chairView = (await reportOf(t.db, chair, g, 'background-report'))!;
    const [v1, v2] = chairView.versions;
    expect(v2!.stage).toBe('draft');
    expect(v2!.blocks.map((b) => b.id)).toEqual(v1!.blocks.map((b) => b.id));
    // The public still sees version 1 only.
    expect((await reportOf(t.db, null, g, 'background-report'))!.versions.map((v) => v.number)).toEqual([1]);
  });

  it('pages: the report with its contents, each version, the comparison with the changed words marked — and a draft reachable only by the group', async () => {
    const g = (await getWorkingGroup(t.db, 'foundational-learning'))!;
    const base = '/en/working-groups/foundational-learning/reports/background-report';
    const report = await t.app.inject({ url: base });
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('Version 1 · pre-final draft for consultation');
    const blocks = (await reportOf(t.db, null, g, 'background-report'))!.versions[0]!.blocks;
    expect(report.body).toContain(`<a href="#${blocks.find((b) => b.kind === 'heading' && b.level === 2)!.id}"`);
    expect(report.body).toContain(`id="${blocks[1]!.id}"><p>Children who cannot read`);
    expect((await t.app.inject({ url: '/en/working-groups/foundational-learning' })).body).toContain(`href="${base}"`);
    // Version 2 is a draft: not found for the public, read by a member of the group.
    expect((await t.app.inject({ url: `${base}/v/2` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `${base}/compare/1/2` })).statusCode).toBe(404);
    const member = await signedIn(t, { email: 'member@example.org' });
    expect((await t.app.inject({ url: `${base}/v/2`, headers: { cookie: member } })).body).toContain('Version 2 · draft');
    const compared = await t.app.inject({ url: `${base}/compare/1/2`, headers: { cookie: member } });
    expect(compared.body).toMatch(/<ins>\s*later\s*<\/ins>/);
    expect(compared.body).toContain('1 block reworded, 0 added, 0 removed.');
    expect((await t.app.inject({ url: `${base}/v/abc` })).statusCode).toBe(404);
  });

  it('only the group’s chairs and the Secretariat write; a taken address is refused', async () => {
    const g = (await getWorkingGroup(t.db, 'foundational-learning'))!;
    for (const email of ['member@example.org', 'other@example.org', 'outsider@example.org']) {
      await expect(createReport(t.db, await who(email), g, { slug: 'x-report', title: 'X', markdown: 'X.' }, 'en')).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await createReport(t.db, await who('chair@example.org'), g, { slug: 'background-report', title: 'Again', markdown: 'Again.' }, 'en')).toMatchObject({ ok: false, field: 'slug' });
  });
});
