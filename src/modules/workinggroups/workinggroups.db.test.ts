import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { mailsTo, signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { actorByEmail } from '../../platform/auth/service.js';
import { userRoles } from '../../platform/auth/schema.js';
import { auditLog } from '../../platform/audit/schema.js';
import { ForbiddenError, type Actor } from '../../platform/policy.js';
import { addWorkingGroups } from './factories.js';
import { addPersonToGroup, askToJoin, decideRequest, getWorkingGroup, groupPage, nameChair, removeChair, setGroupClosed, type WorkingGroupView } from './service.js';
import { workingGroupRequests } from './schema.js';

let t: TestApp;
let ids: Awaited<ReturnType<typeof addWorkingGroups>>;
let secretariat: Actor;
const base = { baseUrl: 'http://localhost:3000' };
const group = async (slug = 'foundational-learning') => (await getWorkingGroup(t.db, slug))!;
const actor = async (email: string) => (await actorByEmail(t.db, email))!;

beforeAll(async () => {
  t = await testApp();
  ids = await addWorkingGroups(t.db);
  await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
  secretariat = await actor('sec@example.org');
  await addPersonToGroup(t.db, ids['foundational-learning'], { email: 'chair@example.org', name: 'Awa Chair' }, 'chair');
  await addPersonToGroup(t.db, ids['technologies-for-learning'], { email: 'other-chair@example.org', name: 'Other Chair' }, 'chair');
});
afterAll(() => t.close());

describe('joining a working group', () => {
  it('a member asks (the chair is told by e-mail), asks again in vain, is accepted once, and is named on the public page as they agreed', async () => {
    const cookie = await signedIn(t, { email: 'joiner@example.org', name: 'Joan Joiner', roles: ['member'] });
    const page = `/en/working-groups/foundational-learning`;
    const asked = await submitForm(t, { page, action: `${page}/join`, cookie, fields: { message: 'I train teachers in Senegal.', affiliation: 'École normale', listed: 'yes' } });
    expect(asked.statusCode).toBe(303);
    expect(asked.headers.location).toContain('notice=asked');
    const toChair = (await mailsTo(t, 'chair@example.org')).find((m) => m.template === 'workinggroups.join-requested');
    expect(toChair?.text).toContain('I train teachers in Senegal.');
    expect(toChair?.text).toContain('/en/working-groups/foundational-learning/manage');

    // A second click (or a second tab) finds the first request.
    const joiner = await actor('joiner@example.org');
    expect(await askToJoin(t.db, joiner, await group(), { listed: true }, base)).toBe('already-asked');
    expect((await t.app.inject({ url: page, headers: { cookie } })).body).toContain('You have asked to join this group');

    const [request] = await t.db.select().from(workingGroupRequests).where(eq(workingGroupRequests.userId, joiner.id));
    const chair = await actor('chair@example.org');
    expect(await decideRequest(t.db, chair, await group(), request!.id, 'accept', base)).toBe(true);
    expect(await decideRequest(t.db, chair, await group(), request!.id, 'decline', base)).toBe(false);
    expect(await t.db.select().from(userRoles).where(and(eq(userRoles.userId, joiner.id), eq(userRoles.scope, ids['foundational-learning'])))).toMatchObject([{ role: 'wg_member' }]);
    expect((await mailsTo(t, 'joiner@example.org')).filter((m) => m.template === 'workinggroups.request-decided')).toHaveLength(1);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'workinggroups.request.accepted'))).toHaveLength(1);

    const publicPage = await t.app.inject({ url: page });
    expect(publicPage.body).toContain('Joan Joiner');
    expect(publicPage.body).toContain('École normale');
    // Their own page now says they belong, and offers to leave.
    expect((await t.app.inject({ url: page, headers: { cookie } })).body).toContain('Leave this group');
  });

  it('a member who does not agree to be named is counted, not named', async () => {
    await signedIn(t, { email: 'quiet@example.org', name: 'Quentin Quiet', roles: ['member'] });
    const quiet = await actor('quiet@example.org');
    expect(await askToJoin(t.db, quiet, await group(), { listed: false }, base)).toBe('asked');
    const [request] = await t.db.select().from(workingGroupRequests).where(eq(workingGroupRequests.userId, quiet.id));
    await decideRequest(t.db, secretariat, await group(), request!.id, 'accept', base);
    const body = (await t.app.inject({ url: '/en/working-groups/foundational-learning' })).body;
    expect(body).not.toContain('Quentin Quiet');
    expect(body).toContain('1 member chose not to be named.');
  });

  it('only members of the Alliance may ask; another group’s chair may not decide, and a request of another group is not found through this one', async () => {
    await signedIn(t, { email: 'outsider@example.org', roles: [] });
    await expect(askToJoin(t.db, await actor('outsider@example.org'), await group(), { listed: false }, base)).rejects.toBeInstanceOf(ForbiddenError);
    await signedIn(t, { email: 'asker@example.org', roles: ['member'] });
    const asker = await actor('asker@example.org');
    await askToJoin(t.db, asker, await group(), { listed: false }, base);
    const [request] = await t.db.select().from(workingGroupRequests).where(eq(workingGroupRequests.userId, asker.id));
    const otherChair = await actor('other-chair@example.org');
    await expect(decideRequest(t.db, otherChair, await group(), request!.id, 'accept', base)).rejects.toBeInstanceOf(ForbiddenError);
    // Through the group the other chair does chair, the request's id leads nowhere.
    expect(await decideRequest(t.db, otherChair, await group('technologies-for-learning'), request!.id, 'accept', base)).toBe(false);
    expect((await t.db.select().from(workingGroupRequests).where(eq(workingGroupRequests.id, request!.id)))[0]!.status).toBe('pending');
  });

  it('bad input on the request form comes back with what was typed and a message, nothing stored', async () => {
    const cookie = await signedIn(t, { email: 'long@example.org', roles: ['member'] });
    const page = `/en/working-groups/foundational-learning`;
    const res = await submitForm(t, { page, action: `${page}/join`, cookie, fields: { message: 'x'.repeat(2001), affiliation: 'Kept Institute' } });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Kept Institute');
    expect(res.body).toContain('class="error-summary');
    const long = await actor('long@example.org');
    expect(await t.db.select().from(workingGroupRequests).where(eq(workingGroupRequests.userId, long.id))).toHaveLength(0);
  });
});

describe('the Secretariat governs groups', () => {
  it('names a chair (an account is made, the role given, the person told) and removes them', async () => {
    const g: WorkingGroupView = await group('technologies-for-learning');
    await nameChair(t.db, secretariat, g, { chairEmail: 'new.chair@example.org', chairName: 'Nadia New' }, { baseUrl: base.baseUrl, locale: 'fr' });
    const chair = await actor('new.chair@example.org');
    expect(chair.roles).toContainEqual({ role: 'wg_chair', scope: g.id });
    const mail = (await mailsTo(t, 'new.chair@example.org')).find((m) => m.template === 'workinggroups.chair-named');
    expect(mail?.subject).toContain('Technologies pour l’apprentissage');
    expect((await t.app.inject({ url: '/en/working-groups/technologies-for-learning' })).body).toContain('Nadia New');
    expect(await removeChair(t.db, secretariat, g, chair.id)).toBe(true);
    expect((await actor('new.chair@example.org')).roles).not.toContainEqual({ role: 'wg_chair', scope: g.id });
    // A chair cannot name chairs.
    await expect(nameChair(t.db, await actor('other-chair@example.org'), g, { chairEmail: 'x@example.org', chairName: 'X' }, { baseUrl: base.baseUrl, locale: 'en' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('closes a group: open requests are declined, no one can ask or be accepted, the page stays; reopening lets people ask again', async () => {
    await signedIn(t, { email: 'late@example.org', roles: ['member'] });
    const late = await actor('late@example.org');
    const g = await group('technologies-for-learning');
    await askToJoin(t.db, late, g, { listed: false }, base);
    const [request] = await t.db.select().from(workingGroupRequests).where(eq(workingGroupRequests.userId, late.id));
    expect(await setGroupClosed(t.db, secretariat, g, true)).toBe(true);
    expect(await setGroupClosed(t.db, secretariat, g, true)).toBe(false);
    const closed = await group('technologies-for-learning');
    expect((await t.db.select().from(workingGroupRequests).where(eq(workingGroupRequests.id, request!.id)))[0]!.status).toBe('declined');
    expect(await askToJoin(t.db, late, closed, { listed: false }, base)).toBe('closed');
    await expect(decideRequest(t.db, await actor('other-chair@example.org'), closed, request!.id, 'accept', base)).rejects.toBeInstanceOf(ForbiddenError);
    const page = await t.app.inject({ url: '/en/working-groups/technologies-for-learning' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('This group closed on');
    expect((await t.app.inject({ url: '/en/working-groups' })).body).toContain('Closed groups');
    expect((await groupPage(t.db, 'technologies-for-learning', late))!.viewer.mayAsk).toBe(false);
    await setGroupClosed(t.db, secretariat, closed, false);
    expect((await groupPage(t.db, 'technologies-for-learning', late))!.viewer.mayAsk).toBe(true);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'workinggroups.close'))).toHaveLength(1);
  });

  it('the chairs’ page carries two forms with fields of their own: every id on it is unique, and a mistake in one is shown beside its field', async () => {
    const cookie = await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
    const page = '/en/working-groups/foundational-learning/manage';
    const ids = [...(await t.app.inject({ url: page, headers: { cookie } })).body.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const res = await submitForm(t, { page, action: '/en/working-groups/foundational-learning/chairs', cookie, fields: { chairEmail: 'not-an-address', chairName: 'Typed Name' } });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('value="Typed Name"');
    expect(res.body).toMatch(/href="#f-chairEmail"|href="#chairEmail"/);
  });

  it('creates a group from the form; a taken address is refused with the form as typed', async () => {
    const cookie = await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
    const page = '/fr/admin/working-groups';
    const made = await submitForm(t, { page, action: page, cookie, fields: { slug: 'teacher-education', name: 'Formation des enseignants', summary: 'Comment former les enseignants.', mandate: 'Premier paragraphe.\n\nSecond paragraphe.' } });
    expect(made.statusCode).toBe(303);
    const g = await group('teacher-education');
    expect(g.originalLocale).toBe('fr');
    const shown = (await t.app.inject({ url: '/fr/working-groups/teacher-education' })).body;
    expect(shown).toContain('<p>Premier paragraphe.</p><p>Second paragraphe.</p>');
    const again = await submitForm(t, { page, action: page, cookie, fields: { slug: 'teacher-education', name: 'Doublon', summary: 'Encore.' } });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('Un autre groupe a déjà cette adresse web.');
    expect(again.body).toContain('Doublon');
  });
});
