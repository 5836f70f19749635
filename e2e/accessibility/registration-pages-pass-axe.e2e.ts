import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { AxeBuilder } from '@axe-core/playwright';
import { AXE_TAGS, axeProblems, startE2E, type E2E } from '../fixtures.js';
import { openMeeting } from '../../src/modules/meetings/factories.js';
import { register } from '../../src/modules/meetings/registration.js';
import { meetingQuestions, meetingSessions, participantCategories, registrations } from '../../src/modules/meetings/schema.js';

let e: E2E;
let meetingId: string;
const tokens: string[] = [];

beforeAll(async () => {
  e = await startE2E();
  const now = Date.now();
  meetingId = await openMeeting(e.t.db, {
    slug: 'annual-2027',
    title: { en: 'Annual meeting 2027', fr: 'Réunion annuelle 2027' },
    description: { en: 'Test meeting.' },
    venueAddress: '7 place de Fontenoy, 75007 Paris',
    startsAt: new Date(now + 90 * 86_400_000),
    endsAt: new Date(now + 91 * 86_400_000),
    capacity: 1,
    financingBudget: 10000,
    sessions: [{ kind: 'panel', title: { en: 'Opening panel' }, startsAt: new Date(now + 90 * 86_400_000), endsAt: new Date(now + 90 * 86_400_000 + 3_600_000), room: 'Room I', speakers: ['A. Speaker'] }],
    categories: [
      { slug: 'member', name: { en: 'Alliance member' } },
      { slug: 'press', name: { en: 'Press' }, invitationCode: 'P' },
    ],
  });
  await e.t.db.insert(meetingQuestions).values([
    { meetingId, kind: 'choice', label: { en: 'Which track?' }, options: [{ en: 'Research' }, { en: 'Policy' }], required: true, position: 0 },
    { meetingId, kind: 'yesno', label: { en: 'First time?' }, position: 1 },
    { meetingId, kind: 'text', label: { en: 'What do you hope to learn?' }, position: 2 },
  ]);
  for (const email of ['one@example.org', 'two@example.org']) {
    const r = await register(e.t.db, { meetingId, categorySlug: 'member', who: { email, name: email, organization: '', country: 'KE', locale: 'en', answers: {} }, baseUrl: e.base });
    if (r.ok && !r.repeat) tokens.push(r.manageToken);
  }
});
afterAll(() => e.close());


for (const locale of ['en', 'fr', 'ar']) {
  describe(`registration pages pass axe, ${locale}`, () => {
    it('the form, a confirmed and a waiting registration, a closed registration', async () => {
      const paths = [
        `/${locale}/meetings/annual-2027`,
        `/${locale}/meetings/annual-2027/register`,
        `/${locale}/meetings/annual-2027/registration/${tokens[0]}`,
        `/${locale}/meetings/annual-2027/registration/${tokens[1]}`,
        `/${locale}/meetings/building-bridges-2024/register`,
      ];
      expect(await axeProblems(await e.context(), paths)).toEqual([]);
    });

    it('the form shown again with errors', async () => {
      const page = await (await e.context()).newPage();
      await page.goto(`/${locale}/meetings/annual-2027/register`);
      await page.locator('main form button[type="submit"]').click();
      await page.waitForSelector('.error-summary');
      const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      expect(result.violations.map((v) => v.id)).toEqual([]);
    });

    it('the Secretariat’s registrations page', async () => {
      const context = await e.signedInContext({ email: 'secretariat@alliance.example', roles: ['secretariat'] });
      expect(await axeProblems(context, [`/${locale}/admin/meetings`, `/${locale}/admin/meetings/annual-2027/registrations`, `/${locale}/admin/meetings/annual-2027/financing`, `/${locale}/admin/meetings/annual-2027/catering`, `/${locale}/admin/meetings/annual-2027/check-in?q=one`, `/${locale}/admin/meetings/annual-2027/dashboard`, `/${locale}/admin/meetings/annual-2027/questions`])).toEqual([]);
    });

    it('the Secretariat’s pages to create and edit a meeting, its programme, its categories and one registration', async () => {
      const context = await e.signedInContext({ email: 'secretariat@alliance.example', roles: ['secretariat'] });
      const [session] = await e.t.db.select().from(meetingSessions).where(eq(meetingSessions.meetingId, meetingId));
      const [category] = await e.t.db.select().from(participantCategories).where(eq(participantCategories.meetingId, meetingId));
      const [reg] = await e.t.db.select().from(registrations).where(eq(registrations.meetingId, meetingId));
      const admin = `/${locale}/admin/meetings/annual-2027`;
      const paths = [`/${locale}/admin/meetings/new`, `${admin}/edit`, `${admin}/programme`, `${admin}/programme/${session!.id}`, `${admin}/categories`, `${admin}/categories/${category!.id}`, `${admin}/activities`, `${admin}/registrations/${reg!.id}`];
      expect(await axeProblems(context, paths)).toEqual([]);
      // A form shown again with its errors.
      const page = await context.newPage();
      await page.goto(`${admin}/programme`);
      await page.locator('main form button.primary').click();
      await page.waitForSelector('.error-summary');
      const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      expect(result.violations.map((v) => v.id)).toEqual([]);
    });
  });
}
