import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { testApp, type TestApp } from '../../testing/app.js';
import { LOCALES } from '../../platform/i18n/locales.js';
import { actorByEmail } from '../../platform/auth/service.js';
import { getWorkingGroup } from '../workinggroups/service.js';
import { publicationEvents, publicationVersions, publications } from './schema.js';
import { COMPENDIUM_2024, demoCallYear, seedPublications } from './seed.js';
import { assignmentsOfReviewer, callBySlug, editorialQueue, historyOf, itemByNumber, landing, listPublished, openCalls, seriesBySlug } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({}, { demo: true });
}, 300_000);
afterAll(() => t.close());

const secretariat = async () => (await actorByEmail(t.db, 'secretariat@alliance.example'))!;

describe('the demo’s publications', () => {
  it('every published version without an uploaded PDF has its generated PDF stored, with its size', async () => {
    const versions = await t.db.select().from(publicationVersions);
    expect(versions.length).toBeGreaterThanOrEqual(6);
    for (const v of versions.filter((x) => !x.pdfKey)) {
      expect(v.generatedPdfKey, `version ${v.number} of ${v.publicationId}`).toBeTruthy();
      expect(v.generatedPdfBytes ?? 0).toBeGreaterThan(5_000);
    }
  });

  it('the 2024 Compendium lists its published briefs, written in several languages, each with its history and reviews', async () => {
    const series = (await seriesBySlug(t.db, COMPENDIUM_2024))!;
    for (const l of LOCALES) {
      expect(series.title[l], l).toMatch(/2024/);
      expect(series.description[l]?.length, l).toBeGreaterThan(40);
    }
    const { items, total } = await listPublished(t.db, { series: COMPENDIUM_2024, page: 1 });
    expect(total).toBeGreaterThanOrEqual(5);
    expect(items.every((i) => i.kind === 'brief' && i.number.startsWith('CI2024-'))).toBe(true);
    expect(new Set(items.map((i) => i.locale))).toEqual(new Set(['fr', 'en', 'es', 'ar']));
    const admin = await secretariat();
    for (const i of items) {
      const item = (await itemByNumber(t.db, i.number))!;
      const steps = (await historyOf(t.db, admin, item)).map((e) => e.action);
      expect(steps, i.number).toEqual(expect.arrayContaining(['submit', 'desk-check', 'send-to-review', 'accept', 'copyedit', 'publish']));
      expect(i.authors.length, i.number).toBeGreaterThanOrEqual(2);
      const own = i.meta[i.locale]!;
      expect(own.keywords.length, i.number).toBeGreaterThanOrEqual(3);
      expect(own.recommendations.split('\n').length, i.number).toBeGreaterThanOrEqual(2);
      expect(Object.keys(i.meta).length, i.number).toBeGreaterThanOrEqual(2);
    }
    // The French brief went through a round of revision before it was accepted.
    const reading = (await itemByNumber(t.db, 'CI2024-01'))!;
    expect((await historyOf(t.db, admin, reading)).map((e) => e.action)).toEqual(['submit', 'desk-check', 'send-to-review', 'request-revision', 'revise', 'accept', 'copyedit', 'publish']);
  });

  it('two briefs have a published translation of their full text, one by a translator and one with a machine’s help', async () => {
    const { items } = await listPublished(t.db, { series: COMPENDIUM_2024, page: 1 });
    const translated = items.filter((i) => i.translations.length);
    expect(translated).toHaveLength(2);
    const methods = [];
    for (const i of translated) {
      const page = (await landing(t.db, null, i.number))!;
      expect(page.translations).toHaveLength(1);
      methods.push(page.translations[0]!.method);
      const copy = (await landing(t.db, null, page.translations[0]!.number))!;
      expect(copy.original?.number).toBe(i.number);
      expect(copy.version.body.length).toBeGreaterThan(1000);
    }
    expect(methods.sort()).toEqual(['human', 'machine-assisted']);
  });

  it('one brief has a second version with a note of what changed; the first stays at its address', async () => {
    const { items } = await listPublished(t.db, { series: COMPENDIUM_2024, page: 1 });
    const revised = items.filter((i) => i.currentVersion === 2);
    expect(revised).toHaveLength(1);
    const page = (await landing(t.db, null, revised[0]!.number))!;
    expect(page.versions.map((v) => v.number)).toEqual([2, 1]);
    expect(page.versions[0]!.note.length).toBeGreaterThan(40);
    const first = (await landing(t.db, null, revised[0]!.number, 1))!;
    expect(first.version.body).not.toBe(page.version.body);
  });

  it('has describing texts in all six languages for at least two briefs', async () => {
    const { items } = await listPublished(t.db, { series: COMPENDIUM_2024, page: 1 });
    const complete = items.filter((i) => LOCALES.every((l) => i.meta[l]?.title.trim() && i.meta[l]!.abstract.trim() && i.meta[l]!.summary.trim() && i.meta[l]!.keywords.length));
    expect(complete.length).toBeGreaterThanOrEqual(2);
  });

  it('gives the editors a queue with briefs just submitted, in review and waiting for a revision', async () => {
    const queue = await editorialQueue(t.db, await secretariat(), {});
    const states = new Set(queue.map((q) => q.state));
    for (const s of ['submitted', 'in_review', 'revision_requested'] as const) expect(states, s).toContain(s);
    // The Compendium's own editor, of the Steering Committee, sees the Compendium's items and not the working groups' reports.
    const editor = (await actorByEmail(t.db, 'li.wei@steering.example'))!;
    const theirs = await editorialQueue(t.db, editor, {});
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((q) => q.seriesSlug.startsWith('compendium-'))).toBe(true);
    const inReview = queue.find((q) => q.state === 'in_review')!;
    expect(inReview.openReviews).toBe(2);
  });

  it('invites the demo member Nguyen Thi Lan to review a brief, and she has not answered yet', async () => {
    const lan = (await actorByEmail(t.db, 'nguyen.lan@example.org'))!;
    const mine = await assignmentsOfReviewer(t.db, lan);
    const open = mine.filter((a) => a.state === 'invited');
    expect(open).toHaveLength(1);
    expect((await itemByNumber(t.db, open[0]!.number))!.state).toBe('in_review');
    expect(open[0]!.dueAt.getTime()).toBeGreaterThan(Date.now());
    // She reviewed a 2024 brief too.
    expect(mine.some((a) => a.state === 'completed')).toBe(true);
  });

  it('has next year’s call for briefs open today, with its theme in six languages, so a newcomer can submit', async () => {
    const year = demoCallYear();
    const call = (await callBySlug(t.db, `compendium-${year}-call`))!;
    expect(call).not.toBeNull();
    const now = Date.now();
    expect(call.opensAt.getTime()).toBeLessThan(now);
    expect(call.closesAt.getTime()).toBeGreaterThan(now);
    expect(Math.round((now - call.opensAt.getTime()) / 86_400_000)).toBe(10);
    expect(Math.round((call.closesAt.getTime() - now) / 86_400_000)).toBe(45);
    for (const l of LOCALES) expect(call.theme[l]?.length, l).toBeGreaterThan(100);
    expect((await openCalls(t.db)).map((c) => c.slug)).toContain(`compendium-${year}-call`);
    expect((await seriesBySlug(t.db, `compendium-${year}`))!.prefix).toBe(`CI${year}`);
  });

  it('has each working group’s report in its own series, not yet published', async () => {
    for (const [slug, number] of [['foundational-learning', 'FL-01'], ['technologies-for-learning', 'TL-01']] as const) {
      const group = (await getWorkingGroup(t.db, slug))!;
      const series = (await seriesBySlug(t.db, `${slug}-reports`))!;
      expect(series).toMatchObject({ kind: 'reports', workingGroupId: group.id });
      const report = (await itemByNumber(t.db, number))!;
      expect(report).toMatchObject({ kind: 'report', seriesId: series.id });
      expect(['submitted', 'desk_check']).toContain(report.state);
      expect(report.reportId).not.toBeNull();
      // The group's own text, without its title (the page's heading).
      expect(report.body).not.toMatch(/^# /);
      expect(report.body).toContain('\n## 1. ');
      for (const l of LOCALES) expect(report.meta[l]?.abstract.length, `${number} ${l}`).toBeGreaterThan(50);
      expect(await landing(t.db, null, number)).toBeNull();
      const [{ n }] = await t.db.select({ n: count() }).from(publicationEvents).where(eq(publicationEvents.publicationId, report.id));
      expect(n).toBeGreaterThanOrEqual(1);
    }
  });

  it('loads once: a second run adds nothing', async () => {
    const [{ n: before }] = await t.db.select({ n: count() }).from(publications);
    await seedPublications({ db: t.db, config: t.config });
    const [{ n: after }] = await t.db.select({ n: count() }).from(publications);
    expect(after).toBe(before);
  });
});
