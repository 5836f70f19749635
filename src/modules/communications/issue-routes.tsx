import { z } from 'zod';
import { noticeFrom } from '../../platform/http/notice.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { field } from '../../platform/forms/fields.js';
import { formError, validate, type FormState } from '../../platform/forms/validate.js';
import { isLocale, LOCALES } from '../../platform/i18n/locales.js';
import { localize } from '../../platform/i18n/content.js';
import { INCOME_GROUPS, UNESCO_REGIONS } from '../../platform/geo/countries.js';
import { getSiteSettings } from '../../platform/settings/service.js';
import { isUploadedFile } from '../../platform/http/plugin.js';
import { detectMime, fileStore } from '../../platform/files/storage.js';
import { fromLocal } from '../../platform/forms/datetime.js';
import { listMeetings } from '../meetings/service.js';
import { listWorkingGroups } from '../workinggroups/service.js';
import { NEWSLETTER_TOPICS } from './service.js';
import type { Audience } from './schema.js';
import {
  audienceCount,
  changeSending,
  createIssue,
  requireIssueAccess,
  sendTestCopy,
  getIssue,
  issueMailFor,
  listIssues,
  newsletterSettings,
  progressOf,
  saveAudience,
  saveNewsletterSettings,
  saveVersion,
  scheduleIssue,
  sendIssueNow,
  type IssueRow,
} from './newsletter-issues.js';
import { personalize, versionFor } from './newsletter-render.js';
import { IssuePage, IssuesPage, ProgressPage, statusLabel, type IssuePageData } from './views/issues.js';
import { ArchiveIssuePage } from './views/archive.js';

const slugBody = z.object({
  slug: field.slug('newsletter.errors.slug').pipe(z.string({ message: 'form.errors.required' })),
  defaultLocale: field.choice(LOCALES),
});
const wholeNumber = (min: number, max: number) => field.wholeNumber(min, max, 'newsletter.errors.number');
const settingsBody = z.object({ hardBounceLimit: wholeNumber(1, 20), rate: wholeNumber(1, 5000), batchSize: wholeNumber(1, 1000) });
const versionBody = z.object({ subject: z.string().trim().max(300, { message: 'form.errors.tooLong' }), body: z.string().max(50_000, { message: 'form.errors.tooLong' }) }).refine((v) => !v.body.trim() || v.subject, { path: ['subject'], message: 'form.errors.required' });
const audienceBody = z.object({
  topics: field.many(NEWSLETTER_TOPICS),
  locales: field.many(LOCALES),
  membership: field.choice(['any', 'members', 'others']),
  meetingId: z.preprocess((v) => v || undefined, z.uuid({ message: 'form.errors.choose' }).optional()),
  workingGroupSlug: z.preprocess((v) => v || undefined, z.string().max(80).optional()),
  regions: field.many(UNESCO_REGIONS),
  incomeGroups: field.many(INCOME_GROUPS),
  rate: wholeNumber(1, 5000),
  batchSize: wholeNumber(1, 1000),
});
const sendBody = z.object({ at: field.optionalDateTime() });


const audienceOf = (d: z.infer<typeof audienceBody>): Audience => ({
  ...(d.topics.length ? { topics: d.topics } : {}),
  ...(d.locales.length ? { locales: d.locales } : {}),
  ...(d.membership !== 'any' ? { membership: d.membership } : {}),
  ...(d.meetingId ? { meetingId: d.meetingId } : {}),
  ...(d.workingGroupSlug ? { workingGroupSlug: d.workingGroupSlug } : {}),
  ...(d.regions.length ? { regions: d.regions } : {}),
  ...(d.incomeGroups.length ? { incomeGroups: d.incomeGroups } : {}),
});

const ISSUE_NOTICES = /^(saved|tested|scheduled|unscheduled|audience|image|not-editable|no-default-version|empty-audience|bad-image)$/;

/** The Secretariat's newsletter: issues, their audience, previews, test copies, sending and its progress. */
export const issueRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const files = fileStore(db, config);

  async function issuesPage(req: FastifyRequest, reply: FastifyReply, forms: { form?: FormState; settingsForm?: FormState } = {}) {
    const [rows, settings] = await Promise.all([listIssues(db, req.actor), newsletterSettings(db)]);
    const n = (req.query as Record<string, unknown>).notice;
    const settingsForm = forms.settingsForm ?? { values: { hardBounceLimit: String(settings.hardBounceLimit), rate: String(settings.rate), batchSize: String(settings.batchSize) }, errors: [] };
    return reply.render((c) => <IssuesPage c={c} rows={rows} form={forms.form} settingsForm={settingsForm} notice={n === 'settings' ? n : undefined} />, forms.form || forms.settingsForm ? 422 : 200);
  }

  app.get('/admin/newsletter', (req, reply) => issuesPage(req, reply));

  app.post('/admin/newsletter', async (req, reply) => {
    requireIssueAccess(req.actor);
    const v = validate(slugBody, req.body);
    if (!v.ok) return issuesPage(req, reply, { form: v.state });
    const r = await createIssue(db, req.actor, v.data);
    if (!r.ok) return issuesPage(req, reply, { form: formError(req.body, 'slug', 'newsletter.errors.slugTaken') });
    return reply.redirect(`/${req.locale}/admin/newsletter/${r.id}`, 303);
  });

  app.post('/admin/newsletter/settings', async (req, reply) => {
    requireIssueAccess(req.actor);
    const v = validate(settingsBody, req.body);
    if (!v.ok) return issuesPage(req, reply, { settingsForm: v.state });
    await saveNewsletterSettings(db, req.actor, v.data);
    return reply.redirect(`/${req.locale}/admin/newsletter?notice=settings`, 303);
  });

  async function issueOf(req: FastifyRequest): Promise<IssueRow | null> {
    return getIssue(db, req.actor, String((req.params as Record<string, string>).id ?? ''));
  }

  async function issuePage(req: FastifyRequest, reply: FastifyReply, issue: IssueRow, forms: Partial<Pick<IssuePageData, 'versionForm' | 'audienceForm' | 'sendForm'>> = {}) {
    const [count, meetingRows, groups, progress] = await Promise.all([
      audienceCount(db, issue.audience),
      listMeetings(db),
      listWorkingGroups(db),
      issue.status === 'draft' || issue.status === 'scheduled' ? undefined : progressOf(db, issue),
    ]);
    const q = req.query as Record<string, unknown>;
    const notice = noticeFrom(q, ISSUE_NOTICES);
    const image = typeof q.image === 'string' && /^[0-9a-f]{32}$/.test(q.image) ? `${config.baseUrl}/${req.locale}/newsletter/images/${q.image}` : undefined;
    const text = (v: Parameters<typeof localize>[0], original: string) => localize(v, req.locale, isLocale(original) ? original : 'en').text;
    const d: IssuePageData = {
      issue,
      count,
      meetings: meetingRows.map((m) => ({ id: m.id, title: text(m.title, m.originalLocale) })),
      workingGroups: groups.map((g) => ({ slug: g.slug, name: text(g.name, g.originalLocale) })),
      progress,
      notice,
      image,
      ...forms,
    };
    return reply.render((c) => <IssuePage c={c} d={d} />, Object.keys(forms).length ? 422 : 200);
  }

  app.get('/admin/newsletter/:id', async (req, reply) => {
    const issue = await issueOf(req);
    return issue ? issuePage(req, reply, issue) : reply.callNotFound();
  });

  const back = (req: FastifyRequest, issue: IssueRow, notice: string, extra = '') => `/${req.locale}/admin/newsletter/${issue.id}?notice=${notice}${extra}`;

  app.post('/admin/newsletter/:id/version', async (req, reply) => {
    const issue = await issueOf(req);
    if (!issue) return reply.callNotFound();
    const v = validate(versionBody, req.body);
    if (!v.ok) return issuePage(req, reply, issue, { versionForm: v.state });
    const ok = await saveVersion(db, req.actor, issue, req.locale, v.data.subject ? v.data : null);
    return reply.redirect(back(req, issue, ok ? 'saved' : 'not-editable'), 303);
  });

  app.post('/admin/newsletter/:id/image', async (req, reply) => {
    const issue = await issueOf(req);
    if (!issue) return reply.callNotFound();
    const file = (req.body as Record<string, unknown> | undefined)?.image;
    const mime = isUploadedFile(file) && !file.truncated ? await detectMime(file.data) : undefined;
    if (!isUploadedFile(file) || !mime || !/^image\/(png|jpeg|gif|webp)$/.test(mime)) return reply.redirect(back(req, issue, 'bad-image'), 303);
    const key = await files.put(file.data);
    return reply.redirect(back(req, issue, 'image', `&image=${key}`), 303);
  });

  app.post('/admin/newsletter/:id/audience', async (req, reply) => {
    const issue = await issueOf(req);
    if (!issue) return reply.callNotFound();
    const v = validate(audienceBody, req.body);
    if (!v.ok) return issuePage(req, reply, issue, { audienceForm: v.state });
    const ok = await saveAudience(db, req.actor, issue, audienceOf(v.data), { rate: v.data.rate, batchSize: v.data.batchSize });
    return reply.redirect(back(req, issue, ok ? 'audience' : 'not-editable'), 303);
  });

  app.post('/admin/newsletter/:id/test', async (req, reply) => {
    const issue = await issueOf(req);
    if (!issue) return reply.callNotFound();
    return reply.redirect(back(req, issue, await sendTestCopy(db, req.actor, issue, req.locale, config.baseUrl)), 303);
  });

  app.post('/admin/newsletter/:id/send', async (req, reply) => {
    const issue = await issueOf(req);
    if (!issue) return reply.callNotFound();
    const v = validate(sendBody, req.body);
    const at = v.ok && v.data.at ? fromLocal(v.data.at, (await getSiteSettings(db)).timeZone) : v.ok ? new Date() : null;
    if (!at) return issuePage(req, reply, issue, { sendForm: v.ok ? formError(req.body, 'at', 'form.errors.dateTime') : v.state });
    // Blank, or a time already past: sending starts now, and the next page says so.
    const now = at.getTime() <= Date.now();
    const r = now ? await sendIssueNow(db, req.actor, issue) : await scheduleIssue(db, req.actor, issue, at);
    if (!r.ok) return reply.redirect(back(req, issue, r.reason), 303);
    return reply.redirect(`/${req.locale}/admin/newsletter/${issue.id}/progress?notice=${now ? 'sending' : 'scheduled'}`, 303);
  });

  for (const action of ['unschedule', 'pause', 'resume', 'cancel'] as const) {
    app.post(`/admin/newsletter/:id/${action}`, async (req, reply) => {
      const issue = await issueOf(req);
      if (!issue) return reply.callNotFound();
      await changeSending(db, req.actor, issue, action);
      return reply.redirect(action === 'unschedule' ? back(req, issue, 'unscheduled') : `/${req.locale}/admin/newsletter/${issue.id}/progress?notice=${action}`, 303);
    });
  }

  app.get('/admin/newsletter/:id/progress', async (req, reply) => {
    const issue = await issueOf(req);
    if (!issue) return reply.callNotFound();
    const progress = await progressOf(db, issue);
    reply.header('cache-control', 'no-store');
    return reply.render((c) => <ProgressPage c={c} issue={issue} progress={progress} notice={noticeFrom(req.query, /^(scheduled|sending|pause|resume|cancel)$/)} />);
  });

  app.get('/admin/newsletter/:id/progress.json', async (req, reply) => {
    const issue = await issueOf(req);
    if (!issue) return reply.callNotFound();
    const progress = await progressOf(db, issue);
    return reply.header('cache-control', 'no-store').send({ status: issue.status, statusLabel: statusLabel(req.t, req.locale, issue, progress), ...progress, etaLabel: progress.etaSeconds === null ? '—' : req.t('newsletter.progress.seconds', { n: progress.etaSeconds }) });
  });

  app.get('/admin/newsletter/:id/preview', async (req, reply) => {
    const issue = await issueOf(req);
    if (!issue) return reply.callNotFound();
    const lang = (req.query as Record<string, unknown>).lang;
    const found = versionFor(issue.versions, isLocale(lang) ? lang : req.locale, issue.defaultLocale);
    if (!found) return reply.redirect(back(req, issue, 'no-default-version'), 303);
    return reply.render((c) => <ArchiveIssuePage c={c} issue={issue} version={found.version} lang={found.locale} preview />);
  });

  /** The e-mail exactly as sent, as its own document: mail clients need inline styles, so this page allows them (and nothing else). */
  app.get('/admin/newsletter/:id/email', async (req, reply) => {
    const issue = await issueOf(req);
    if (!issue) return reply.callNotFound();
    const lang = (req.query as Record<string, unknown>).lang;
    const r = await issueMailFor(db, issue, isLocale(lang) ? lang : req.locale, config.baseUrl);
    if (!r) return reply.redirect(back(req, issue, 'no-default-version'), 303);
    const m = personalize(r, { preferences: '#', unsubscribe: '#' });
    return reply
      .header('content-security-policy', "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'")
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(m.html);
  });
};
