import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { hiddenFields, mailsTo, mergeCookies, signedIn, testApp, type TestApp } from '../../testing/app.js';
import { auditLog } from '../../platform/audit/schema.js';
import { fileStore } from '../../platform/files/storage.js';
import { consentEvents, subscriptions } from './schema.js';
import { subscribeWithConsent } from './service.js';
import { requestSubscription, unsubscribeByLink } from './subscribers.js';
import { IMPORT_MAX_ROWS } from './subscriber-import.js';

let t: TestApp;
let sec: string;
beforeAll(async () => {
  t = await testApp();
  sec = await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
  const consent = (email: string) => t.db.transaction((tx) => subscribeWithConsent(tx, { email, name: email.split('@')[0]!, locale: 'en', source: 'membership' }));
  await consent('gone@example.org');
  await consent('here@example.org');
  await consent('again@example.org');
  for (const email of ['gone@example.org', 'again@example.org']) await unsubscribeByLink(t.db, (await subscription(email)).id, 'link', {});
  const ctx = { baseUrl: t.config.baseUrl, secret: t.config.sessionSecret };
  const form = { name: 'W', language: 'es' as const, topics: ['news' as const], consent: 'yes' as const };
  await requestSubscription(t.db, { ...form, email: 'waiting@example.org' }, ctx);
  // Unsubscribed, then typed into the form by someone: pending, but their "no" still stands.
  await requestSubscription(t.db, { ...form, email: 'again@example.org' }, ctx);
});
afterAll(() => t.close());

const subscription = async (email: string) => (await t.db.select().from(subscriptions).where(eq(subscriptions.email, email)))[0]!;
const eventsOf = async (email: string) => t.db.select().from(consentEvents).where(eq(consentEvents.subscriptionId, (await subscription(email)).id));

/** A file with a BOM, semicolons, the columns in another order and one column the import does not know. */
const CSV = [
  '\ufeffName;E-mail;Notes;Topics;Language;Country',
  'Awa Ndiaye;awa@example.org;met in Paris;news|meetings;fr;SN',
  'Li Wei;LI.WEI@example.org;;publications;中文;cn',
  'Bad;not-an-email;;news;en;',
  'Awa again;awa@example.org;;news;fr;SN',
  'Gone;gone@example.org;;news;en;',
  'Here;here@example.org;;news;en;',
  'Kim;kim@example.org;;astrology;xx;ZZ',
  'Waiting;waiting@example.org;;;es;',
  '"Again, Sam";again@example.org;;news;en;',
].join('\r\n');

/** Posts the import form as a browser does: multipart, with the page's CSRF token. */
async function upload(fields: Record<string, string>, file: { name: string; type?: string; data: Buffer | string } | null, locale = 'en') {
  const page = await t.app.inject({ method: 'GET', url: `/${locale}/admin/subscribers/import`, headers: { cookie: sec } });
  const cookie = mergeCookies(sec, page);
  const action = `/${locale}/admin/subscribers/import`;
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...hiddenFields(page.body, action), ...fields })) form.append(k, v);
  if (file) form.append('file', new Blob([typeof file.data === 'string' ? file.data : new Uint8Array(file.data)], { type: file.type ?? 'text/csv' }), file.name);
  const req = new Request('http://x/', { method: 'POST', body: form });
  const res = await t.app.inject({ method: 'POST', url: action, headers: { cookie, 'content-type': req.headers.get('content-type')! }, payload: Buffer.from(await req.arrayBuffer()) });
  return Object.assign(res, { cookie: mergeCookies(cookie, res) });
}

/** Posts the preview page's confirmation form. */
async function confirm(preview: { body: string; cookie: string }, locale = 'en') {
  const action = `/${locale}/admin/subscribers/import/confirm`;
  const body = new URLSearchParams(hiddenFields(preview.body, action));
  return t.app.inject({ method: 'POST', url: action, headers: { cookie: preview.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
}

const valid = { source: 'form', note: 'Sign-up sheet, Building Bridges meeting, Paris, 3 December 2024' };

describe('importing subscribers from a CSV file', () => {
  it('refuses a form without a consent source or a note (422), keeping the note typed', async () => {
    const noSource = await upload({ note: 'Sign-up sheet, Paris' }, { name: 'signups.csv', data: CSV });
    expect(noSource.statusCode).toBe(422);
    expect(noSource.body).toContain('Choose one of the options.');
    expect(noSource.body).toMatch(/<textarea[^>]*name="note"[^>]*>Sign-up sheet, Paris<\/textarea>/);
    const noNote = await upload({ source: 'admin', note: '  ' }, { name: 'signups.csv', data: CSV });
    expect(noNote.statusCode).toBe(422);
    expect(noNote.body).toContain('This field is required.');
    expect(noNote.body).toMatch(/value="admin" checked/);
    const noFile = await upload({ ...valid }, null);
    expect(noFile.statusCode).toBe(422);
    expect(noFile.body).toContain('Choose a CSV file.');
    expect(noFile.body).toContain('Sign-up sheet, Building Bridges meeting');
  });

  it('refuses, with a clear message, a file that is not CSV text, has no email column, is cut, too large or too long', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a3480000000049454e44ae426082', 'hex');
    const cases: [Parameters<typeof upload>[1], string][] = [
      [{ name: 'photo.csv', type: 'image/png', data: png }, 'This file is not CSV text.'],
      [{ name: 'latin1.csv', data: Buffer.from([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xe9, 0x40, 0x78, 0x2e, 0x6f, 0x72, 0x67]) }, 'This file is not CSV text.'],
      [{ name: 'names.csv', data: 'name,language\nAwa,fr\n' }, 'The first row must name the columns, one of them “email”.'],
      [{ name: 'broken.csv', data: 'email,name\n"awa@example.org,Awa\n' }, 'The file cannot be read as CSV near line'],
      [{ name: 'header-only.csv', data: 'email\n' }, 'The file has no rows under its first row.'],
      [{ name: 'big.csv', data: `email\n${'a'.repeat(5 * 1024 * 1024)}\n` }, 'The file is larger than 5 MB.'],
      [{ name: 'long.csv', data: `email\n${Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => `p${i}@example.org`).join('\n')}\n` }, 'The file has more than 50,000 rows.'],
    ];
    for (const [file, message] of cases) {
      const res = await upload(valid, file);
      expect(res.statusCode, file!.name).toBe(422);
      expect(res.body, file!.name).toContain(message);
      expect(res.body).toContain('Sign-up sheet, Building Bridges meeting');
    }
    expect(await t.db.select().from(subscriptions)).toHaveLength(4);
  });

  it('previews every row with its problems in the reader’s language and the counts, changing nothing', async () => {
    const res = await upload(valid, { name: 'signups.csv', data: CSV }, 'fr');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Vérifier l’importation');
    expect(res.body).toContain('Adresse électronique non valide\u00a0: «\u00a0not-an-email\u00a0».');
    expect(res.body).toContain('Même adresse qu’à la ligne 2\u00a0: seule la première est importée.');
    expect(res.body).toContain('Importer 4 abonnés');
  });

  let preview: Awaited<ReturnType<typeof upload>>;
  it('lists what will happen to each row (English)', async () => {
    preview = await upload(valid, { name: 'signups.csv', data: CSV });
    expect(preview.statusCode).toBe(200);
    const b = preview.body;
    expect(b).toContain('Check the import');
    expect(b).toMatch(/Rows<\/dt>\s*<dd>9<\/dd>/);
    expect(b).toMatch(/To add<\/dt>\s*<dd><strong>4<\/strong><\/dd>/);
    expect(b).toMatch(/To skip<\/dt>\s*<dd>3<\/dd>/);
    expect(b).toMatch(/With errors<\/dt>\s*<dd>2<\/dd>/);
    for (const text of [
      'li.wei@example.org',
      '中文',
      'China',
      'Not a valid e-mail address: “not-an-email”.',
      'Same address as line 2: only the first is imported.',
      'This person unsubscribed: their choice stands, the row is skipped.',
      'Already subscribed: left as it is.',
      'Unknown language “xx”: English is used.',
      'Unknown topic “astrology”: ignored.',
      'Unknown country code “ZZ”: left empty.',
      'Awaiting confirmation: will be subscribed with this consent.',
      'Import 4 subscribers',
    ]) expect(b).toContain(text);
    // "Again, Sam" unsubscribed, then someone typed the address in the form: still skipped.
    expect(b).toMatch(/again@example\.org[\s\S]*?This person unsubscribed/);
    expect(await t.db.select().from(subscriptions)).toHaveLength(4);
  });

  it('imports the valid rows at once, with the chosen source and the note, never an unsubscribed person; audited', async () => {
    const key = hiddenFields(preview.body, '/en/admin/subscribers/import/confirm').key!;
    expect(await fileStore(t.db, t.config).get(key)).not.toBeNull();
    const res = await confirm(preview);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Import finished');
    expect(res.body).toContain('Added: 4. Skipped: 3. With errors: 2.');

    expect(await subscription('awa@example.org')).toMatchObject({ status: 'subscribed', source: 'form', name: 'Awa Ndiaye', locale: 'fr', topics: ['news', 'meetings'], country: 'SN', confirmedAt: null });
    expect(await subscription('li.wei@example.org')).toMatchObject({ status: 'subscribed', locale: 'zh', topics: ['publications'], country: 'CN' });
    expect(await subscription('kim@example.org')).toMatchObject({ status: 'subscribed', locale: 'en', topics: ['news', 'meetings', 'working-groups', 'publications'], country: null });
    expect(await subscription('waiting@example.org')).toMatchObject({ status: 'subscribed', source: 'form' });
    expect((await subscription('gone@example.org')).status).toBe('unsubscribed');
    expect((await subscription('again@example.org')).status).toBe('pending');
    expect(await eventsOf('awa@example.org')).toEqual([
      expect.objectContaining({ change: 'imported', source: 'form', detail: { note: valid.note, file: 'signups.csv', by: 'sec@example.org' }, ip: '127.0.0.1' }),
    ]);
    for (const email of ['gone@example.org', 'here@example.org', 'again@example.org']) expect((await eventsOf(email)).map((e) => e.change)).not.toContain('imported');
    expect(await mailsTo(t, 'awa@example.org')).toHaveLength(0);

    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'newsletter.subscribers.import'));
    expect(audit).toMatchObject({ actorEmail: 'sec@example.org', after: { file: 'signups.csv', source: 'form', note: valid.note, rows: 9, added: 4, skipped: 3, errors: 2 } });
    expect(await fileStore(t.db, t.config).get(key)).toBeNull();
  });

  it('sending the confirmation again adds nothing more', async () => {
    const again = await confirm(preview);
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('This import has already been done or has expired.');
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'newsletter.subscribers.import'))).toHaveLength(1);
    expect(await t.db.select().from(subscriptions)).toHaveLength(7);
  });

  it('a file in which nothing can be added offers no import button', async () => {
    const res = await upload({ source: 'import', note: 'Old list' }, { name: 'old.csv', data: 'email,name\nhere@example.org,Here\ngone@example.org,Gone\n' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('No row of this file can be added.');
    expect(res.body).not.toContain('/admin/subscribers/import/confirm');
  });
});
