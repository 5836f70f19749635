import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { queriesDuring, signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { actorByEmail, ensureUser } from '../../platform/auth/service.js';
import { outbox } from '../../platform/mail/schema.js';
import { auditLog } from '../../platform/audit/schema.js';
import { setSetting } from '../../platform/settings/service.js';
import { ForbiddenError, type Actor } from '../../platform/policy.js';
import { addWorkingGroups } from '../workinggroups/factories.js';
import { addPersonToGroup } from '../workinggroups/service.js';
import { addIndividualMember } from '../membership/factories.js';
import { audienceRecipients, subscribeWithConsent, unsubscribeByLink } from '../communications/service.js';
import { openMeeting, registerParticipant } from '../meetings/factories.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { addSurvey, type NewSurvey } from './factories.js';
import { surveyInvitations, surveyParticipants } from './schema.js';
import { dayOf, type SurveyRow } from './respond.js';
import { DEFAULT_INVITATION_CAP, INVITATION_CAP_SETTING, inviteToSurvey, remindSurvey, surveyInvitationPreview, type SurveyInviteInput } from './invitations.js';

let t: TestApp;
let secretariat: Actor;
let pulse: SurveyRow;
let groupIds: Record<'foundational-learning' | 'technologies-for-learning', string>;
const DAY = 86_400_000;
const everyone: SurveyInviteInput = { topics: [], step: 'send' };
const mails = (template: string) => t.db.select().from(outbox).where(eq(outbox.template, template)).orderBy(outbox.id);
const invitations = () => mails('surveys.invitation');
const reminders = () => mails('surveys.reminder');
/** Who has been invited to this survey, by the link in the e-mail. */
const invitedTo = async (slug: string) => (await invitations()).filter((m) => new RegExp(`/surveys/${slug}(\\s|$)`).test(m.text)).map((m) => m.toAddress);

const survey = async (s: Partial<NewSurvey> & { slug: string }) =>
  (await addSurvey(t.db, { title: { en: s.slug }, questions: [], opensAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + 20 * DAY), audience: 'public', ...s }))!;
const subscribe = (email: string, locale: Locale) => t.db.transaction((tx) => subscribeWithConsent(tx, { email, name: email.split('@')[0]!, locale, source: 'admin' }));
const unsubscribe = async (email: string) => {
  const [s] = (await audienceRecipients(t.db, {})).filter((r) => r.email === email);
  await unsubscribeByLink(t.db, s!.id, 'link', { ip: '127.0.0.1' });
};
/** An active individual member of the Alliance, taking part in these working groups. */
const addMember = (email: string, workingGroups: string[] = []) => addIndividualMember(t.db, { email, workingGroups });
const audits = async (action: string) => (await t.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(auditLog.id)).map((a) => a.after);

beforeAll(async () => {
  t = await testApp();
  groupIds = await addWorkingGroups(t.db);
  await addPersonToGroup(t.db, groupIds['foundational-learning'], { email: 'chair@example.org', name: 'Chair' }, 'chair');
  await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
  secretariat = (await actorByEmail(t.db, 'sec@example.org'))!;
  pulse = await survey({ slug: 'pulse', title: { en: 'Pulse survey', es: 'Encuesta de pulso', ar: 'استبيان النبض' } });
  for (const [email, locale] of [['ana@example.org', 'es'], ['omar@example.org', 'ar'], ['zoe@example.org', 'en'], ['left@example.org', 'fr']] as const) await subscribe(email, locale);
  await unsubscribe('left@example.org');
});
afterAll(() => t.close());

describe('inviting to a survey', () => {
  it('reaches subscribers only, each in their language with the survey’s title in it and a one-click unsubscribe link; a second run reaches only the new ones', async () => {
    expect(await surveyInvitationPreview(t.db, secretariat, pulse, everyone, new Date())).toEqual({ ok: true, reach: 3, already: 0, atCap: 0 });
    expect(await inviteToSurvey(t.db, secretariat, pulse, everyone, t.config, new Date())).toEqual({ ok: true, invited: 3 });
    const sent = await invitations();
    expect(sent.map((m) => [m.toAddress, m.locale])).toEqual([
      ['ana@example.org', 'es'],
      ['omar@example.org', 'ar'],
      ['zoe@example.org', 'en'],
    ]);
    expect(sent[0]!.subject).toBe('Le invitamos a responder la encuesta: Encuesta de pulso');
    expect(sent[1]!.subject).toContain('استبيان النبض');
    expect(sent[2]!.text).toContain(`${t.config.baseUrl}/en/surveys/pulse`);
    expect(sent[2]!.text).toContain('Answers are taken until');
    expect(sent[2]!.html).toContain(`href="${t.config.baseUrl}/en/surveys/pulse"`);
    for (const m of sent) {
      expect(m.headers['List-Unsubscribe']).toMatch(/^<http/);
      expect(m.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    }

    await subscribe('kim@example.org', 'en');
    expect(await surveyInvitationPreview(t.db, secretariat, pulse, everyone, new Date())).toEqual({ ok: true, reach: 4, already: 3, atCap: 0 });
    expect(await inviteToSurvey(t.db, secretariat, pulse, everyone, t.config, new Date())).toEqual({ ok: true, invited: 1 });
    expect((await invitations()).map((m) => m.toAddress)).toEqual(['ana@example.org', 'omar@example.org', 'zoe@example.org', 'kim@example.org']);
    expect(await audits('surveys.invite')).toEqual([
      { invited: 3, already: 0, atCap: 0 },
      { invited: 1, already: 3, atCap: 0 },
    ]);
  });

  it('follows the survey’s audience: members, a working group’s members, a meeting’s confirmed participants — subscribers among them only', async () => {
    await addMember('mem@example.org');
    await addMember('grp@example.org', ['foundational-learning']);
    await addMember('quiet@example.org', ['foundational-learning']);
    const meetingId = await openMeeting(t.db, { slug: 'annual' });
    await registerParticipant(t.db, meetingId, { email: 'part@example.org', name: 'Part', country: 'GH', locale: 'en' });
    for (const email of ['mem@example.org', 'grp@example.org', 'part@example.org']) await subscribe(email, 'en');

    const forMembers = await survey({ slug: 'for-members', audience: 'members' });
    const forGroup = await survey({ slug: 'for-group', audience: 'group', audienceRef: groupIds['foundational-learning'] });
    const forMeeting = await survey({ slug: 'for-meeting', audience: 'participants', audienceRef: meetingId });
    // The audience fields of the form are for public surveys only.
    const narrowed: SurveyInviteInput = { topics: [], meetingId, step: 'send' };
    expect(await inviteToSurvey(t.db, secretariat, forMembers, narrowed, t.config, new Date())).toEqual({ ok: true, invited: 2 });
    expect(await inviteToSurvey(t.db, secretariat, forGroup, narrowed, t.config, new Date())).toEqual({ ok: true, invited: 1 });
    expect(await inviteToSurvey(t.db, secretariat, forMeeting, everyone, t.config, new Date())).toEqual({ ok: true, invited: 1 });
    expect(await invitedTo('for-members')).toEqual(['grp@example.org', 'mem@example.org']);
    expect(await invitedTo('for-group')).toEqual(['grp@example.org']);
    expect(await invitedTo('for-meeting')).toEqual(['part@example.org']);
  });

  it(`leaves out an address already invited to ${DEFAULT_INVITATION_CAP} surveys this calendar year, counted apart, until the setting allows more`, async () => {
    await subscribe('busy@example.org', 'en');
    await subscribe('calm@example.org', 'en');
    const now = new Date();
    const lastYear = new Date(Date.UTC(now.getUTCFullYear() - 1, 11, 31, 12));
    for (let i = 1; i <= 4; i++) {
      const earlier = await survey({ slug: `earlier-${i}` });
      await t.db.insert(surveyInvitations).values({ surveyId: earlier.id, email: 'busy@example.org', invitedAt: now });
      await t.db.insert(surveyInvitations).values({ surveyId: earlier.id, email: 'calm@example.org', invitedAt: i === 4 ? lastYear : now });
    }
    const fifth = await survey({ slug: 'fifth' });
    const reach = (await audienceRecipients(t.db, {})).length;
    expect(await surveyInvitationPreview(t.db, secretariat, fifth, everyone, now)).toEqual({ ok: true, reach, already: 0, atCap: 1 });
    expect(await inviteToSurvey(t.db, secretariat, fifth, everyone, t.config, now)).toEqual({ ok: true, invited: reach - 1 });
    const invitedToFifth = await invitedTo('fifth');
    expect(invitedToFifth).toContain('calm@example.org');
    expect(invitedToFifth).not.toContain('busy@example.org');

    await setSetting(t.db, INVITATION_CAP_SETTING, 5);
    try {
      expect(await inviteToSurvey(t.db, secretariat, fifth, everyone, t.config, now)).toEqual({ ok: true, invited: 1 });
      expect((await invitedTo('fifth')).at(-1)).toBe('busy@example.org');
    } finally {
      await setSetting(t.db, INVITATION_CAP_SETTING, DEFAULT_INVITATION_CAP);
    }
  });
});

describe('reminding', () => {
  it('reminds once those invited who have not responded and are still subscribed, without reading a single response', async () => {
    // Invited to pulse: ana, omar, zoe, kim. Omar has responded; Zoe has unsubscribed since.
    const { id: omar } = await ensureUser(t.db, { email: 'omar@example.org', name: 'Omar' });
    await t.db.insert(surveyParticipants).values({ surveyId: pulse.id, userId: omar, respondedOn: dayOf(new Date()), locale: 'ar' });
    await unsubscribe('zoe@example.org');
    let result: unknown;
    const statements = await queriesDuring(t.db, async () => {
      result = await remindSurvey(t.db, secretariat, pulse, t.config, new Date());
    });
    expect(result).toEqual({ ok: true, reminded: 2 });
    expect(statements.some((q) => q.includes('survey_responses'))).toBe(false);
    const sent = await reminders();
    expect(sent.map((m) => [m.toAddress, m.locale])).toEqual([
      ['ana@example.org', 'es'],
      ['kim@example.org', 'en'],
    ]);
    expect(sent[0]!.subject).toBe('Recordatorio: la encuesta «Encuesta de pulso»');
    expect(sent[0]!.text).toContain(`${t.config.baseUrl}/es/surveys/pulse`);
    expect(sent[0]!.headers['List-Unsubscribe']).toMatch(/^<http/);
    const marked = await t.db.select().from(surveyInvitations).where(and(eq(surveyInvitations.surveyId, pulse.id), eq(surveyInvitations.email, 'ana@example.org')));
    expect(marked[0]!.remindedAt).not.toBeNull();

    // Once only.
    expect(await remindSurvey(t.db, secretariat, pulse, t.config, new Date())).toEqual({ ok: true, reminded: 0 });
    expect(await reminders()).toHaveLength(2);
    expect(await audits('surveys.remind')).toEqual([{ reminded: 2 }, { reminded: 0 }]);
  });
});

describe('when invitations and reminders may go', () => {
  it('a draft or a closed survey refuses both; a scheduled one takes invitations (saying when it opens) but no reminders yet', async () => {
    const before = (await invitations()).length + (await reminders()).length;
    const draft = await survey({ slug: 'still-draft', opensAt: null, closesAt: null });
    const closed = await survey({ slug: 'over', opensAt: new Date(Date.now() - 30 * DAY), closesAt: new Date(Date.now() - DAY) });
    const now = new Date();
    expect(await surveyInvitationPreview(t.db, secretariat, draft, everyone, now)).toEqual({ ok: false, state: 'draft' });
    expect(await inviteToSurvey(t.db, secretariat, draft, everyone, t.config, now)).toEqual({ ok: false, state: 'draft' });
    expect(await inviteToSurvey(t.db, secretariat, closed, everyone, t.config, now)).toEqual({ ok: false, state: 'closed' });
    expect(await remindSurvey(t.db, secretariat, closed, t.config, now)).toEqual({ ok: false, state: 'closed' });
    expect((await invitations()).length + (await reminders()).length).toBe(before);

    const later = await survey({ slug: 'later', opensAt: new Date(Date.now() + 2 * DAY) });
    expect(await remindSurvey(t.db, secretariat, later, t.config, now)).toEqual({ ok: false, state: 'scheduled' });
    const r = await inviteToSurvey(t.db, secretariat, later, everyone, t.config, now);
    expect(r.ok && r.invited).toBeGreaterThan(0);
    const [mail] = (await invitations()).filter((m) => m.text.includes('/en/surveys/later'));
    expect(mail!.text).toContain('It opens on');
  });

  it('only the Secretariat invites; over HTTP, counting comes before sending, and a draft is refused with a message', async () => {
    await expect(inviteToSurvey(t.db, (await actorByEmail(t.db, 'chair@example.org'))!, pulse, everyone, t.config, new Date())).rejects.toBeInstanceOf(ForbiddenError);
    const cookie = await signedIn(t, { email: 'sec@example.org' });
    await addMember('tech@example.org', ['technologies-for-learning']);
    await subscribe('tech@example.org', 'fr');
    await survey({ slug: 'tech-group', audience: 'group', audienceRef: groupIds['technologies-for-learning'] });
    const url = '/en/admin/surveys/tech-group/invite';
    expect((await t.app.inject({ url, headers: { cookie } })).body).toContain('Members of a working group: Technologies for Learning');
    const counted = await submitForm(t, { page: url, action: url, cookie, fields: { step: 'preview' } });
    expect(counted.statusCode).toBe(200);
    expect(counted.body).toContain('1 person to invite.');
    expect(counted.body).toContain('Send 1 invitation');
    const sent = await submitForm(t, { page: url, action: url, cookie, fields: { step: 'send' } });
    expect(sent.statusCode).toBe(303);
    expect((await t.app.inject({ url: sent.headers.location!, headers: { cookie } })).body).toContain('1 invitation is on its way.');
    expect(await invitedTo('tech-group')).toEqual(['tech@example.org']);

    const draftUrl = '/en/admin/surveys/still-draft/invite';
    const page = await t.app.inject({ url: draftUrl, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('This survey is a draft');
    const refused = await submitForm(t, { page: draftUrl, action: draftUrl, cookie, fields: { step: 'send' }, forge: true });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('This survey is a draft');
    const chair = await signedIn(t, { email: 'chair@example.org' });
    expect((await t.app.inject({ url, headers: { cookie: chair } })).statusCode).toBe(403);
  });
});
