import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { signedIn, testApp, type TestApp } from './testing/app.js';
import { actorByEmail } from './platform/auth/service.js';
import { applyAs, sampleIndividual } from './modules/membership/factories.js';
import { addWorkingGroups } from './modules/workinggroups/factories.js';
import { transitionApplication } from './modules/membership/service.js';
import { applications } from './modules/membership/schema.js';
import { openMeeting, registerParticipant } from './modules/meetings/factories.js';
import { createIssue, saveVersion, getIssue } from './modules/communications/service.js';

/**
 * The Secretariat's home lists the work waiting in every module (each module's `todo` in its
 * manifest, src/platform/todo.ts) with counts and links; nobody else sees it.
 */
let t: TestApp;
let cookies: Record<string, string>;
beforeAll(async () => {
  t = await testApp();
  cookies = {
    user: await signedIn(t, { email: 'user@example.org' }),
    member: await signedIn(t, { email: 'member@example.org', roles: ['member'] }),
    steering: await signedIn(t, { email: 'sc@example.org', roles: ['steering'] }),
    secretariat: await signedIn(t, { email: 'sec@example.org', name: 'Sec Retariat', roles: ['secretariat'] }),
  };
});
afterAll(() => t.close());

describe('the Secretariat home: work waiting', () => {
  /** The text of the home page's main part, tags removed, spaces collapsed. */
  const homeText = async (cookie: string) => {
    const res = await t.app.inject({ url: '/en/admin', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const main = res.body.slice(res.body.indexOf('<main'));
    // Inline elements join their text; blocks part it.
    return { html: main, text: main.replace(/<\/?(bdi|a)\b[^>]*>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') };
  };

  it('counts what waits in each module and links to where it is done, and marks a Committee deadline that has passed', async () => {
    const sec = (await actorByEmail(t.db, 'sec@example.org'))!;
    const before = await homeText(cookies.secretariat);
    expect(before.text).toContain('Membership applications Nothing waiting.');

    await addWorkingGroups(t.db);
    for (const email of ['one@example.org', 'two@example.org']) await applyAs(t.db, { kind: 'individual', email, data: sampleIndividual({ name: email }) });
    const { id } = await applyAs(t.db, { kind: 'individual', email: 'three@example.org', data: sampleIndividual({ name: 'Lina Haddad' }) });
    for (const action of ['screen', 'recommend'] as const) expect((await transitionApplication(t.db, sec, { id, action, note: '', baseUrl: t.config.baseUrl })).ok).toBe(true);
    const meetingId = await openMeeting(t.db, { slug: 'todo-meeting', title: { en: 'Learning Summit' }, capacity: 1 });
    for (const n of [1, 2, 3]) await registerParticipant(t.db, meetingId, { email: `p${n}@example.org`, name: `P ${n}`, country: 'KE', locale: 'en' });
    const created = await createIssue(t.db, sec, { slug: 'todo-issue', defaultLocale: 'en' });
    if (!created.ok) throw new Error('issue refused');
    await saveVersion(t.db, sec, (await getIssue(t.db, sec, created.id))!, 'en', { subject: 'March letter', body: 'Hello' });

    const { text, html } = await homeText(cookies.secretariat);
    expect(text).toContain('2 applications waiting for screening');
    expect(text).toContain('1 application with the Steering Committee');
    const [app] = await t.db.select().from(applications).where(eq(applications.id, id));
    expect(text).toMatch(new RegExp(`A-\\d{4} Lina Haddad: the Committee answers by`));
    expect(html).toContain(`href="/en/admin/applications/${app!.id}"`);
    expect(html).toContain('href="/en/admin/applications?status=submitted"');
    expect(text).toContain('Meeting: Learning Summit');
    expect(text).toContain('2 people on the waiting list');
    expect(html).toContain('href="/en/admin/meetings/todo-meeting/registrations?status=waiting"');
    expect(text).toContain('Draft: March letter');
    expect(html).toContain(`href="/en/admin/newsletter/${created.id}"`);
    // The meeting and the issue exist in English only: five languages miss their texts.
    expect(text).toMatch(/French: \d+ texts? missing/);
    expect(html).toContain('href="/en/admin/translations?language=fr"');
    expect(html).not.toContain('todo-past');

    // The Committee's time runs out: the line says to decide now, marked.
    await t.db.update(applications).set({ recommendedAt: new Date(Date.now() - 60 * 86_400_000) }).where(eq(applications.id, id));
    const late = await homeText(cookies.secretariat);
    expect(late.text).toMatch(/Lina Haddad: the Committee(&#39;|')s time ended on .*, decide now/);
    expect(late.html).toContain('todo-past');
  });

  it('shows nobody else the Secretariat’s work', async () => {
    for (const who of [cookies.user, cookies.member, cookies.steering]) {
      const res = await t.app.inject({ url: '/en/admin', headers: { cookie: who } });
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('waiting for screening');
    }
  });
});
