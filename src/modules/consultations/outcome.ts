/**
 * The comment-and-response report: every comment of a consultation (not the replies between
 * commenters), in the report's order, with who wrote it (their name only where they chose to be
 * named, else their stakeholder group and country), the working group's disposition and response,
 * and the paragraphs of a later version that changed because of it; with counts of comments and of
 * acceptance by stakeholder group, region and income group (groups of fewer than five people
 * merged, as on the figures page). Public once the report's final version is published; those who
 * run the consultation see it as it stands before. The same rows make the HTML page, the CSV and
 * XLSX files (one row per comment) and the PDF annex.
 */
import { eq } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { Executor } from '../../db/client.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { currentVersion } from '../../platform/cache/versions.js';
import { localize } from '../../platform/i18n/content.js';
import { isLocale, type Locale } from '../../platform/i18n/locales.js';
import type { Translate } from '../../platform/i18n/messages.js';
import { reportOf } from '../workinggroups/service.js';
import { consultationComments as cc, consultationResponses, DISPOSITIONS, type Disposition, type StakeholderGroup } from './schema.js';
import { consultationPolicy } from './policy.js';
import { mergeSmallGroups, type ConsultationPage } from './service.js';
import { placesOf, toAnswer } from './responses.js';
import { processCache } from '../../platform/cache/process.js';

/** A paragraph of a later version that changed because of a comment, where a reader can see it. */
export interface ChangedParagraph {
  blockId: string;
  /** The version it is read in (a published one), or null when it changed in a draft not published yet. */
  version: number | null;
  /** Its first words. */
  excerpt: string;
}

export interface OutcomeItem {
  id: string;
  /** The section it is on (its heading's id), or null for the whole report. */
  sectionId: string | null;
  blockId: string | null;
  quote: string | null;
  /** The language of the text the passage was quoted from. */
  quoteLocale: Locale;
  body: string;
  locale: Locale;
  createdAt: Date;
  /** A name only where the commenter chose to be named. */
  who: { name: string | null; organization: string; stakeholderGroup: StakeholderGroup; country: string; region: string | null; incomeGroup: string | null };
  answer: {
    id: string;
    disposition: Disposition;
    /** The response in the reader's language when written in it, else in the language it was written in. */
    text: string;
    textLocale: Locale;
    changed: ChangedParagraph[];
    /** How many comments this answer stands for (it answers them together). */
    shared: number;
  } | null;
}

export interface OutcomeFigure {
  key: string;
  people: number;
  comments: number;
  /** Comments by disposition (unanswered ones are in `comments` only). */
  by: Record<Disposition, number>;
}

export interface OutcomeSection {
  /** The heading's id, or 'general' for comments on the whole report. */
  id: string;
  title: string;
  comments: number;
}

export interface Outcome {
  /** Public: the final version is published and the answers are frozen. */
  concluded: boolean;
  concludedAt: Date | null;
  /** The final version's number, when published. */
  finalVersion: number | null;
  items: OutcomeItem[];
  sections: OutcomeSection[];
  totals: OutcomeFigure;
  byStakeholder: OutcomeFigure[];
  byRegion: OutcomeFigure[];
  byIncome: OutcomeFigure[];
}

const EXCERPT = 90;
const excerptOf = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT).trimEnd()}…` : text);
const noDispositions = () => Object.fromEntries(DISPOSITIONS.map((d) => [d, 0])) as Record<Disposition, number>;

/** Roughly what a kept report holds per comment (its rows, texts and figures): the 10,000-comment report's data is ~30 MB. */
const BYTES_PER_COMMENT = 3_000;

/**
 * How much the reports kept may hold in all, with the files made of them (a setting for tests: the
 * size, not the rule). Bounded by count alone, the 10,000-comment report asked for in six languages
 * kept ~330 MB: its data (~30 MB) and its three files (~25 MB) per language.
 */
export const keptReports = { bytes: 96 * 1024 * 1024 };

/**
 * Reports made, once per consultation, language and state of its comments, answers and report
 * versions (any change to them makes it anew): at most 12, and at most `keptReports.bytes` with
 * their files, the least recently used going first (the last one used always stays).
 */
const made = processCache(new LRUCache<string, Outcome>({ max: 12 }));
/** The files made of a report (one per format) and their bytes once made, kept as long as the report is. */
const files = new WeakMap<Outcome, { byFormat: Map<string, Promise<Buffer>>; bytes: number }>();

const weight = (outcome: Outcome) => 4_096 + outcome.items.length * BYTES_PER_COMMENT + (files.get(outcome)?.bytes ?? 0);

/** Lets the least recently used reports go until the rest fit in keptReports.bytes. */
function bound(): void {
  let total = 0;
  for (const outcome of made.values()) total += weight(outcome);
  for (const key of [...made.rkeys()]) {
    if (total <= keptReports.bytes || made.size <= 1) return;
    total -= weight(made.peek(key)!);
    made.delete(key);
  }
}

/**
 * A file of a report (CSV, XLSX, PDF), made by `make` once per state of the report and language,
 * however many ask for it (at the same time too: they wait for the same file), and kept with the
 * report, its bytes counted against keptReports.bytes.
 */
export function outcomeFile(outcome: Outcome, format: string, make: () => Promise<Buffer>): Promise<Buffer> {
  const kept = files.get(outcome) ?? files.set(outcome, { byFormat: new Map(), bytes: 0 }).get(outcome)!;
  let making = kept.byFormat.get(format);
  if (!making) {
    making = make();
    kept.byFormat.set(format, making);
    making.then(
      (bytes) => {
        kept.bytes += bytes.length;
        bound();
      },
      () => kept.byFormat.delete(format),
    );
  }
  return making;
}

/** The comment-and-response report of a consultation, in the reader's language (see the header comment). */
export async function outcomeOf(db: Executor, actor: MaybeActor, page: ConsultationPage, locale: Locale): Promise<Outcome> {
  const c = page.consultation;
  authorize(consultationPolicy.seeResponses(actor, c), 'consultations.responses.see');
  // Its comments, its answers, and the report's versions (a changed paragraph is linked where it is published).
  const versions = await Promise.all(['consultation_comments', 'consultation_responses', 'report_versions'].map((table) => currentVersion(db, table)));
  const key = versions.includes(undefined) ? undefined : `${c.id}:${locale}:${page.version.id}:${c.concludedAt?.getTime() ?? 0}:${versions.join(':')}`;
  const kept = key ? made.get(key) : undefined;
  if (kept) return kept;
  const outcome = await makeOutcome(db, page, locale);
  if (key) {
    made.set(key, outcome);
    bound();
  }
  return outcome;
}

/** What the report reads of each comment. */
const REPORTED = {
  id: cc.id,
  userId: cc.userId,
  blockId: cc.blockId,
  quote: cc.quote,
  quoteLocale: cc.quoteLocale,
  body: cc.body,
  locale: cc.locale,
  createdAt: cc.createdAt,
  display: cc.display,
  authorName: cc.authorName,
  organization: cc.organization,
  stakeholderGroup: cc.stakeholderGroup,
  country: cc.country,
  region: cc.region,
  incomeGroup: cc.incomeGroup,
  responseId: cc.responseId,
};

async function makeOutcome(db: Executor, page: ConsultationPage, locale: Locale): Promise<Outcome> {
  const c = page.consultation;
  // The columns the report shows, and each answer once (an answer shared by a group is not read again per comment).
  const [comments, responses] = await Promise.all([
    db.select(REPORTED).from(cc).where(toAnswer(c.id)),
    db.select().from(consultationResponses).where(eq(consultationResponses.consultationId, c.id)),
  ]);
  const responseOf = new Map(responses.map((r) => [r.id, r]));
  const rows = comments.map((comment) => ({ comment, response: comment.responseId ? (responseOf.get(comment.responseId) ?? null) : null }));
  const { sections, order, section } = placesOf(page);
  const place = (b: string | null) => (b === null ? -1 : (order.get(b) ?? Number.MAX_SAFE_INTEGER));
  rows.sort((a, b) => place(a.comment.blockId) - place(b.comment.blockId) || a.comment.createdAt.getTime() - b.comment.createdAt.getTime() || (a.comment.id < b.comment.id ? -1 : 1));

  // Where a changed paragraph is read: the version it changed in when published, else a later published one that has it.
  const published = (await reportOf(db, null, { id: c.groupId, closedAt: null }, page.report.slug))?.versions ?? [];
  const later = published.filter((v) => v.number > page.version.number).reverse();
  const changedOf = (r: typeof consultationResponses.$inferSelect): ChangedParagraph[] =>
    r.changedBlocks.map((blockId) => {
      const own = published.find((v) => v.id === r.changedVersionId && v.blocks.some((b) => b.id === blockId));
      const v = own ?? later.find((x) => x.blocks.some((b) => b.id === blockId));
      const block = v?.blocks.find((b) => b.id === blockId);
      return { blockId, version: v?.number ?? null, excerpt: block ? excerptOf(block.text) : '' };
    });

  const shared = new Map<string, number>();
  for (const r of rows) if (r.response) shared.set(r.response.id, (shared.get(r.response.id) ?? 0) + 1);
  const answers = new Map<string, OutcomeItem['answer']>();
  const items: OutcomeItem[] = rows.map(({ comment: x, response: r }) => {
    let answer = r ? answers.get(r.id) : null;
    if (r && !answer) {
      const text = localize(r.response, locale, isLocale(r.originalLocale) ? r.originalLocale : c.originalLocale);
      answer = { id: r.id, disposition: r.disposition, text: text.text, textLocale: text.lang, changed: changedOf(r), shared: shared.get(r.id) ?? 1 };
      answers.set(r.id, answer);
    }
    const named = x.display === 'name';
    return {
      id: x.id,
      sectionId: x.blockId ? (section.get(x.blockId) ?? null) : null,
      blockId: x.blockId,
      quote: x.quote?.exact ?? null,
      quoteLocale: x.quoteLocale && isLocale(x.quoteLocale) ? x.quoteLocale : page.report.originalLocale,
      body: x.body,
      locale: isLocale(x.locale) ? x.locale : c.originalLocale,
      createdAt: x.createdAt,
      who: { name: named && x.authorName ? x.authorName : null, organization: named ? x.organization : '', stakeholderGroup: x.stakeholderGroup, country: x.country, region: x.region, incomeGroup: x.incomeGroup },
      answer: answer ?? null,
    };
  });

  const count = new Map<string, number>();
  for (const i of items) count.set(i.sectionId ?? 'general', (count.get(i.sectionId ?? 'general') ?? 0) + 1);
  const people = rows.map((r) => r.comment.userId);
  return {
    concluded: c.concludedAt !== null,
    concludedAt: c.concludedAt,
    finalVersion: published.find((v) => v.stage === 'final' && v.number > page.version.number)?.number ?? null,
    items,
    sections: [{ id: 'general', title: '', comments: count.get('general') ?? 0 }, ...sections.map((s) => ({ id: s.id, title: s.title, comments: count.get(s.id) ?? 0 }))].filter((s) => s.comments > 0),
    totals: groupsOf(items, people, () => 'all')[0] ?? { key: 'all', people: 0, comments: 0, by: noDispositions() },
    byStakeholder: figuresOf(items, people, (i) => i.who.stakeholderGroup),
    byRegion: figuresOf(items, people, (i) => i.who.region),
    byIncome: figuresOf(items, people, (i) => i.who.incomeGroup),
  };
}

/** Comments and their dispositions counted by a dimension (a person erased from the site counts as one person each time). */
function groupsOf(items: OutcomeItem[], people: (string | null)[], keyOf: (i: OutcomeItem) => string | null): OutcomeFigure[] {
  const groups = new Map<string, { people: Set<string>; figure: OutcomeFigure }>();
  items.forEach((item, n) => {
    const key = keyOf(item) ?? 'other';
    const g = groups.get(key) ?? groups.set(key, { people: new Set(), figure: { key, people: 0, comments: 0, by: noDispositions() } }).get(key)!;
    g.people.add(people[n] ?? `erased:${item.id}`);
    g.figure.comments++;
    if (item.answer) g.figure.by[item.answer.disposition]++;
  });
  return [...groups.values()].map((g) => ({ ...g.figure, people: g.people.size }));
}

/** Two groups' counts summed (small groups merged into "other"). */
const addFigures = (a: OutcomeFigure, b: OutcomeFigure): OutcomeFigure => ({
  key: a.key,
  people: a.people + b.people,
  comments: a.comments + b.comments,
  by: Object.fromEntries(DISPOSITIONS.map((d) => [d, a.by[d] + b.by[d]])) as Record<Disposition, number>,
});

/** Counted by a dimension, groups of fewer than SMALLEST_GROUP people merged into "other" (as on the figures page). */
const figuresOf = (items: OutcomeItem[], people: (string | null)[], keyOf: (i: OutcomeItem) => string | null) => mergeSmallGroups(groupsOf(items, people, keyOf), addFigures);

/** A version of the report, and a paragraph of it (a changed one), where they are read. */
export const versionHref = (page: ConsultationPage, version: number) => `/working-groups/${page.consultation.groupSlug}/reports/${page.report.slug}/v/${version}`;
export const changedHref = (page: ConsultationPage, version: number, blockId: string) => `${versionHref(page, version)}#${blockId}`;

/** The sections' names by id, as the report and its e-mails say them: the whole report's comments, and the introduction's, under their own names. */
export const sectionNames = (t: Translate, outcome: Pick<Outcome, 'sections'>) => new Map(outcome.sections.map((s) => [s.id, s.id === 'general' ? t('consultations.figures.general') : s.title || t('consultations.figures.introduction')]));

/** The share of comments accepted in full or in part, 0–1 (0 when there are none). */
export const acceptance = (f: OutcomeFigure) => (f.comments ? (f.by.accepted + f.by['partly-accepted']) / f.comments : 0);
