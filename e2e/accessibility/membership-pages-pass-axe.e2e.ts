import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import { eq } from 'drizzle-orm';
import { AXE_TAGS, axeProblems, startE2E, type E2E } from '../fixtures.js';
import { MODULE_ADMIN_PAGES, STEERING_PAGES } from '../../src/testing/pages.js';
import { applications, members } from '../../src/modules/membership/schema.js';
import { applyAs, sampleInstitution } from '../../src/modules/membership/factories.js';
import { stepsFor } from '../../src/modules/membership/fields.js';
import { resendConfirmation } from '../../src/modules/membership/applications.js';


let e: E2E;
let draftToken: string;
let confirmToken: string;
let recommendedId: string;
let memberId: string;
beforeAll(async () => {
  e = await startE2E();
  const draft = await applyAs(e.t.db, { kind: 'institution', email: 'axe-draft@example.org', data: sampleInstitution(), confirm: false, submit: false });
  draftToken = draft.token;
  const resent = await resendConfirmation(e.t.db, draft.token, e.base);
  if (!resent.ok) throw new Error(resent.reason);
  confirmToken = resent.confirmToken;
  const [rec] = await e.t.db.select().from(applications).where(eq(applications.status, 'recommended'));
  recommendedId = rec!.id;
  const [m] = await e.t.db.select().from(members).where(eq(members.name, 'Centre for Learning Research'));
  memberId = m!.id;
});
afterAll(() => e.close());


for (const locale of ['en', 'fr', 'ar']) {
  describe(`membership pages pass axe, ${locale}`, () => {
    it('the application, every step, and the confirmation page', async () => {
      const steps = stepsFor('institution').map((s) => `/${locale}/apply/${draftToken}/${s}`);
      const paths = [`/${locale}/apply/${draftToken}`, ...steps, `/${locale}/apply/${draftToken}/withdraw`, `/${locale}/apply/confirm/${confirmToken}`];
      expect(await axeProblems(await e.context(), paths)).toEqual([]);
    });

    it('a step shown again with errors', async () => {
      const page = await (await e.context()).newPage();
      await page.goto(`/${locale}/apply/${draftToken}/criteria`);
      await page.locator('#f-mandate').fill('');
      await page.locator('main form button[type="submit"]').first().click();
      await page.waitForSelector('.error-summary');
      const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      expect(result.violations.map((v) => v.id)).toEqual([]);
    });

    it('the Secretariat’s review, members and settings pages', async () => {
      const context = await e.signedInContext({ email: 'secretariat@alliance.example', roles: ['secretariat'] });
      const paths = [...MODULE_ADMIN_PAGES, `/admin/applications/${recommendedId}`, `/admin/members/${memberId}`].map((p) => `/${locale}${p}`);
      expect(await axeProblems(context, paths)).toEqual([]);
    });

    it('the Steering Committee’s pages', async () => {
      const context = await e.signedInContext({ email: 'amina.diallo@steering.example', roles: ['steering'] });
      const paths = [...STEERING_PAGES, `/steering/applications/${recommendedId}`].map((p) => `/${locale}${p}`);
      expect(await axeProblems(context, paths)).toEqual([]);
    });

    it('a member’s own page', async () => {
      const context = await e.signedInContext({ email: 'wanjiru@clr.example.org' });
      expect(await axeProblems(context, [`/${locale}/membership/${memberId}`])).toEqual([]);
    });
  });
}
