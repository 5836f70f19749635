import { z } from 'zod';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { field } from '../forms/fields.js';
import { emptyForm, validate, type FormState } from '../forms/validate.js';
import { LOCALES, isLocale } from '../i18n/locales.js';
import { noticeFrom } from '../http/notice.js';
import { platformPolicy } from '../policy.js';
import { translatableKinds } from '../catalog.js';
import type { NavEntry } from '../module.js';
import { TRANSLATIONS_PAGE_SIZE, TRANSLATION_STATES, fieldsOf, translationOverview, translationTask, type TranslationTask } from './service.js';
import { TranslatePage, TranslationsPage } from './views.js';

export const translationsNav: NavEntry[] = [{ label: 'translations.title', href: '/admin/translations', area: 'admin', visible: platformPolicy.translate, order: 72 }];

const listQuery = z.object({
  language: field.optionalChoice(LOCALES).catch(undefined),
  kind: z.string().max(40).optional().catch(undefined),
  state: field.optionalChoice(TRANSLATION_STATES).catch(undefined),
  page: field.page(),
});

/** The translation screen: one list of every text to translate, and each item side by side with its translation. */
export const translationRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get('/admin/translations', async (req, reply) => {
    const f = listQuery.parse(req.query);
    const kinds = translatableKinds();
    const kind = kinds.some((k) => k.kind === f.kind) ? f.kind : undefined;
    const { rows, total, counts } = await translationOverview(db, req.actor, kinds, { locale: f.language, kind, state: f.state, page: f.page });
    const query = { language: f.language, kind, state: f.state };
    return reply.render((c) => <TranslationsPage c={c} rows={rows} total={total} page={f.page} pageSize={TRANSLATIONS_PAGE_SIZE} counts={counts} kinds={kinds} query={query} notice={noticeFrom(req.query, /^saved$/)} />);
  });

  async function taskOf(req: FastifyRequest): Promise<TranslationTask | null> {
    const p = req.params as Record<string, string>;
    const kind = translatableKinds().find((k) => k.kind === p.kind);
    if (!kind || !isLocale(p.language) || !p.id || p.id.length > 200) return null;
    return translationTask(db, req.actor, kind, p.id, p.language);
  }

  const show = (reply: FastifyReply, task: TranslationTask, form?: FormState, preview = false) =>
    reply.render((c) => <TranslatePage c={c} task={task} form={form} preview={preview} />, form && !preview ? 422 : 200);

  app.get('/admin/translations/:kind/:id/:language', async (req, reply) => {
    const task = await taskOf(req);
    return task ? show(reply, task) : reply.callNotFound();
  });

  app.post('/admin/translations/:kind/:id/:language', async (req, reply) => {
    const task = await taskOf(req);
    if (!task || task.locale === task.item.original) return reply.callNotFound();
    const schema = z.object(Object.fromEntries(fieldsOf(task.kind, task.item).map((f) => [f.name, field.optionalText({ max: f.max })])));
    const v = validate(schema, req.body);
    if (!v.ok) return show(reply, task, v.state);
    const texts = v.data as Record<string, string | undefined>;
    if ((req.body as Record<string, unknown>)._action === 'preview') return show(reply, task, emptyForm(texts), true);
    // Only the fields the form showed (those with an original) are written.
    const shown = Object.fromEntries(fieldsOf(task.kind, task.item).filter((f) => task.item.texts[f.name]?.[task.item.original]?.trim()).map((f) => [f.name, texts[f.name]]));
    await task.kind.save(db, req.actor, task.item.id, task.locale, shown);
    const back = platformPolicy.translate(req.actor) ? `/${req.locale}/admin/translations?language=${task.locale}&notice=saved` : `/${req.locale}/admin/translations/${task.kind.kind}/${encodeURIComponent(task.item.id)}/${task.locale}`;
    return reply.redirect(back, 303);
  });
};
