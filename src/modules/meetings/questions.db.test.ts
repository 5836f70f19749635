import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { auditLog } from '../../platform/audit/schema.js';
import { openMeeting } from './factories.js';
import { meetingQuestions, registrations } from './schema.js';

let t: TestApp;
let sec: string;
const ADMIN = '/en/admin/meetings/q-meeting/questions';
const FORM = '/en/meetings/q-meeting/register';

beforeAll(async () => {
  t = await testApp();
  sec = await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
  await openMeeting(t.db, {
    slug: 'q-meeting',
    sessions: [
      { kind: 'panel', title: { en: 'Panel on reading' }, startsAt: new Date(Date.now() + 60 * 86_400_000), endsAt: new Date(Date.now() + 60 * 86_400_000 + 3_600_000) },
      { kind: 'break', title: { en: 'Lunch' }, startsAt: new Date(Date.now() + 60 * 86_400_000 + 3_600_000), endsAt: new Date(Date.now() + 60 * 86_400_000 + 7_200_000) },
    ],
  });
});
afterAll(() => t.close());

const add = (fields: Record<string, string | string[]>) => submitForm(t, { page: ADMIN, action: ADMIN, fields, cookie: sec });

describe('registration questions', () => {
  it('the Secretariat adds text, choice and yes/no questions (audited); a choice needs two options', async () => {
    const bad = await add({ kind: 'choice', label: 'T-shirt size', options: 'M' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Give at least two choices');
    expect(bad.body).toContain('value="T-shirt size"');
    expect((await add({ kind: 'choice', label: 'Which track?', options: 'Research\nPolicy\nPractice', required: 'yes' })).statusCode).toBe(303);
    expect((await add({ kind: 'yesno', label: 'First time at the meeting?' })).statusCode).toBe(303);
    expect((await add({ kind: 'text', label: 'What do you hope to learn?' })).statusCode).toBe(303);
    expect(await t.db.select().from(meetingQuestions)).toHaveLength(3);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'meetings.question.add'))).toHaveLength(3);
  });

  it('the form asks them, requires the required one, and stores the answers with session interests', async () => {
    const page = await t.app.inject({ method: 'GET', url: FORM });
    expect(page.body).toContain('Which track?');
    expect(page.body).toContain('Panel on reading');
    expect(page.body).not.toMatch(/value="[0-9a-f-]{36}"[^>]*>\s*<label[^>]*>[^<]*Lunch/);
    const [track, first, hope] = await t.db.select().from(meetingQuestions).orderBy(meetingQuestions.position);
    const field = (id: string) => `q_${id.replace(/-/g, '')}`;
    const base = { name: 'Ana', email: 'ana@example.org', country: 'BR', category: 'practitioner', consent: 'yes' };
    const missing = await submitForm(t, { page: FORM, action: FORM, fields: { ...base, [field(hope!.id)]: 'Evidence' } });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain(`href="#f-${field(track!.id)}"`);
    expect(missing.body).toContain('value="Evidence"');
    const [panel] = (await t.app.inject({ method: 'GET', url: FORM })).body.match(/name="sessions" value="([0-9a-f-]{36})"/)!.slice(1);
    const ok = await submitForm(t, { page: FORM, action: FORM, fields: { ...base, sessions: panel!, [field(track!.id)]: '1', [field(first!.id)]: 'yes', [field(hope!.id)]: 'Evidence' } });
    expect(ok.statusCode).toBe(200);
    const [reg] = await t.db.select().from(registrations).where(eq(registrations.email, 'ana@example.org'));
    expect(reg!.answers).toMatchObject({ sessions: [panel], questions: { [track!.id]: '1', [first!.id]: 'yes', [hope!.id]: 'Evidence' } });
  });

  it('removes a question', async () => {
    const [q] = await t.db.select().from(meetingQuestions);
    expect((await submitForm(t, { page: ADMIN, action: `${ADMIN}/${q!.id}/remove`, fields: {}, cookie: sec })).statusCode).toBeLessThan(400);
    expect(await t.db.select().from(meetingQuestions)).toHaveLength(2);
  });
});
