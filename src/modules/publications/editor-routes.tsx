import { z } from 'zod';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { field } from '../../platform/forms/fields.js';
import { emptyForm, formError, validate, type FormState } from '../../platform/forms/validate.js';
import { noticeFrom } from '../../platform/http/notice.js';
import { isLocale, type Locale } from '../../platform/i18n/locales.js';
import { fileStore } from '../../platform/files/storage.js';
import {
  ACTIONS,
  STATES,
  addTranslation,
  callBody,
  callsForEditors,
  createCall,
  doiPanel,
  editorialDesk,
  editorialItem,
  inviteBody,
  inviteReviewer,
  isRepeat,
  onceOnly,
  itemForEditor,
  metaBody,
  publishNewVersion,
  saveTags,
  saveTexts,
  saveWorkingCopy,
  tagsBody,
  tagsForm,
  seriesForEditor,
  takeStep,
  textsMode,
  translationBody,
  workingCopyBody,
  type Action,
  type ItemView,
} from './service.js';
import { TagsPage, tagValues } from './provenance-views.js';
import { CallsPage, ItemPage, NewCallPage, QueuePage, TextsPage, TranslationPage, VersionPage, type ItemForm } from './editor-views.js';
import { downloadHeaders } from '../../platform/http/exports.js';

const queueQuery = z.object({
  state: field.optionalChoice(STATES).catch(undefined),
  reviews: z.literal('in').optional().catch(undefined),
});
const stepBody = z.object({ note: z.string().max(4000, { message: 'form.errors.tooLong' }).optional() });
const versionBody = workingCopyBody.extend({ note: z.string().max(2000, { message: 'form.errors.tooLong' }).optional() });
const newCallBody = z.intersection(
  z.object({
    series: z.string({ message: 'form.errors.choose' }).min(1, { message: 'form.errors.choose' }),
    slug: field.slug('publications.editor.errors.slug').refine((s) => !!s, { message: 'form.errors.required' }),
  }),
  callBody,
);

/** The steps' names in addresses and notices: desk-check → desk_check (as the locale keys have them). */
const word = (a: Action) => a.replaceAll('-', '_');
const NOTICES = new RegExp(`^(saved|tagged|invited|version|translated|repeat|(done|refused)-(${ACTIONS.map(word).join('|')}))$`);

/** The language a form edits: the one asked for (?language=, or the form's own field), else `fallback`. */
const languageOf = (from: unknown, fallback: Locale): Locale => {
  const v = (from as Record<string, unknown> | undefined)?.language;
  return isLocale(v) ? v : fallback;
};
const onceOf = (req: FastifyRequest) => (req.body as Record<string, unknown> | undefined)?._once;
const keyOf = (req: FastifyRequest) => String((req.params as Record<string, string>).key ?? '');
const keywordsText = (k: string[] | undefined) => (k ?? []).join(', ');
const authorsText = (item: ItemView) => item.authors.map((a) => (a.affiliation ? `${a.name} (${a.affiliation})` : a.name)).join('\n');

/** The describing texts of an item in one language, as a form's values. */
function textsValues(item: ItemView, language: Locale): Record<string, string> {
  const b = item.meta[language];
  return { title: b?.title ?? '', abstract: b?.abstract ?? '', summary: b?.summary ?? '', keywords: keywordsText(b?.keywords), recommendations: b?.recommendations ?? '' };
}
/** …and the working copy's other parts. */
const workingCopyValues = (item: ItemView, language: Locale) => ({ ...textsValues(item, language), authors: authorsText(item), body: item.body, audiences: item.audiences });

/**
 * The editors' pages (the Secretariat's area): the queue, one item with its texts, reviews, history
 * and steps, the forms for texts in each language, new versions and translations, and the calls for
 * briefs. Every service read refuses who edits no series (403, or sign-in for a visitor).
 */
export const editorRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const files = fileStore(db, config);
  const itemHref = (req: FastifyRequest, item: { number: string }, notice?: string) => `/${req.locale}/admin/publications/${item.number.toLowerCase()}${notice ? `?notice=${notice}` : ''}`;

  // ——— The queue ———

  app.get('/admin/publications', async (req, reply) => {
    const q = queueQuery.parse(req.query ?? {});
    const reviewsIn = q.reviews === 'in';
    const desk = await editorialDesk(db, req.actor, { state: reviewsIn ? 'in_review' : q.state, reviewsIn }, req.locale);
    return reply.render((c) => <QueuePage c={c} desk={desk} state={reviewsIn ? 'in_review' : q.state} reviewsIn={reviewsIn} />);
  });

  // ——— Calls for briefs ———

  app.get('/admin/publications/calls', async (req, reply) => {
    const calls = await callsForEditors(db, req.actor);
    return reply.render((c) => <CallsPage c={c} calls={calls} now={new Date()} notice={noticeFrom(req.query, /^(created|repeat)$/)} />);
  });

  app.get('/admin/publications/calls/new', async (req, reply) => {
    const series = await seriesForEditor(db, req.actor);
    return reply.render((c) => <NewCallPage c={c} series={series} form={emptyForm({ series: series.length === 1 ? series[0]!.id : '' })} />);
  });

  app.post('/admin/publications/calls/new', async (req, reply) => {
    const series = await seriesForEditor(db, req.actor);
    const again = (form: FormState) => reply.render((c) => <NewCallPage c={c} series={series} form={form} />, 422);
    const v = validate(newCallBody, req.body);
    if (!v.ok) return again(v.state);
    const chosen = series.find((s) => s.id === v.data.series);
    if (!chosen) return again(formError(req.body, 'series', 'form.errors.choose'));
    const r = await onceOnly(db, onceOf(req), (tx) => createCall(tx, req.actor, chosen, { title: v.data.title, theme: v.data.theme, opensOn: v.data.opensOn, closesOn: v.data.closesOn, slug: v.data.slug! }, req.locale));
    if (isRepeat(r)) return reply.redirect(`/${req.locale}/admin/publications/calls?notice=repeat`, 303);
    if (!r.ok) return again(formError(req.body, r.field, r.message));
    return reply.redirect(`/${req.locale}/admin/publications/calls?notice=created`, 303);
  });

  // ——— One item ———

  async function showItem(req: FastifyRequest, reply: FastifyReply, form?: ItemForm) {
    const data = await editorialItem(db, req.actor, keyOf(req), req.locale);
    if (!data) return reply.callNotFound();
    const doi = await doiPanel(db, req.actor, data.item, config.doi);
    return reply.render((c) => <ItemPage c={c} data={data} doi={doi} form={form} notice={form ? undefined : noticeFrom(req.query, NOTICES)} />, form ? 422 : 200);
  }

  app.get('/admin/publications/:key', (req, reply) => showItem(req, reply));

  app.get('/admin/publications/:key/pdf', async (req, reply) => {
    const item = await itemForEditor(db, req.actor, keyOf(req));
    const bytes = item?.pdfKey ? await files.get(item.pdfKey) : null;
    if (!item || !bytes) return reply.callNotFound();
    return downloadHeaders(reply, { type: 'application/pdf', name: `${item.number}.pdf`, cache: 'private, no-store', inline: true }).send(bytes);
  });

  app.post('/admin/publications/:key/steps/:action', async (req, reply) => {
    const item = await itemForEditor(db, req.actor, keyOf(req));
    const action = String((req.params as Record<string, string>).action) as Action;
    if (!item || !ACTIONS.includes(action)) return reply.callNotFound();
    const scope = `step-${action}`;
    const v = validate(stepBody, req.body);
    if (!v.ok) return showItem(req, reply, { scope, state: v.state });
    const r = await onceOnly(db, onceOf(req), (tx) => takeStep(tx, req.actor, item.id, action, v.data.note ?? '', { baseUrl: config.baseUrl, doi: config.doi }));
    if (isRepeat(r)) return reply.redirect(itemHref(req, item, 'repeat'), 303);
    if (!r.ok && r.reason === 'note-required') return showItem(req, reply, { scope, state: formError(req.body, 'note', 'publications.editor.errors.noteRequired') });
    return reply.redirect(itemHref(req, item, `${r.ok ? 'done' : 'refused'}-${word(action)}`), 303);
  });

  app.post('/admin/publications/:key/reviewers', async (req, reply) => {
    const item = await itemForEditor(db, req.actor, keyOf(req));
    if (!item) return reply.callNotFound();
    const v = validate(inviteBody, req.body);
    if (!v.ok) return showItem(req, reply, { scope: 'invite', state: v.state });
    const r = await onceOnly(db, onceOf(req), (tx) => inviteReviewer(tx, req.actor, item.id, v.data, { baseUrl: config.baseUrl, locale: req.locale }));
    if (isRepeat(r)) return reply.redirect(itemHref(req, item, 'repeat'), 303);
    if (!r.ok) return showItem(req, reply, { scope: 'invite', state: formError(req.body, r.field, r.message) });
    return reply.redirect(itemHref(req, item, 'invited'), 303);
  });

  // ——— Texts in each language ———

  app.get('/admin/publications/:key/texts', async (req, reply) => {
    const item = await itemForEditor(db, req.actor, keyOf(req));
    if (!item) return reply.callNotFound();
    const language = languageOf(req.query, item.locale);
    const mode = textsMode(item, language);
    const values = mode === 'working-copy' ? workingCopyValues(item, language) : textsValues(item, language);
    return reply.render((c) => <TextsPage c={c} item={item} language={language} mode={mode} form={emptyForm(values)} />);
  });

  app.post('/admin/publications/:key/texts', async (req, reply) => {
    const item = await itemForEditor(db, req.actor, keyOf(req));
    if (!item) return reply.callNotFound();
    const language = languageOf(req.body, item.locale);
    const mode = textsMode(item, language);
    const again = (form: FormState) => reply.render((c) => <TextsPage c={c} item={item} language={language} mode={mode} form={form} />, 422);
    if (mode === 'working-copy') {
      const v = validate(workingCopyBody, req.body);
      if (!v.ok) return again(v.state);
      await saveWorkingCopy(db, req.actor, item.id, language, v.data);
    } else if (mode === 'texts') {
      const v = validate(metaBody, req.body);
      if (!v.ok) return again(v.state);
      const r = await saveTexts(db, req.actor, item.id, language, v.data);
      if (!r.ok) return reply.redirect(`/${req.locale}/admin/publications/${item.number.toLowerCase()}/texts?language=${language}`, 303);
    } else {
      // Nothing to save here (a published item's own language changes by a new version; a closed item not at all): the page says so.
      return reply.redirect(`/${req.locale}/admin/publications/${item.number.toLowerCase()}/texts?language=${language}`, 303);
    }
    return reply.redirect(itemHref(req, item, 'saved'), 303);
  });

  // ——— Tags (audiences, countries, SDG 4 targets) and, for a report, the sessions where it was discussed ———

  app.get('/admin/publications/:key/tags', async (req, reply) => {
    const item = await itemForEditor(db, req.actor, keyOf(req));
    if (!item) return reply.callNotFound();
    const data = await tagsForm(db, req.actor, item);
    return reply.render((c) => <TagsPage c={c} data={data} form={emptyForm(tagValues(item))} />);
  });

  app.post('/admin/publications/:key/tags', async (req, reply) => {
    const item = await itemForEditor(db, req.actor, keyOf(req));
    if (!item) return reply.callNotFound();
    const again = async (form: FormState) => {
      const data = await tagsForm(db, req.actor, item);
      return reply.render((c) => <TagsPage c={c} data={data} form={form} />, 422);
    };
    const v = validate(tagsBody, req.body);
    if (!v.ok) return again(v.state);
    const r = await saveTags(db, req.actor, item.id, v.data);
    if (!r.ok) return again(formError(req.body, r.field, r.message));
    return reply.redirect(itemHref(req, item, 'tagged'), 303);
  });

  // ——— New versions and translations of a published item ———

  const published = (item: ItemView | null): item is ItemView => !!item && item.state === 'published';

  app.get('/admin/publications/:key/versions/new', async (req, reply) => {
    const item = await itemForEditor(db, req.actor, keyOf(req));
    if (!published(item)) return reply.callNotFound();
    const language = languageOf(req.query, item.locale);
    return reply.render((c) => <VersionPage c={c} item={item} language={language} form={emptyForm({ ...workingCopyValues(item, language), note: '' })} />);
  });

  app.post('/admin/publications/:key/versions', async (req, reply) => {
    const item = await itemForEditor(db, req.actor, keyOf(req));
    if (!published(item)) return reply.callNotFound();
    const language = languageOf(req.body, item.locale);
    const again = (form: FormState) => reply.render((c) => <VersionPage c={c} item={item} language={language} form={form} />, 422);
    const v = validate(versionBody, req.body);
    if (!v.ok) return again(v.state);
    const r = await onceOnly(db, onceOf(req), (tx) => publishNewVersion(tx, req.actor, item.id, language, { ...v.data, note: v.data.note ?? '' }));
    if (isRepeat(r)) return reply.redirect(itemHref(req, item, 'repeat'), 303);
    if (!r.ok) return again(formError(req.body, r.field, r.message));
    return reply.redirect(itemHref(req, item, 'version'), 303);
  });

  const translatable = (item: ItemView | null): item is ItemView => published(item) && !item.translationOf;

  app.get('/admin/publications/:key/translations/new', async (req, reply) => {
    const data = await editorialItem(db, req.actor, keyOf(req), req.locale);
    if (!data || !translatable(data.item)) return reply.callNotFound();
    const taken = new Set([data.item.locale, ...data.translations.map((t) => t.locale)]);
    const asked = languageOf(req.query, data.item.locale);
    const language = taken.has(asked) ? undefined : asked;
    return reply.render((c) => <TranslationPage c={c} data={data} language={language} form={emptyForm({ locale: language ?? '', method: '' })} />);
  });

  app.post('/admin/publications/:key/translations', async (req, reply) => {
    const data = await editorialItem(db, req.actor, keyOf(req), req.locale);
    if (!data || !translatable(data.item)) return reply.callNotFound();
    const body = (req.body ?? {}) as Record<string, unknown>;
    const language = isLocale(body.locale) ? body.locale : undefined;
    const again = (form: FormState) => reply.render((c) => <TranslationPage c={c} data={data} language={language} form={form} />, 422);
    const v = validate(translationBody, body);
    if (!v.ok) return again(v.state);
    const r = await onceOnly(db, onceOf(req), (tx) => addTranslation(tx, req.actor, data.item.id, v.data));
    if (isRepeat(r)) return reply.redirect(itemHref(req, data.item, 'repeat'), 303);
    if (!r.ok) return again(formError(body, r.field, r.message));
    return reply.redirect(`/${req.locale}/admin/publications/${r.number.toLowerCase()}?notice=translated`, 303);
  });
};
