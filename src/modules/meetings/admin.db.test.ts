import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { mailsTo, signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { auditLog } from '../../platform/audit/schema.js';
import { jobs } from '../../platform/jobs/schema.js';
import { openMeeting } from './factories.js';
import { addWorkingGroups } from '../workinggroups/factories.js';
import { activitySignups, meetings, meetingSessions, participantCategories, registrations, sideActivities } from './schema.js';
import { joinActivity } from './activities.js';
import { register } from './registration.js';

let t: TestApp;
let sec: string;
let member: string;
beforeAll(async () => {
  t = await testApp();
  sec = await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
  member = await signedIn(t, { email: 'member@example.org', roles: ['member'] });
});
afterAll(() => t.close());

const settings = (over: Record<string, string | string[]> = {}) => ({
  slug: 'forum-2027',
  title: 'Forum de l’Alliance 2027',
  description: 'Deux jours de travail.',
  venueName: 'Siège, Paris',
  venueAddress: '7 place de Fontenoy, 75007 Paris',
  timeZone: 'Europe/Paris',
  startsAt: '2027-03-10T09:00',
  endsAt: '2027-03-11T18:00',
  status: 'open',
  allocation: 'fcfs',
  capacity: '120',
  registrationOpensAt: '2026-11-01T09:00',
  registrationClosesAt: '2027-02-28T23:59',
  offerHours: '48',
  financingBudget: '20000',
  financingCurrency: 'eur',
  financingIncomeGroups: ['low', 'lower-middle'],
  financingClosesAt: '',
  signatoryName: 'Élise Moreau',
  signatoryTitle: 'Cheffe du Secrétariat',
  ...over,
});
const createAs = (cookie: string, over: Record<string, string | string[]> = {}) =>
  submitForm(t, { page: '/fr/admin/meetings/new', action: '/fr/admin/meetings/new', cookie, fields: settings(over) });

describe('creating and editing a meeting', () => {
  it('only the Secretariat may open the form', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/fr/admin/meetings/new', headers: { cookie: member } })).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: '/fr/admin/meetings/new' });
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toContain('/fr/sign-in');
  });

  it('refuses an end before the start and an unknown zone, in French, keeping what was typed', async () => {
    const ends = await createAs(sec, { endsAt: '2027-03-09T18:00' });
    expect(ends.statusCode).toBe(422);
    expect(ends.body).toContain('La fin doit être postérieure au début.');
    expect(ends.body).toContain('value="Forum de l’Alliance 2027"');
    expect(ends.body).toContain('value="2027-03-09T18:00"');
    const zone = await createAs(sec, { timeZone: 'Mars/Olympus' });
    expect(zone.statusCode).toBe(422);
    expect(zone.body).toContain('Choisissez un fuseau horaire dans la liste.');
    expect(await t.db.select().from(meetings).where(eq(meetings.slug, 'forum-2027'))).toHaveLength(0);
  });

  it('creates the meeting in the page’s language, with times read in the venue’s zone, audited', async () => {
    const res = await createAs(sec);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/fr/admin/meetings/forum-2027/edit?notice=created');
    const [m] = await t.db.select().from(meetings).where(eq(meetings.slug, 'forum-2027'));
    expect(m!.originalLocale).toBe('fr');
    expect(m!.title).toEqual({ fr: 'Forum de l’Alliance 2027' });
    expect(m!.startsAt.toISOString()).toBe('2027-03-10T08:00:00.000Z'); // 09:00 in Paris in winter
    expect(m!.capacity).toBe(120);
    expect(m!.financingCurrency).toBe('EUR');
    expect(m!.letterSignatoryTitle).toEqual({ fr: 'Cheffe du Secrétariat' });
    const [job] = await t.db.select().from(jobs).where(eq(jobs.uniqueKey, `meetings.sendReminders:${m!.id}`));
    expect(job!.runAt.toISOString()).toBe('2027-03-07T08:00:00.000Z');
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'meetings.create'), eq(auditLog.targetId, 'forum-2027')));
    expect(audit).toHaveLength(1);
    // The public page shows it.
    expect((await t.app.inject({ method: 'GET', url: '/fr/meetings/forum-2027' })).body).toContain('Forum de l’Alliance 2027');
  });

  it('refuses a web address already in use', async () => {
    const res = await createAs(sec, { title: 'Autre' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Une autre réunion utilise déjà');
  });

  it('adds an English translation without touching the French original, and moving the dates moves the reminders', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/en/admin/meetings/forum-2027/edit', headers: { cookie: sec } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('You are editing the English translation');
    const res = await submitForm(t, {
      page: '/en/admin/meetings/forum-2027/edit',
      action: '/en/admin/meetings/forum-2027/edit',
      cookie: sec,
      fields: settings({ slug: '', title: 'Alliance Forum 2027', description: '', venueName: 'Headquarters, Paris', startsAt: '2027-04-14T09:30', endsAt: '2027-04-15T17:00', signatoryTitle: 'Head of the Secretariat' }),
    });
    expect(res.statusCode).toBe(303);
    const [m] = await t.db.select().from(meetings).where(eq(meetings.slug, 'forum-2027'));
    expect(m!.title).toEqual({ fr: 'Forum de l’Alliance 2027', en: 'Alliance Forum 2027' });
    expect(m!.description).toEqual({ fr: 'Deux jours de travail.' });
    expect(m!.startsAt.toISOString()).toBe('2027-04-14T07:30:00.000Z'); // summer time
    const [job] = await t.db.select().from(jobs).where(eq(jobs.uniqueKey, `meetings.sendReminders:${m!.id}`));
    expect(job!.runAt.toISOString()).toBe('2027-04-11T07:30:00.000Z');
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'meetings.update'));
    expect(Object.keys(audit!.after as object)).toEqual(expect.arrayContaining(['title', 'startsAt', 'endsAt']));
    expect(Object.keys(audit!.after as object)).not.toContain('venueAddress');
  });
});

describe('the programme', () => {
  const session = (over: Record<string, string | string[]> = {}) => ({ kind: 'panel', title: 'Panel: evidence in the classroom', description: '', startsAt: '2027-04-14T11:00', endsAt: '2027-04-14T12:30', room: 'Room II', speakers: 'Awa Ndiaye\nLi Wei', chairs: 'Amina Diallo', ...over });
  const add = (over: Record<string, string | string[]> = {}) => submitForm(t, { page: '/en/admin/meetings/forum-2027/programme', action: '/en/admin/meetings/forum-2027/programme', cookie: sec, fields: session(over) });

  it('refuses a session outside the meeting’s days', async () => {
    const res = await add({ startsAt: '2027-04-20T11:00', endsAt: '2027-04-20T12:00' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('during the meeting’s days');
    expect(res.body).toContain('value="Panel: evidence in the classroom"');
  });

  it('adds a session that the public agenda shows with its speakers, then edits and removes it', async () => {
    expect((await add()).statusCode).toBe(303);
    const agenda = await t.app.inject({ method: 'GET', url: '/en/meetings/forum-2027/agenda' });
    expect(agenda.body).toContain('Panel: evidence in the classroom');
    expect(agenda.body).toContain('Awa Ndiaye');
    const [s] = await t.db.select().from(meetingSessions);
    expect(s!.startsAt.toISOString()).toBe('2027-04-14T09:00:00.000Z');
    expect(s!.speakers).toEqual(['Awa Ndiaye', 'Li Wei']);
    // The column of Remove buttons is headed for screen readers ("Actions"), not with another page's words.
    const programme = (await t.app.inject({ url: '/en/admin/meetings/forum-2027/programme', headers: { cookie: sec } })).body;
    expect(programme).toContain('<th scope="col"><span class="visually-hidden">Actions</span></th>');
    expect(programme).not.toContain('Change roles');
    const edit = await submitForm(t, { page: `/en/admin/meetings/forum-2027/programme/${s!.id}`, action: `/en/admin/meetings/forum-2027/programme/${s!.id}`, cookie: sec, fields: session({ room: 'Room IV' }) });
    expect(edit.statusCode).toBe(303);
    expect((await t.db.select().from(meetingSessions).where(eq(meetingSessions.id, s!.id)))[0]!.room).toBe('Room IV');
    const remove = await submitForm(t, { page: '/en/admin/meetings/forum-2027/programme', action: `/en/admin/meetings/forum-2027/programme/${s!.id}/remove`, cookie: sec, fields: {} });
    expect(remove.statusCode).toBe(303);
    expect(await t.db.select().from(meetingSessions)).toHaveLength(0);
  });

  it('a session ticked for a working group is listed on that group’s page; a made-up group is ignored', async () => {
    await addWorkingGroups(t.db);
    const form = await t.app.inject({ url: '/en/admin/meetings/forum-2027/programme', headers: { cookie: sec } });
    expect(form.body).toContain('value="foundational-learning"');
    expect((await add({ title: 'Consultation on the reading report', workingGroups: ['foundational-learning', 'no-such-group'] })).statusCode).toBe(303);
    const [s] = await t.db.select().from(meetingSessions).where(eq(meetingSessions.title, { en: 'Consultation on the reading report' }));
    expect(s!.workingGroups).toEqual(['foundational-learning']);
    const page = await t.app.inject({ url: '/en/working-groups/foundational-learning' });
    expect(page.body).toContain('At the Alliance&#39;s meetings');
    expect(page.body).toContain('<a href="/en/meetings/forum-2027/agenda">Consultation on the reading report</a>');
    expect((await t.app.inject({ url: '/en/working-groups/technologies-for-learning' })).body).not.toContain('Consultation on the reading report');
  });
});

describe('participant categories and moving a registration', () => {
  let meetingId: string;
  const who = (email: string) => ({ email, name: email.split('@')[0]!, organization: '', country: 'KE', locale: 'en' as const, answers: {} });
  beforeAll(async () => {
    meetingId = await openMeeting(t.db, {
      slug: 'cat-meeting',
      capacity: 10,
      categories: [
        { slug: 'practitioner', name: { en: 'Practitioner' } },
        { slug: 'press', name: { en: 'Press' }, quota: 1 },
      ],
    });
  });
  const cats = async () => Object.fromEntries((await t.db.select().from(participantCategories).where(eq(participantCategories.meetingId, meetingId))).map((c) => [c.slug, c]));
  const page = '/en/admin/meetings/cat-meeting/categories';

  it('adds a category that needs an invitation code', async () => {
    const res = await submitForm(t, { page, action: page, cookie: sec, fields: { slug: 'delegation', name: 'Delegation', quota: '', colour: '#6f2c91', codeAction: 'new', invitationCode: 'del-2027' } });
    expect(res.statusCode).toBe(303);
    const r = await register(t.db, { meetingId, categorySlug: 'delegation', invitationCode: 'nope', who: who('d1@example.org'), baseUrl: 'http://x' });
    expect(r).toMatchObject({ ok: false, reason: 'invitation' });
    const ok = await register(t.db, { meetingId, categorySlug: 'delegation', invitationCode: 'DEL-2027', who: who('d2@example.org'), baseUrl: 'http://x' });
    expect(ok.ok).toBe(true);
    const list = (await t.app.inject({ url: page, headers: { cookie: sec } })).body;
    expect(list).toContain('<th scope="col"><span class="visually-hidden">Actions</span></th>');
    expect(list).not.toContain('Change roles');
  });

  it('refuses a code too short, and a category already in use cannot be removed', async () => {
    const bad = await submitForm(t, { page, action: page, cookie: sec, fields: { slug: 'partner', name: 'Partner', colour: '#b35900', codeAction: 'new', invitationCode: 'ab' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('at least 4 characters');
    const { delegation } = await cats();
    const res = await submitForm(t, { page, action: `${page}/${delegation!.id}/remove`, cookie: sec, fields: {}, forge: true });
    expect(res.headers.location).toContain('notice=in-use');
    expect((await cats()).delegation).toBeDefined();
  });

  it('raising a full quota offers the new place to the first person waiting', async () => {
    expect((await register(t.db, { meetingId, categorySlug: 'press', who: who('p1@example.org'), baseUrl: 'http://x' })).ok).toBe(true);
    const waiting = await register(t.db, { meetingId, categorySlug: 'press', who: who('p2@example.org'), baseUrl: 'http://x' });
    expect(waiting).toMatchObject({ ok: true, status: 'waiting' });
    const { press } = await cats();
    const res = await submitForm(t, { page: `${page}/${press!.id}`, action: `${page}/${press!.id}`, cookie: sec, fields: { name: 'Press', quota: '2', colour: '#b3261e', codeAction: 'keep' } });
    expect(res.statusCode).toBe(303);
    const [p2] = await t.db.select().from(registrations).where(eq(registrations.email, 'p2@example.org'));
    expect(p2!.status).toBe('offered');
    expect((await mailsTo(t, 'p2@example.org')).length).toBeGreaterThan(0);
  });

  it('moves a confirmed registration only where the quota has room; the place it leaves is offered on', async () => {
    // Press is full again (p1 confirmed, p2 offered); a third person waits for press.
    await register(t.db, { meetingId, categorySlug: 'press', who: who('p3@example.org'), baseUrl: 'http://x' });
    const { press, practitioner } = await cats();
    const [prac] = await t.db.select().from(registrations).where(eq(registrations.email, 'd2@example.org'));
    const detail = `/en/admin/meetings/cat-meeting/registrations/${prac!.id}`;
    const full = await submitForm(t, { page: detail, action: `${detail}/category`, cookie: sec, fields: { category: press!.id } });
    expect(full.headers.location).toContain('notice=full');
    const [p1] = await t.db.select().from(registrations).where(eq(registrations.email, 'p1@example.org'));
    const p1Page = `/en/admin/meetings/cat-meeting/registrations/${p1!.id}`;
    const moved = await submitForm(t, { page: p1Page, action: `${p1Page}/category`, cookie: sec, fields: { category: practitioner!.id } });
    expect(moved.headers.location).toContain('notice=ok');
    const rows = Object.fromEntries((await t.db.select().from(registrations).where(eq(registrations.meetingId, meetingId))).map((r) => [r.email, r]));
    expect(rows['p1@example.org']).toMatchObject({ status: 'confirmed', categoryId: practitioner!.id });
    expect(rows['p3@example.org']!.status).toBe('offered');
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'meetings.registration.category'));
    expect(audit!.targetId).toBe('p1@example.org');
    const shown = await t.app.inject({ method: 'GET', url: moved.headers.location as string, headers: { cookie: sec } });
    expect(shown.body).toContain('The category is changed.');
  });
});

describe('side activities', () => {
  let meetingId: string;
  const who = (email: string) => ({ email, name: email.split('@')[0]!, organization: '', country: 'KE', locale: 'en' as const, answers: {} });
  const page = '/en/admin/meetings/visit-meeting/activities';
  beforeAll(async () => {
    meetingId = await openMeeting(t.db, { slug: 'visit-meeting', capacity: 10 });
  });

  it('adds an activity after the meeting’s last day, members only, with its own places', async () => {
    const bad = await submitForm(t, { page, action: page, cookie: sec, fields: { slug: 'school-visit', title: 'School visit', startsAt: '2027-01-05T09:00', endsAt: '2027-01-05T08:00', capacity: '1', membersOnly: 'yes' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('The end must come after the start.');
    const res = await submitForm(t, { page, action: page, cookie: sec, fields: { slug: 'school-visit', title: 'School visit', startsAt: '2027-01-05T09:00', endsAt: '2027-01-05T12:00', capacity: '1', membersOnly: 'yes' } });
    expect(res.statusCode).toBe(303);
    const [a] = await t.db.select().from(sideActivities).where(eq(sideActivities.meetingId, meetingId));
    expect(a).toMatchObject({ slug: 'school-visit', membersOnly: true, capacity: 1, title: { en: 'School visit' } });
  });

  it('a larger capacity gives the new place to the first person waiting', async () => {
    const [a] = await t.db.select().from(sideActivities).where(eq(sideActivities.meetingId, meetingId));
    await t.db.update(sideActivities).set({ membersOnly: false }).where(eq(sideActivities.id, a!.id));
    const ids: string[] = [];
    for (const email of ['v1@example.org', 'v2@example.org']) {
      await register(t.db, { meetingId, categorySlug: 'practitioner', who: who(email), baseUrl: 'http://x' });
      const [r] = await t.db.select().from(registrations).where(eq(registrations.email, email));
      ids.push(r!.id);
    }
    expect(await joinActivity(t.db, ids[0]!, a!.id)).toEqual({ ok: true, status: 'confirmed' });
    expect(await joinActivity(t.db, ids[1]!, a!.id)).toEqual({ ok: true, status: 'waiting' });
    const edit = `${page}/${a!.id}`;
    const res = await submitForm(t, { page: edit, action: edit, cookie: sec, fields: { title: 'School visit', startsAt: '2027-01-05T09:00', endsAt: '2027-01-05T12:00', capacity: '2' } });
    expect(res.statusCode).toBe(303);
    const [signup] = await t.db.select().from(activitySignups).where(eq(activitySignups.registrationId, ids[1]!));
    expect(signup!.status).toBe('confirmed');
    const listed = await t.app.inject({ method: 'GET', url: `${page}?notice=saved`, headers: { cookie: sec } });
    expect(listed.body).toContain('All confirmed participants');
  });
});
