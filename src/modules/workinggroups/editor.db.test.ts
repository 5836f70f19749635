import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { hiddenFields, mergeCookies, signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { auditLog } from '../../platform/audit/schema.js';
import { addWorkingGroups } from './factories.js';
import { addPersonToGroup, getWorkingGroup, reportOf } from './service.js';

let t: TestApp;
let chair: string;
const group = '/en/working-groups/foundational-learning';
const report = `${group}/reports/early-grades`;
const TEXT = `# Early grades

Children who cannot read with understanding by grade 3 rarely catch up.

## Recommendations

- Teach in the language children speak at home.
- Coach teachers every month.`;

beforeAll(async () => {
  t = await testApp();
  const ids = await addWorkingGroups(t.db);
  await addPersonToGroup(t.db, ids['foundational-learning'], { email: 'chair@example.org', name: 'Chair' }, 'chair');
  await addPersonToGroup(t.db, ids['foundational-learning'], { email: 'member@example.org', name: 'Member' }, 'member');
  chair = await signedIn(t, { email: 'chair@example.org' });
});
afterAll(() => t.close());

/** A multipart POST of a file to the import form of a page, as a browser sends it. */
async function importFile(pagePath: string, action: string, file: { name: string; type: string; data: Buffer }) {
  const page = await t.app.inject({ url: pagePath, headers: { cookie: chair } });
  const cookie = mergeCookies(chair, page);
  const form = new FormData();
  for (const [k, v] of Object.entries(hiddenFields(page.body, action))) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
  const req = new Request('http://x/', { method: 'POST', body: form });
  return t.app.inject({ method: 'POST', url: action, headers: { cookie, 'content-type': req.headers.get('content-type')! }, payload: Buffer.from(await req.arrayBuffer()) });
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('a chair writes a report in the browser', () => {
  it('a wrong address gives the form again with what was typed; a good one creates a draft the public cannot see', async () => {
    const bad = await submitForm(t, { page: `${group}/reports/new`, action: `${group}/reports`, cookie: chair, fields: { slug: 'Early Grades!', title: 'Early grades', markdown: TEXT } });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Use 3 to 80 lower-case letters');
    expect(bad.body).toContain('Children who cannot read with understanding');
    // "new" is a page of its own, not a report's address.
    expect((await submitForm(t, { page: `${group}/reports/new`, action: `${group}/reports`, cookie: chair, fields: { slug: 'new', title: 'New', markdown: 'Text.' } })).statusCode).toBe(422);

    const made = await submitForm(t, { page: `${group}/reports/new`, action: `${group}/reports`, cookie: chair, fields: { slug: 'early-grades', title: 'Early grades', markdown: TEXT } });
    expect(made.statusCode).toBe(303);
    expect(made.headers.location).toBe(`${report}/edit?notice=created`);
    expect((await t.app.inject({ url: report })).statusCode).toBe(404);
    const edit = await t.app.inject({ url: `${report}/edit`, headers: { cookie: chair } });
    expect(edit.body).toContain('Saving changes draft version 1.');
    expect(edit.body).toContain('Publish as pre-final draft');
  });

  it('publishing freezes the version: the public reads it, and the next save starts version 2', async () => {
    const published = await submitForm(t, { page: `${report}/edit`, action: `${report}/publish`, cookie: chair, fields: { stage: 'prefinal' } });
    expect(published.headers.location).toBe(`${report}/edit?notice=prefinal`);
    expect((await t.app.inject({ url: report })).body).toContain('Version 1 · pre-final draft for consultation');
    // The form is gone; a second post (another tab) finds nothing to publish.
    expect((await t.app.inject({ url: `${report}/edit`, headers: { cookie: chair } })).body).not.toContain('Publish as pre-final draft');
    expect((await submitForm(t, { page: `${report}/edit`, action: `${report}/publish`, cookie: chair, fields: { stage: 'final' }, forge: true })).headers.location).toContain('notice=not-draft');

    const saved = await submitForm(t, { page: `${report}/edit`, action: report, cookie: chair, fields: { title: 'Early grades', markdown: `${TEXT}\n- Give every child a book.`, note: 'A third recommendation.' } });
    expect(saved.headers.location).toBe(`${report}/edit?notice=saved`);
    const g = (await getWorkingGroup(t.db, 'foundational-learning'))!;
    const { versions } = (await reportOf(t.db, null, g, 'early-grades'))!;
    expect(versions.map((v) => v.number)).toEqual([1]);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'workinggroups.report.prefinal'))).toHaveLength(1);
  });

  it('any two versions are compared from a form that works without script', async () => {
    const member = await signedIn(t, { email: 'member@example.org' });
    const res = await t.app.inject({ url: `${report}/compare?from=2&to=1`, headers: { cookie: member } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${report}/compare/1/2`);
    expect((await t.app.inject({ url: res.headers.location as string, headers: { cookie: member } })).body).toContain('<ins');
    // The form is on the page of a report with several versions.
    expect((await t.app.inject({ url: report, headers: { cookie: member } })).body).toContain(`action="${report}/compare"`);
  });

  it('people of the group who are not chairs cannot reach the editor', async () => {
    const member = await signedIn(t, { email: 'member@example.org' });
    expect((await t.app.inject({ url: `${report}/edit`, headers: { cookie: member } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `${group}/reports/new`, headers: { cookie: member } })).statusCode).toBe(403);
  });
});

describe('importing a Word file', () => {
  it('reads the title and headings (Word’s Heading 1 is a section, below the title) and paragraphs into the form for review; nothing is saved until the chair saves', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: 'Teachers at the centre', heading: HeadingLevel.TITLE }),
            new Paragraph({ children: [new TextRun('Coaching works when it is '), new TextRun({ text: 'frequent', bold: true }), new TextRun('.')] }),
            new Paragraph({ text: 'What we heard', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ text: 'Les enseignants demandent du temps.' }),
          ],
        },
      ],
    });
    const data = await Packer.toBuffer(doc);
    const res = await importFile(`${group}/reports/new`, `${group}/reports/import`, { name: 'teachers.docx', type: DOCX, data: Buffer.from(data) });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('# Teachers at the centre');
    expect(res.body).toContain('Coaching works when it is **frequent**.');
    expect(res.body).toContain('## What we heard');
    // The title is taken from the first heading, for the chair to check.
    expect(res.body).toMatch(/name="title"[^>]*value="Teachers at the centre"/);
    const g = (await getWorkingGroup(t.db, 'foundational-learning'))!;
    expect(await reportOf(t.db, null, g, 'teachers')).toBeNull();
  });

  it('a file that is not a Word document is refused with a clear message', async () => {
    const res = await importFile(`${report}/edit`, `${report}/import`, { name: 'notes.docx', type: DOCX, data: Buffer.from('not a zip at all') });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('This is not a Word file (.docx).');
    // The form still holds the report's text.
    expect(res.body).toContain('Give every child a book.');
  });
});

describe('translations', () => {
  const v1 = `${report}/v/1`;
  const FRENCH = `# Premières années

Les enfants qui ne lisent pas en comprenant à la fin de la 3e année rattrapent rarement leur retard.

## Recommandations

- Enseigner dans la langue que les enfants parlent à la maison.
- Accompagner les enseignants chaque mois.`;

  it('a translation that does not line up with the original is refused, saying where; one that does is saved', async () => {
    const page = `${v1}/translate/fr`;
    const short = await submitForm(t, { page, action: page, cookie: chair, fields: { title: 'Premières années', markdown: FRENCH.split('\n\n## ')[0]!, translator: '' } });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('The translation has 2 blocks and the original 4: block 3 of the original (“Recommendations”) has no translation.');
    expect(short.body).toContain('Les enfants qui ne lisent pas');

    const ok = await submitForm(t, { page, action: page, cookie: chair, fields: { title: 'Premières années', markdown: FRENCH, translator: 'Équipe de traduction' } });
    expect(ok.statusCode).toBe(303);
    // A draft version cannot be translated; neither into the original's language.
    expect((await t.app.inject({ url: `${report}/v/2/translate/fr`, headers: { cookie: chair } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `${v1}/translate/en`, headers: { cookie: chair } })).statusCode).toBe(404);
  });

  it('a French reader reads the translation with a note of the version it translates, and the original in one click; its paragraphs keep the original’s identifiers', async () => {
    const fr = await t.app.inject({ url: `/fr/working-groups/foundational-learning/reports/early-grades` });
    expect(fr.body).toContain('Traduction de la version 1.');
    expect(fr.body).toContain('Accompagner les enseignants chaque mois.');
    expect(fr.body).toContain('Traduit par Équipe de traduction.');
    const en = await t.app.inject({ url: report });
    const ids = [...en.body.matchAll(/<div class="block" id="([^"]+)"/g)].map((m) => m[1]);
    expect([...fr.body.matchAll(/<div class="block" id="([^"]+)"/g)].map((m) => m[1])).toEqual(ids);
    const original = await t.app.inject({ url: `/fr/working-groups/foundational-learning/reports/early-grades/v/1/original` });
    expect(original.body).toContain('Coach teachers every month.');
    expect(original.body).not.toContain('Traduction de la version 1.');
  });
});
