import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { actorByEmail } from '../../platform/auth/service.js';
import { outbox } from '../../platform/mail/schema.js';
import { auditLog } from '../../platform/audit/schema.js';
import { ForbiddenError, type Actor } from '../../platform/policy.js';
import { addWorkingGroups } from '../workinggroups/factories.js';
import { addPersonToGroup, createReport, getWorkingGroup, publishReport, reportOf } from '../workinggroups/service.js';
import { audienceRecipients, subscribeWithConsent, unsubscribeByLink } from '../communications/service.js';
import { openMeeting, registerParticipant } from '../meetings/factories.js';
import { getConsultation, getConsultationTarget, openConsultation, type ConsultationPage } from './service.js';
import { inviteAudience, invitationPreview, type InviteInput } from './invitations.js';

let t: TestApp;
let secretariat: Actor;
let page: ConsultationPage;
const DAY = 86_400_000;
const everyone: InviteInput = { topics: [], step: 'send' };
const invitations = () => t.db.select().from(outbox).where(eq(outbox.template, 'consultations.invitation')).orderBy(outbox.id);

beforeAll(async () => {
  t = await testApp();
  const ids = await addWorkingGroups(t.db);
  await addPersonToGroup(t.db, ids['foundational-learning'], { email: 'chair@example.org', name: 'Chair' }, 'chair');
  await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
  secretariat = (await actorByEmail(t.db, 'sec@example.org'))!;
  const group = (await getWorkingGroup(t.db, 'foundational-learning'))!;
  await createReport(t.db, secretariat, group, { slug: 'numeracy', title: 'Early numeracy', markdown: '# Early numeracy\n\nCounting comes before adding.' }, 'en');
  await publishReport(t.db, secretariat, group, (await reportOf(t.db, secretariat, group, 'numeracy'))!.report, 'prefinal');
  const opened = await openConsultation(t.db, secretariat, (await getConsultationTarget(t.db, secretariat, group, 'numeracy', 1))!, { opensAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + 20 * DAY), audience: 'public', moderation: 'post', summary: 'Counting comes before adding.', questions: [] }, 'en');
  page = (await getConsultation(t.db, opened.ok ? opened.slug : ''))!;
  for (const [email, locale] of [['ana@example.org', 'es'], ['omar@example.org', 'ar'], ['zoe@example.org', 'en'], ['left@example.org', 'fr']] as const) {
    await t.db.transaction((tx) => subscribeWithConsent(tx, { email, name: email.split('@')[0]!, locale, source: 'admin' }));
  }
  const [left] = (await audienceRecipients(t.db, {})).filter((r) => r.email === 'left@example.org');
  await unsubscribeByLink(t.db, left!.id, 'link', { ip: '127.0.0.1' });
});
afterAll(() => t.close());

describe('inviting audiences to a consultation', () => {
  it('reaches subscribers only (not who unsubscribed), each in their language with a one-click unsubscribe link, once per consultation, audited', async () => {
    expect(await invitationPreview(t.db, secretariat, page, everyone)).toEqual({ reach: 3, already: 0 });
    expect(await inviteAudience(t.db, secretariat, page, everyone, t.config)).toBe(3);
    const mails = await invitations();
    expect(mails.map((m) => [m.toAddress, m.locale])).toEqual([
      ['ana@example.org', 'es'],
      ['omar@example.org', 'ar'],
      ['zoe@example.org', 'en'],
    ]);
    expect(mails[0]!.subject).toBe('Se solicitan sus comentarios: Early numeracy');
    expect(mails[2]!.text).toContain(`/en/consultations/${page.consultation.slug}`);
    expect(mails[2]!.headers['List-Unsubscribe']).toMatch(/^<http/);
    // Again: nobody new.
    expect(await invitationPreview(t.db, secretariat, page, everyone)).toEqual({ reach: 3, already: 3 });
    expect(await inviteAudience(t.db, secretariat, page, everyone, t.config)).toBe(0);
    expect(await invitations()).toHaveLength(3);
    expect((await t.db.select().from(auditLog).where(eq(auditLog.action, 'consultations.invite'))).map((a) => (a.after as { invited: number }).invited)).toEqual([3, 0]);
  });

  it('a meeting’s participants are told the drafts are open before the meeting', async () => {
    const meetingId = await openMeeting(t.db, { slug: 'annual', title: { en: 'The annual meeting' } });
    await registerParticipant(t.db, meetingId, { email: 'kofi@example.org', name: 'Kofi', country: 'GH', locale: 'en' });
    await t.db.transaction((tx) => subscribeWithConsent(tx, { email: 'kofi@example.org', name: 'Kofi', locale: 'en', source: 'admin' }));
    expect(await inviteAudience(t.db, secretariat, page, { topics: [], meetingId, step: 'send' }, t.config)).toBe(1);
    const [mail] = (await invitations()).filter((m) => m.toAddress === 'kofi@example.org');
    expect(mail!.text).toContain('Before The annual meeting, the pre-final draft of “Early numeracy” is open for comments.');
  });

  it('only the Secretariat invites; over HTTP, counting comes before sending', async () => {
    await expect(inviteAudience(t.db, (await actorByEmail(t.db, 'chair@example.org'))!, page, everyone, t.config)).rejects.toBeInstanceOf(ForbiddenError);
    const cookie = await signedIn(t, { email: 'sec@example.org' });
    const url = `/en/consultations/${page.consultation.slug}/invite`;
    const counted = await submitForm(t, { page: url, action: url, cookie, fields: { step: 'preview', membership: '' } });
    expect(counted.statusCode).toBe(200);
    expect(counted.body).toContain('This audience reaches 4 people, all invited already.');
    expect(counted.body).not.toContain('Send 0 invitations');
    const chair = await signedIn(t, { email: 'chair@example.org' });
    expect((await t.app.inject({ url, headers: { cookie: chair } })).statusCode).toBe(403);
  });
});
