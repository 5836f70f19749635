import { z } from 'zod';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { noticeFrom } from '../../platform/http/notice.js';
import { routeParam as param } from '../../platform/http/params.js';
import { emptyForm, formError, validate, type FormState } from '../../platform/forms/validate.js';
import { fromLocal, toLocal } from '../../platform/forms/datetime.js';
import { safeNext } from '../../platform/auth/service.js';
import {
  commentBody,
  commentCounts,
  commentsOn,
  consultationFigures,
  consultationPolicy,
  flagComment,
  getConsultation,
  getConsultationTarget,
  holdsLink,
  invitationKey,
  isOpen,
  listConsultations,
  moderateComment,
  moderationBody,
  moderationQueue,
  MODERATION_ACTIONS,
  openConsultation,
  requireAdministrator,
  requireOpener,
  requireParticipant,
  postComment,
  profileBody,
  publishedComment,
  profileOf,
  questionsFor,
  readingOf,
  sectionsOf,
  saveProfile,
  saveSettings,
  settingsBody,
  takePart,
  takePartBody,
  type ConsultationPage as Page,
  type SettingsInput,
} from './service.js';
import { sendSectionsByEmail } from './by-email.js';
import { answerRoutes } from './answer-routes.js';
import { outcomeRoutes } from './outcome-routes.js';
import { inviteAudience, inviteBody, inviteChoices, invitationPreview } from './invitations.js';
import { ByEmailPage, CodeOfConductPage, FlagPage, InvitePage, CommentsPage, ConsultationPage, ConsultationsPage, FiguresPage, figureCharts, ModerationPage, ProfilePage, SectionPage, SettingsPage, TakePartPage, type CommentingState } from './views.js';
import type { IdentifiedBlock } from '../../platform/documents/blocks.js';
import type { PageContext } from '../../platform/http/page.js';

/** A consultation's description: its summary in the reader's language, else the first paragraph of the text it is held on. */
const consultationDescription = (page: Page) => (c: PageContext) =>
  c.text(page.consultation.summary, page.consultation.originalLocale).text || page.text.blocks.find((b) => b.kind === 'paragraph')?.markdown;

/** The cookie that remembers an invitation link was followed (its key), per consultation. */
const linkCookie = (id: string) => `consultation-${id.slice(0, 8)}`;

export const consultationRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const secure = config.baseUrl.startsWith('https://');

  async function pageOf(req: FastifyRequest, reply: FastifyReply): Promise<Page | null> {
    const page = await getConsultation(db, param(req, 'slug'), req.actor, req.locale);
    if (!page) void reply.callNotFound();
    return page;
  }
  const hasLink = (req: FastifyRequest, page: Page) => holdsLink(db, page.consultation.id, req.cookies[linkCookie(page.consultation.id)]);

  async function commenting(req: FastifyRequest, page: Page, now: Date): Promise<CommentingState> {
    const c = page.consultation;
    const link = await hasLink(req, page);
    const mayComment = consultationPolicy.comment(req.actor, c, now, link);
    const why = now < c.opensAt ? 'coming' : !isOpen(c, now) ? 'closed' : 'audience';
    return { mayComment, signedIn: !!req.actor, hasProfile: !!(await profileOf(db, req.actor)), moderator: consultationPolicy.moderate(req.actor, c), why: mayComment ? undefined : why };
  }

  // ——— Reading ———

  app.get('/consultations', { config: { publicPage: true } }, async (_req, reply) => {
    const list = await listConsultations(db);
    return reply.render((c) => <ConsultationsPage c={c} list={list} now={new Date()} />, { description: (c) => c.t('consultations.intro') });
  });

  app.get('/consultations/code-of-conduct', { config: { publicPage: true } }, async (_req, reply) => reply.render((c) => <CodeOfConductPage c={c} />));

  app.get('/consultations/:slug', { config: { publicPage: true } }, async (req, reply) => {
    const page = await pageOf(req, reply);
    if (!page) return reply;
    const counts = await commentCounts(db, page.consultation.id);
    return reply.render((c) => <ConsultationPage c={c} page={page} counts={counts} now={new Date()} runs={consultationPolicy.administer(req.actor, page.consultation)} />, { description: consultationDescription(page) });
  });

  /** A section of the report on a page of its own (how a long report is read; any report's section can be linked to). */
  app.get('/consultations/:slug/s/:section', { config: { publicPage: true } }, async (req, reply) => {
    const page = await pageOf(req, reply);
    if (!page) return reply;
    const reading = readingOf(page.text);
    const at = reading.sections.findIndex((s) => s.id === param(req, 'section'));
    if (at < 0) return reply.callNotFound();
    const counts = await commentCounts(db, page.consultation.id);
    return reply.render((c) => <SectionPage c={c} page={page} reading={reading} at={at} counts={counts} now={new Date()} />);
  });

  /** A long report on one page, for printing or searching it whole (a report short enough is on one page already). */
  app.get('/consultations/:slug/whole', { config: { publicPage: true } }, async (req, reply) => {
    const page = await pageOf(req, reply);
    if (!page) return reply;
    if (!readingOf(page.text).split) return reply.redirect(`/${req.locale}/consultations/${page.consultation.slug}`, 301);
    const counts = await commentCounts(db, page.consultation.id);
    return reply.render((c) => <ConsultationPage c={c} page={page} counts={counts} now={new Date()} runs={consultationPolicy.administer(req.actor, page.consultation)} whole />, { description: consultationDescription(page) });
  });

  /** The invitation link: remembered in a cookie for this consultation, then the consultation. */
  app.get('/consultations/:slug/invited/:key', async (req, reply) => {
    const page = await pageOf(req, reply);
    if (!page) return reply;
    const key = param(req, 'key');
    if (!(await holdsLink(db, page.consultation.id, key))) return reply.callNotFound();
    reply.setCookie(linkCookie(page.consultation.id), key, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 180 * 24 * 3600 });
    return reply.redirect(`/${req.locale}/consultations/${page.consultation.slug}`, 303);
  });

  app.get('/consultations/:slug/figures', { config: { publicPage: true } }, async (req, reply) => {
    const page = await pageOf(req, reply);
    if (!page) return reply;
    const figures = await consultationFigures(db, page);
    const charts = await figureCharts({ locale: req.locale, t: req.t }, figures);
    return reply.render((c) => <FiguresPage c={c} page={page} figures={figures} charts={charts} now={new Date()} />);
  });

  // ——— A paragraph's comments, and the whole report's ———

  const blockOf = (page: Page, req: FastifyRequest): IdentifiedBlock | null | undefined => {
    const id = param(req, 'block');
    return id ? page.text.blocks.find((b) => b.id === id) : null;
  };

  async function showComments(req: FastifyRequest, reply: FastifyReply, page: Page, block: IdentifiedBlock | null, form?: FormState, notice?: string) {
    const now = new Date();
    const q = req.query as Record<string, unknown>;
    // The page of comments: a number, or "last" (where a new comment lands); a reply shown again goes back to its thread's page.
    const wanted = q.page === 'last' ? 0 : z.coerce.number().int().min(1).max(100_000).catch(1).parse(form?.values.page ?? q.page ?? 1);
    const [comments, state] = await Promise.all([commentsOn(db, req.actor, page, block?.id ?? null, wanted), commenting(req, page, now)]);
    const replyTo = typeof q.reply === 'string' ? comments.comments.find((x) => x.id === q.reply && x.state === 'published') : undefined;
    // A passage chosen with the selection script arrives in the address: it fills the form's quote.
    const quoted = z.object({ exact: z.string().min(1).max(2000), prefix: z.string().max(200).default(''), suffix: z.string().max(200).default('') }).safeParse(q);
    const start = form ?? emptyForm(quoted.success && block?.text.includes(quoted.data.exact) ? quoted.data : {});
    const shown = notice ?? noticeFrom(req.query, /^(posted|waiting|flagged|closed|audience|profile|limit|gone)$/);
    return reply.render(
      (c) => <CommentsPage c={c} page={page} block={block} comments={comments} questions={questionsFor(page, block?.id ?? null)} state={state} form={start} replyTo={replyTo} notice={shown} />,
      form ? 422 : 200,
    );
  }

  for (const path of ['/consultations/:slug/p/:block', '/consultations/:slug/general']) {
    app.get(path, async (req, reply) => {
      const page = await pageOf(req, reply);
      if (!page) return reply;
      const block = blockOf(page, req);
      return block === undefined ? reply.callNotFound() : showComments(req, reply, page, block);
    });

    app.post(path, async (req, reply) => {
      const page = await pageOf(req, reply);
      if (!page) return reply;
      const block = blockOf(page, req);
      if (block === undefined) return reply.callNotFound();
      requireParticipant(req.actor);
      const v = validate(commentBody, req.body);
      if (!v.ok) return showComments(req, reply, page, block, v.state);
      const r = await postComment(db, req.actor, page, block?.id ?? null, v.data, { hasLink: await hasLink(req, page) });
      if (!r.ok) return showComments(req, reply, page, block, emptyForm(req.body as Record<string, unknown>), r.reason);
      const here = `/${req.locale}/consultations/${page.consultation.slug}/${block ? `p/${block.id}` : 'general'}`;
      // A new comment is the newest: on the last page; a reply, on its thread's page.
      const onPage = v.data.parentId ? z.coerce.number().int().min(1).max(100_000).catch(1).parse((req.body as Record<string, unknown>).page) : 'last';
      return reply.redirect(`${here}?page=${onPage}&notice=${r.state === 'pending' ? 'waiting' : 'posted'}#c-${r.id}`, 303);
    });
  }

  /** Reporting a comment to the moderators: a page of its own (one form, not one on every comment), then back to where the comment is. */
  app.get('/consultations/:slug/comments/:id/flag', async (req, reply) => {
    const page = await pageOf(req, reply);
    if (!page) return reply;
    const id = z.uuid().safeParse(param(req, 'id'));
    const comment = id.success ? await publishedComment(db, req.actor, page, id.data) : (requireParticipant(req.actor), null);
    if (!comment) return reply.callNotFound();
    return reply.render((c) => <FlagPage c={c} page={page} comment={comment} />);
  });

  app.post('/consultations/:slug/comments/:id/flag', async (req, reply) => {
    const page = await pageOf(req, reply);
    if (!page) return reply;
    const id = z.uuid().safeParse(param(req, 'id'));
    const comment = id.success ? await publishedComment(db, req.actor, page, id.data) : (requireParticipant(req.actor), null);
    const done = comment && (await flagComment(db, req.actor, page, comment.id, String((req.body as Record<string, unknown> | undefined)?.reason ?? '')));
    if (!comment || !done) return reply.callNotFound();
    const where = comment.blockId ? `p/${comment.blockId}` : 'general';
    return reply.redirect(`/${req.locale}/consultations/${page.consultation.slug}/${where}?notice=flagged`, 303);
  });

  // ——— The report by e-mail, section by section ———

  async function showByEmail(req: FastifyRequest, reply: FastifyReply, page: Page) {
    const state = await commenting(req, page, new Date());
    const notice = noticeFrom(req.query, /^(sent|already|closed|audience|profile)$/);
    return reply.render((c) => <ByEmailPage c={c} page={page} state={state} notice={notice} sections={sectionsOf(page.version.blocks, page.version.title).length} />);
  }

  app.get('/consultations/:slug/by-email', async (req, reply) => {
    const page = await pageOf(req, reply);
    return page ? showByEmail(req, reply, page) : reply;
  });

  app.post('/consultations/:slug/by-email', async (req, reply) => {
    const page = await pageOf(req, reply);
    if (!page) return reply;
    const r = await sendSectionsByEmail(db, req.actor, page, { hasLink: await hasLink(req, page), locale: req.locale, config });
    return reply.redirect(`/${req.locale}/consultations/${page.consultation.slug}/by-email?notice=${r}`, 303);
  });

  // ——— The commenter's profile; taking part without an account ———

  const nextOf = (req: FastifyRequest) => safeNext((req.query as Record<string, unknown>).next) || `/${req.locale}/consultations`;

  app.get('/consultations/profile', async (req, reply) => {
    if (!req.actor) return reply.redirect(`/${req.locale}/consultations/take-part?next=${encodeURIComponent(nextOf(req))}`, 303);
    const profile = await profileOf(db, req.actor);
    return reply.render((c) => <ProfilePage c={c} form={emptyForm(profile ? { ...profile, outcomeMail: profile.outcomeMail ? 'yes' : '' } : { onBehalf: 'self', display: 'name', outcomeMail: 'yes' })} next={nextOf(req)} />);
  });

  app.post('/consultations/profile', async (req, reply) => {
    requireParticipant(req.actor);
    const v = validate(profileBody, req.body);
    if (!v.ok) return reply.render((c) => <ProfilePage c={c} form={v.state} next={nextOf(req)} />, 422);
    await saveProfile(db, req.actor, v.data);
    return reply.redirect(nextOf(req), 303);
  });

  app.get('/consultations/take-part', async (req, reply) => {
    const sent = (req.query as Record<string, unknown>).notice === 'sent';
    return reply.render((c) => <TakePartPage c={c} form={emptyForm()} next={nextOf(req)} sent={sent} />);
  });

  app.post('/consultations/take-part', async (req, reply) => {
    const v = validate(takePartBody, req.body);
    if (!v.ok) return reply.render((c) => <TakePartPage c={c} form={v.state} next={nextOf(req)} />, 422);
    await takePart(db, v.data, { locale: req.locale, next: nextOf(req), onceKey: (req.body as Record<string, unknown>)._once });
    return reply.redirect(`/${req.locale}/consultations/take-part?notice=sent`, 303);
  });

  // ——— Opening, settings and moderation (the group's chairs and the Secretariat) ———

  const settingsOf = (data: z.output<typeof settingsBody>, headings: IdentifiedBlock[]): SettingsInput | null => {
    const opensAt = fromLocal(data.opensAt, 'UTC');
    const closesAt = fromLocal(data.closesAt, 'UTC');
    if (!opensAt || !closesAt) return null;
    const lines = (name: string) => String((data as Record<string, unknown>)[name] ?? '');
    return { opensAt, closesAt, audience: data.audience, moderation: data.moderation, summary: data.summary, questions: [{ blockId: null, lines: lines('questions') }, ...headings.map((h) => ({ blockId: h.id, lines: lines(`q_${h.id}`) }))] };
  };
  // The sections guiding questions can be put on: the report's headings but its title.
  const headingsOf = (blocks: IdentifiedBlock[]) => blocks.filter((b, i) => b.kind === 'heading' && (b.level ?? 1) <= 3 && !(i === 0 && b.level === 1));

  const versionToOpen = (req: FastifyRequest) => getConsultationTarget(db, req.actor, param(req, 'group'), param(req, 'report'), Number(param(req, 'number')) || 0);

  app.get('/consultations/new/:group/:report/:number', async (req, reply) => {
    const held = await versionToOpen(req);
    if (!held) return reply.callNotFound();
    const now = new Date();
    const initial = emptyForm({ opensAt: toLocal(now, 'UTC'), closesAt: toLocal(new Date(now.getTime() + 30 * 86_400_000), 'UTC'), audience: 'public', moderation: 'post' });
    requireOpener(req.actor, held.group.id);
    return reply.render((c) => <SettingsPage c={c} title={c.t('consultations.settings.openTitle', { title: held.version.title })} action={req.url.replace(/^\/[a-z]{2}/, '')} back={`/working-groups/${held.group.slug}/reports/${held.report.slug}`} headings={headingsOf(held.version.blocks)} form={initial} originalLocale={held.report.originalLocale} />);
  });

  app.post('/consultations/new/:group/:report/:number', async (req, reply) => {
    const held = await versionToOpen(req);
    if (!held) return reply.callNotFound();
    requireOpener(req.actor, held.group.id);
    const show = (form: FormState) => reply.render((c) => <SettingsPage c={c} title={c.t('consultations.settings.openTitle', { title: held.version.title })} action={req.url.replace(/^\/[a-z]{2}/, '')} back={`/working-groups/${held.group.slug}/reports/${held.report.slug}`} headings={headingsOf(held.version.blocks)} form={form} originalLocale={held.report.originalLocale} />, 422);
    const v = validate(settingsBody, req.body);
    if (!v.ok) return show(v.state);
    const input = settingsOf(v.data, headingsOf(held.version.blocks));
    if (!input) return show(formError(req.body, 'opensAt', 'form.errors.dateTime'));
    const r = await openConsultation(db, req.actor, held, input, req.locale);
    if (!r.ok) return show(formError(req.body, r.field, r.message));
    return reply.redirect(`/${req.locale}/consultations/${r.slug}`, 303);
  });

  async function showSettings(req: FastifyRequest, reply: FastifyReply, page: Page, form?: FormState) {
    const key = await invitationKey(db, req.actor, page);
    const c0 = page.consultation;
    const lines = (blockId: string | null) => c0.questions.filter((q) => q.blockId === blockId).map((q) => q.text[req.locale] ?? Object.values(q.text)[0] ?? '').join('\n');
    const values: Record<string, string> = { opensAt: toLocal(c0.opensAt, 'UTC'), closesAt: toLocal(c0.closesAt, 'UTC'), audience: c0.audience, moderation: c0.moderation, summary: c0.summary[req.locale] ?? '', questions: lines(null) };
    for (const h of headingsOf(page.version.blocks)) values[`q_${h.id}`] = lines(h.id);
    const link = `${config.baseUrl}/${req.locale}/consultations/${c0.slug}/invited/${key}`;
    return reply.render(
      (c) => <SettingsPage c={c} title={c.t('consultations.settings.title', { title: page.version.title })} action={`/consultations/${c0.slug}/settings`} back={`/consultations/${c0.slug}`} headings={headingsOf(page.version.blocks)} form={form ?? emptyForm(values)} link={link} originalLocale={page.report.originalLocale} moderateHref={`/consultations/${c0.slug}/moderate`} inviteHref={consultationPolicy.invite(req.actor, c0) ? `/consultations/${c0.slug}/invite` : undefined} />,
      form ? 422 : 200,
    );
  }

  app.get('/consultations/:slug/settings', async (req, reply) => {
    const page = await pageOf(req, reply);
    return page ? showSettings(req, reply, page) : reply;
  });

  app.post('/consultations/:slug/settings', async (req, reply) => {
    const page = await pageOf(req, reply);
    if (!page) return reply;
    requireAdministrator(req.actor, page);
    const v = validate(settingsBody, req.body);
    if (!v.ok) return showSettings(req, reply, page, v.state);
    const input = settingsOf(v.data, headingsOf(page.version.blocks));
    if (!input) return showSettings(req, reply, page, formError(req.body, 'opensAt', 'form.errors.dateTime'));
    const r = await saveSettings(db, req.actor, page, input, req.locale);
    if (!r.ok) return showSettings(req, reply, page, formError(req.body, r.field, r.message));
    return reply.redirect(`/${req.locale}/consultations/${page.consultation.slug}/settings?notice=saved`, 303);
  });

  // ——— Invitations (the Secretariat) ———

  async function showInvite(req: FastifyRequest, reply: FastifyReply, page: Page, form: FormState, preview?: { reach: number; already: number }) {
    const choices = await inviteChoices(db, req.actor, page, req.locale);
    const notice = noticeFrom(req.query, /^\d+$/);
    return reply.render((c) => <InvitePage c={c} page={page} choices={choices} form={form} preview={preview} notice={notice} />);
  }

  app.get('/consultations/:slug/invite', async (req, reply) => {
    const page = await pageOf(req, reply);
    return page ? showInvite(req, reply, page, emptyForm()) : reply;
  });

  app.post('/consultations/:slug/invite', async (req, reply) => {
    const page = await pageOf(req, reply);
    if (!page) return reply;
    const v = validate(inviteBody, req.body);
    if (!v.ok) return showInvite(req, reply, page, v.state);
    if (v.data.step === 'preview') return showInvite(req, reply, page, emptyForm(req.body as Record<string, unknown>), await invitationPreview(db, req.actor, page, v.data));
    const n = await inviteAudience(db, req.actor, page, v.data, config);
    return reply.redirect(`/${req.locale}/consultations/${page.consultation.slug}/invite?notice=${n}`, 303);
  });

  answerRoutes(app, db, config, pageOf);
  outcomeRoutes(app, db, config, pageOf);

  app.get('/consultations/:slug/moderate', async (req, reply) => {
    const page = await pageOf(req, reply);
    if (!page) return reply;
    const queue = await moderationQueue(db, req.actor, page);
    const notice = noticeFrom(req.query, /^(approve|hide|restore|keep|reason|gone)$/);
    return reply.render((c) => <ModerationPage c={c} page={page} queue={queue} notice={notice} />);
  });

  app.post('/consultations/:slug/comments/:id/:action', async (req, reply) => {
    const page = await pageOf(req, reply);
    if (!page) return reply;
    const id = z.uuid().safeParse(param(req, 'id'));
    const action = MODERATION_ACTIONS.find((a) => a === param(req, 'action'));
    if (!id.success || !action) return reply.callNotFound();
    const v = validate(moderationBody, req.body);
    const r = await moderateComment(db, req.actor, page, id.data, action, v.ok ? v.data.reason : undefined);
    return reply.redirect(`/${req.locale}/consultations/${page.consultation.slug}/moderate?notice=${r === 'done' ? action : r}`, 303);
  });
};
