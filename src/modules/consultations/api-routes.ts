import { z } from 'zod';
import { endpoint, i18nText, listOf, listQuery, locale, noQuery, texts, type ApiRoutes } from '../../platform/api/schemas.js';
import { paged, sliceOf } from '../../platform/api/paging.js';
import { ApiProblem } from '../../platform/api/plugin.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { CONSULTATION_AUDIENCES, STAKEHOLDER_GROUPS, commentCounts, consultationPages, consultationPolicy, getConsultation, isOpen, type ConsultationView } from './service.js';
import { outcomeOf, type OutcomeFigure, type OutcomeItem } from './outcome.js';

const STATUSES = ['coming', 'open', 'closed', 'concluded'] as const;
const statusOf = (c: Pick<ConsultationView, 'opensAt' | 'closesAt' | 'concludedAt'>, now: Date): (typeof STATUSES)[number] =>
  c.concludedAt ? 'concluded' : now < c.opensAt ? 'coming' : isOpen(c, now) ? 'open' : 'closed';

const consultationSummary = z
  .object({
    slug: z.string(),
    title: z.string().describe('The title of the report version put to consultation, in `locale`.'),
    locale: locale.describe("The report's language."),
    report: z.object({ slug: z.string(), version: z.number().int(), workingGroup: z.string().describe("The working group's slug.") }),
    status: z.enum(STATUSES).describe('coming: not open yet; open: taking comments; closed: no longer taking comments; concluded: the final version is published and the answers to the comments are public.'),
    opensAt: z.date(),
    closesAt: z.date(),
    concludedAt: z.date().nullable(),
    audience: z.enum(CONSULTATION_AUDIENCES).describe('Who may comment: anyone signed in, members, or the holders of an invitation link. Anyone may read.'),
    summary: i18nText,
    originalLocale: locale.describe('The language the summary and questions were written in.'),
    links: z.object({ page: z.string(), outcome: z.string().nullable().describe('The comment-and-response report, once public.') }),
  })
  .meta({ id: 'ConsultationSummary' });

const consultation = consultationSummary
  .extend({
    questions: z.array(z.object({ id: z.string(), paragraph: z.string().nullable().describe('The paragraph (block id) it is asked about; null for the whole report.'), text: i18nText })),
    comments: z.number().int().describe('Published comments.'),
  })
  .meta({ id: 'Consultation' });

const figure = z
  .object({
    key: z.string().describe('The group (a stakeholder group, a region, an income group); "other" gathers groups of fewer than five people.'),
    people: z.number().int(),
    comments: z.number().int(),
    by: z.record(z.string(), z.number().int()).describe('Comments by disposition: accepted, partly-accepted, noted, not-accepted, out-of-scope.'),
  })
  .meta({ id: 'OutcomeFigure' });

const outcome = z
  .object({
    slug: z.string(),
    concludedAt: z.date(),
    finalVersion: z.number().int().nullable(),
    totals: figure,
    byStakeholder: z.array(figure),
    byRegion: z.array(figure),
    byIncome: z.array(figure),
    sections: z.array(z.object({ id: z.string(), title: z.string(), comments: z.number().int() })),
    links: z.object({ page: z.string(), comments: z.string(), csv: z.string(), xlsx: z.string(), pdf: z.string() }),
  })
  .meta({ id: 'Outcome' });

const outcomeComment = z
  .object({
    id: z.uuid(),
    section: z.string().nullable(),
    paragraph: z.string().nullable(),
    quote: z.string().nullable(),
    quoteLocale: locale,
    body: z.string(),
    locale,
    createdAt: z.date(),
    who: z.object({
      name: z.string().nullable().describe('Only where the commenter chose to be named.'),
      organization: z.string(),
      stakeholderGroup: z.enum(STAKEHOLDER_GROUPS),
      country: z.string(),
      region: z.string().nullable(),
      incomeGroup: z.string().nullable(),
    }),
    answer: z
      .object({
        disposition: z.string(),
        text: z.string(),
        textLocale: locale,
        changed: z.array(z.object({ paragraph: z.string(), version: z.number().int().nullable(), excerpt: z.string() })),
        shared: z.number().int().describe('How many comments this answer stands for.'),
      })
      .nullable(),
  })
  .meta({ id: 'OutcomeComment' });

const slugParams = z.object({ slug: z.string().describe("The consultation's slug, as in its page's address.") });

const figureOf = (f: OutcomeFigure) => ({ key: f.key, people: f.people, comments: f.comments, by: { ...f.by } });
const commentOf = (i: OutcomeItem) => ({
  id: i.id,
  section: i.sectionId,
  paragraph: i.blockId,
  quote: i.quote,
  quoteLocale: i.quoteLocale,
  body: i.body,
  locale: i.locale,
  createdAt: i.createdAt,
  who: { ...i.who },
  answer: i.answer ? { disposition: i.answer.disposition, text: i.answer.text, textLocale: i.answer.textLocale, changed: i.answer.changed.map((ch) => ({ paragraph: ch.blockId, version: ch.version, excerpt: ch.excerpt })), shared: i.answer.shared } : null,
});

/** Consultations as their public pages show them (views.tsx, outcome-views.tsx): the list, each one, and its comment-and-response report once public. */
export const consultationsApi: ApiRoutes = async (app, { db, config }) => {
  const base = config.baseUrl;
  const summaryOf = (c: ConsultationView, title: string, number: number, reportLocale: Locale, reportSlug: string, now: Date) => ({
    slug: c.slug,
    title,
    locale: reportLocale,
    report: { slug: reportSlug, version: number, workingGroup: c.groupSlug },
    status: statusOf(c, now),
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    concludedAt: c.concludedAt,
    audience: c.audience,
    summary: texts(c.summary),
    originalLocale: c.originalLocale,
    links: { page: `${base}/${c.originalLocale}/consultations/${c.slug}`, outcome: c.concludedAt ? `${base}/api/v1/consultations/${c.slug}/outcome` : null },
  });

  /** The consultation of the address, and its report's comment-and-response once public; a 404 otherwise. */
  async function publicOutcome(slug: string, lang: Locale | undefined) {
    const page = await getConsultation(db, slug, null);
    if (!page) return null;
    if (!consultationPolicy.seeResponses(null, page.consultation)) throw new ApiProblem(404, 'not_public', 'api.errors.outcomeNotPublic');
    return { page, outcome: await outcomeOf(db, null, page, lang ?? page.consultation.originalLocale) };
  }

  app.get(
    '/consultations',
    { schema: endpoint({ operationId: 'listConsultations', tag: 'consultations', summary: 'Consultations, the latest closing first', query: listQuery({ status: z.enum(STATUSES).optional() }), response: listOf(consultationSummary) }) },
    async (req, reply) => {
      const now = new Date();
      // Each with its report version: the summary says it in the report's language.
      const all = (await consultationPages(db)).filter((page) => !req.query.status || statusOf(page.consultation, now) === req.query.status);
      const { rows, total } = sliceOf(all, req.query);
      const data = rows.map((page) => summaryOf(page.consultation, page.version.title, page.version.number, page.report.originalLocale, page.report.slug, now));
      return paged(req, reply, base, req.query, data, total);
    },
  );

  app.get(
    '/consultations/:slug',
    { schema: endpoint({ operationId: 'getConsultation', tag: 'consultations', summary: 'A consultation: its window, audience, summary and questions', params: slugParams, query: noQuery, response: consultation }) },
    async (req, reply) => {
      const page = await getConsultation(db, req.params.slug, null);
      if (!page) return reply.callNotFound();
      const c = page.consultation;
      const counts = await commentCounts(db, c.id);
      return {
        ...summaryOf(c, page.version.title, page.version.number, page.report.originalLocale, page.report.slug, new Date()),
        questions: c.questions.map((q) => ({ id: q.id, paragraph: q.blockId, text: texts(q.text) })),
        comments: [...counts.values()].reduce((a, b) => a + b, 0),
      };
    },
  );

  const langQuery = { lang: locale.optional().describe('The language of the answers (each in it where written in it, else in its own). The consultation’s language when absent.') };

  app.get(
    '/consultations/:slug/outcome',
    {
      schema: endpoint({
        operationId: 'getConsultationOutcome',
        tag: 'consultations',
        summary: 'The outcome of a concluded consultation: comments and their acceptance, by group',
        description: 'Public once the report’s final version is published (404 with code not_public before).',
        params: slugParams,
        query: z.strictObject(langQuery),
        response: outcome,
      }),
    },
    async (req, reply) => {
      const found = await publicOutcome(req.params.slug, req.query.lang);
      if (!found) return reply.callNotFound();
      const { page, outcome: o } = found;
      const at = `${base}/${req.query.lang ?? page.consultation.originalLocale}/consultations/${page.consultation.slug}/responses`;
      return {
        slug: page.consultation.slug,
        concludedAt: o.concludedAt!,
        finalVersion: o.finalVersion,
        totals: figureOf(o.totals),
        byStakeholder: o.byStakeholder.map(figureOf),
        byRegion: o.byRegion.map(figureOf),
        byIncome: o.byIncome.map(figureOf),
        sections: o.sections.map((s) => ({ id: s.id, title: s.title, comments: s.comments })),
        links: { page: at, comments: `${base}/api/v1/consultations/${page.consultation.slug}/outcome/comments`, csv: `${at}.csv`, xlsx: `${at}.xlsx`, pdf: `${at}.pdf` },
      };
    },
  );

  app.get(
    '/consultations/:slug/outcome/comments',
    {
      schema: endpoint({
        operationId: 'listConsultationOutcomeComments',
        tag: 'consultations',
        summary: 'The comments of a concluded consultation, each with its answer, in the report’s order',
        params: slugParams,
        query: listQuery(langQuery),
        response: listOf(outcomeComment),
      }),
    },
    async (req, reply) => {
      const found = await publicOutcome(req.params.slug, req.query.lang);
      if (!found) return reply.callNotFound();
      const { rows, total } = sliceOf(found.outcome.items, req.query);
      return paged(req, reply, base, req.query, rows.map(commentOf), total);
    },
  );
};
