import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { hiddenFields, linkIn, mailsTo, mergeCookies, signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { actorByEmail } from '../../platform/auth/service.js';
import { getWorkingGroup, setGroupClosed } from '../workinggroups/service.js';
import { addWorkingGroups } from '../workinggroups/factories.js';
import { applications } from './schema.js';
import { applyAs, sampleIndividual } from './factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await addWorkingGroups(t.db);
});
afterAll(() => t.close());

/** Starts an application through the Join page; returns the path of the first step. */
async function start(email: string, kind = 'individual', locale = 'fr') {
  const res = await submitForm(t, { page: `/${locale}/join`, action: `/${locale}/join`, fields: { kind, email } });
  expect(res.statusCode).toBe(303);
  return res.headers.location as string;
}

async function post(page: string, fields: Record<string, string | string[]>) {
  return submitForm(t, { page, action: page, fields });
}

/** A multipart POST of the document step, as a browser sends a file. */
async function upload(stepPath: string, file: { name: string; type: string; data: Buffer } | null) {
  const page = await t.app.inject({ method: 'GET', url: stepPath });
  const cookie = mergeCookies('', page);
  const action = stepPath.replace(/\/document$/, '/document');
  const hidden = hiddenFields(page.body, action);
  const form = new FormData();
  for (const [k, v] of Object.entries(hidden)) form.append(k, v);
  if (file) form.append('document', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
  const req = new Request('http://x/', { method: 'POST', body: form });
  const body = Buffer.from(await req.arrayBuffer());
  return t.app.inject({ method: 'POST', url: action, headers: { cookie, 'content-type': req.headers.get('content-type')! }, payload: body });
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('applying to join', () => {
  it('explains the criteria and both kinds of membership', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/en/join' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Knowledge brokering');
    expect(res.body).toContain('Institution');
    expect(res.body).toContain('Individual');
  });

  it('shows the form again with a clear error when the address is wrong', async () => {
    const res = await submitForm(t, { page: '/fr/join', action: '/fr/join', fields: { kind: 'individual', email: 'ana@' } });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('value="ana@"');
    expect(res.body).toContain('checked');
    expect(res.body).toContain('href="#f-email"');
  });

  it('drops what a robot sends through the hidden field, and stores nothing', async () => {
    const res = await submitForm(t, { page: '/en/join', action: '/en/join', fields: { kind: 'individual', email: 'robot@example.org', homepage: 'http://spam.example' } });
    expect(res.statusCode).toBe(200);
    expect(await t.db.select().from(applications).where(eq(applications.email, 'robot@example.org'))).toHaveLength(0);
    expect(await mailsTo(t, 'robot@example.org')).toHaveLength(0);
  });

  it('takes an individual through every step, keeps a draft after each, and needs the address confirmed before submitting', async () => {
    const first = await start('marie@example.org');
    expect(first).toMatch(/^\/fr\/apply\/[\w-]+\/about-you$/);
    const base = first.replace(/\/about-you$/, '');
    const [mail] = await mailsTo(t, 'marie@example.org');
    expect(mail!.locale).toBe('fr');
    const confirmPath = new URL(linkIn(mail!.text, /http:\/\/\S+\/fr\/apply\/confirm\/[\w-]+/)).pathname;
    expect(mail!.text).toContain(base);

    // An error keeps everything typed.
    const bad = await post(first, { name: 'Marie Curie', role: 'policymaker', representsGovernment: '', affiliation: 'Ministère' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="Marie Curie"');
    expect(bad.body).toContain('value="Ministère"');
    expect(bad.body).toContain('href="#f-representsGovernment"');

    const steps: [string, Record<string, string | string[]>][] = [
      ['about-you', { name: 'Marie Curie', role: 'policymaker', representsGovernment: 'yes', government: 'FR', affiliation: 'Ministère' }],
      ['location', { country: 'FR' }],
      ['criteria', { mandate: 'Politique éducative', expertise: 'Évaluation', trackRecord: 'Réformes', areas: ['quality', 'learning-outcomes'] }],
      ['participation', { workingGroups: ['technologies-for-learning'], languages: ['fr', 'en'] }],
    ];
    for (const [step, fields] of steps) {
      const res = await post(`${base}/${step}`, fields);
      expect(res.statusCode, step).toBe(303);
    }
    // The draft holds what was saved, and the overview shows what is left.
    const [draft] = await t.db.select().from(applications).where(eq(applications.email, 'marie@example.org'));
    expect(draft).toMatchObject({ status: 'draft', displayName: 'Marie Curie', country: 'FR', data: { government: 'FR', areas: ['quality', 'learning-outcomes'] } });
    const overview = await t.app.inject({ method: 'GET', url: base });
    expect(overview.body).toContain('lang="fr"');

    expect((await post(`${base}/consent`, { consentTor: 'yes', consentPrivacy: 'yes', listed: 'yes', publicFields: ['country'] })).statusCode).toBe(303);
    const submit = await submitForm(t, { page: `${base}/review`, action: `${base}/submit`, fields: {} });
    expect(submit.headers.location).toBe(`${base}?notice=awaiting-confirmation`);
    expect((await t.db.select().from(applications).where(eq(applications.email, 'marie@example.org')))[0]!.status).toBe('draft');

    // Opening the confirmation link (a mail scanner) changes nothing; pressing the button confirms and submits.
    const look = await t.app.inject({ method: 'GET', url: confirmPath });
    expect(look.statusCode).toBe(200);
    expect((await t.db.select().from(applications).where(eq(applications.email, 'marie@example.org')))[0]!.emailConfirmedAt).toBeNull();
    const press = await submitForm(t, { page: confirmPath, action: confirmPath, fields: {} });
    expect(press.statusCode).toBe(303);
    expect(press.headers.location).toMatch(/\?notice=submitted$/);
    const [submitted] = await t.db.select().from(applications).where(eq(applications.email, 'marie@example.org'));
    expect(submitted!.status).toBe('submitted');
    expect((await mailsTo(t, 'marie@example.org')).map((m) => m.template)).toContain('membership.received');
  });

  it('sends one “started” e-mail, even when the applicant submits before confirming; their page then says to confirm, not to submit', async () => {
    const first = await start('once@example.org', 'individual', 'en');
    const base = first.replace(/\/about-you$/, '');
    for (const [step, fields] of [
      ['about-you', { name: 'Once Only', role: 'researcher', affiliation: 'Uni' }],
      ['location', { country: 'KE' }],
      ['criteria', { mandate: 'M', expertise: 'E', trackRecord: 'T', areas: ['quality'] }],
      ['participation', { workingGroups: ['foundational-learning'], languages: ['en'] }],
      ['consent', { consentTor: 'yes', consentPrivacy: 'yes', listed: 'no' }],
    ] as [string, Record<string, string | string[]>][]) {
      expect((await post(`${base}/${step}`, fields)).statusCode, step).toBe(303);
    }
    const ready = (await t.app.inject({ url: base })).body;
    expect(ready).toContain('Check and submit');
    const submit = await submitForm(t, { page: `${base}/review`, action: `${base}/submit`, fields: {} });
    expect(submit.headers.location).toBe(`${base}?notice=awaiting-confirmation`);
    // Pressing submit again changes nothing either.
    await submitForm(t, { page: `${base}/review`, action: `${base}/submit`, fields: {} });
    const started = (await mailsTo(t, 'once@example.org')).filter((m) => m.template === 'membership.started');
    expect(started).toHaveLength(1);

    const waiting = (await t.app.inject({ url: base })).body;
    expect(waiting).toContain('What happens next');
    expect(waiting).toContain('confirm your e-mail address: open the e-mail we sent to <bdi>once@example.org</bdi> when you started');
    expect(waiting).not.toContain('Check and submit');
    expect(waiting).toContain(`action="${base}/resend-confirmation"`);

    // The link of that one e-mail submits the application.
    const confirmPath = new URL(linkIn(started[0]!.text, /http:\/\/\S+\/en\/apply\/confirm\/[\w-]+/)).pathname;
    const press = await submitForm(t, { page: confirmPath, action: confirmPath, fields: {} });
    expect(press.headers.location).toMatch(/\?notice=submitted$/);
    const after = (await t.app.inject({ url: new URL(press.headers.location as string, 'http://x').pathname })).body;
    expect(after).toContain('The Secretariat is checking it against the membership criteria.');
  });

  it('refuses to submit an incomplete application and says which steps are missing', async () => {
    const first = await start('partial@example.org', 'institution', 'en');
    const base = first.replace(/\/organisation$/, '');
    const res = await submitForm(t, { page: `${base}/review`, action: `${base}/submit`, fields: {} });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Some answers are missing');
    expect(res.body).toContain(`${base}/representatives`);
  });

  it('accepts a PDF by its content, refuses another file named .pdf, and refuses a file over 10 MB', async () => {
    const first = await start('doc@example.org', 'individual', 'en');
    const step = first.replace(/about-you$/, 'document');
    const fake = await upload(step, { name: 'cv.pdf', type: 'application/pdf', data: Buffer.from('<html>not a pdf</html>') });
    expect(fake.statusCode).toBe(422);
    expect(fake.body).toContain('The file is not a PDF');
    const big = await upload(step, { name: 'big.pdf', type: 'application/pdf', data: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 10)]) });
    expect(big.statusCode).toBe(422);
    expect(big.body).toContain('larger than 10 MB');
    const ok = await upload(step, { name: 'profile.pdf', type: 'application/octet-stream', data: PDF });
    expect(ok.statusCode).toBe(303);
    const [row] = await t.db.select().from(applications).where(eq(applications.email, 'doc@example.org'));
    expect(row).toMatchObject({ documentName: 'profile.pdf', documentSize: PDF.length });
  });

  it('flags a second application from the same address to the reviewers', async () => {
    await applyAs(t.db, { kind: 'individual', email: 'twice@example.org', data: sampleIndividual() });
    const second = await applyAs(t.db, { kind: 'individual', email: 'twice@example.org', data: sampleIndividual({ name: 'Ana P.' }) });
    const [row] = await t.db.select().from(applications).where(eq(applications.id, second.id));
    expect(row!.duplicates).toEqual([expect.objectContaining({ type: 'application', reason: 'email' })]);
  });

  it('lets the applicant withdraw through the private link', async () => {
    const { token } = await applyAs(t.db, { kind: 'individual', email: 'leaving@example.org', data: sampleIndividual() });
    const res = await submitForm(t, { page: `/en/apply/${token}/withdraw`, action: `/en/apply/${token}/withdraw`, fields: { note: 'Changed my mind' } });
    expect(res.headers.location).toBe(`/en/apply/${token}?notice=withdrawn`);
    const [row] = await t.db.select().from(applications).where(eq(applications.email, 'leaving@example.org'));
    expect(row!.status).toBe('withdrawn');
    const again = await t.app.inject({ method: 'GET', url: `/en/apply/${token}/about-you` });
    expect(again.headers.location).toBe(`/en/apply/${token}?notice=not-editable`);
  });

  it('sends the confirmation e-mail again on request, until the address is confirmed', async () => {
    const { token } = await applyAs(t.db, { kind: 'individual', email: 'resend@example.org', data: sampleIndividual(), confirm: false, submit: false });
    const before = (await mailsTo(t, 'resend@example.org')).length;
    const res = await submitForm(t, { page: `/en/apply/${token}`, action: `/en/apply/${token}/resend-confirmation`, fields: {} });
    expect(res.headers.location).toBe(`/en/apply/${token}?notice=resent`);
    const mails = await mailsTo(t, 'resend@example.org');
    expect(mails).toHaveLength(before + 1);
    expect(mails[0]!.text).toMatch(/\/apply\/confirm\/[\w-]+/);
  });

  it('answers an unknown private link with a clear page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/en/apply/not-a-real-token-0123456789' });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('This link does not open an application');
  });
});

describe('working groups offered to an applicant', () => {
  it('a closed group is not offered (an application that chose it before keeps it)', async () => {
    const first = await start('offered@example.org', 'individual', 'en');
    const base = first.replace(/\/[^/]+$/, '');
    const before = (await t.app.inject({ url: `${base}/participation` })).body;
    expect(before).toContain('value="technologies-for-learning"');
    await signedIn(t, { email: 'closer@example.org', roles: ['secretariat'] });
    const secretariat = (await actorByEmail(t.db, 'closer@example.org'))!;
    await setGroupClosed(t.db, secretariat, (await getWorkingGroup(t.db, 'technologies-for-learning'))!, true);
    const after = (await t.app.inject({ url: `${base}/participation` })).body;
    expect(after).toContain('value="foundational-learning"');
    expect(after).not.toContain('value="technologies-for-learning"');
    expect((await post(`${base}/participation`, { workingGroups: ['technologies-for-learning'], languages: ['en'] })).statusCode).toBe(303);
  });
});
