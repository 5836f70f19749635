import { z } from 'zod';
import { noticeFrom } from '../../platform/http/notice.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { field } from '../../platform/forms/fields.js';
import { formError, keepTyped, validate, type FormState } from '../../platform/forms/validate.js';
import { PUBLIC_FORM_RATE_LIMIT } from '../../platform/http/limits.js';
import { isUploadedFile } from '../../platform/http/plugin.js';
import { sendTable } from '../../platform/http/exports.js';
import { fileStore } from '../../platform/files/storage.js';
import { CONSENT_SOURCES, preferencesTokenOfAccount } from './service.js';
import type { SubscriberLinkPurpose } from './tokens.js';
import {
  clearBounceMark,
  confirmSubscription,
  exportSubscribers,
  filterFromQuery,
  getSubscriber,
  listSubscribers,
  preferencesBody,
  requestSubscription,
  resubscribe,
  subscribeBody,
  subscriberCounts,
  subscriberFilterQuery,
  requireSubscriberAccess,
  subscriptionByToken,
  SUBSCRIBERS_PAGE_SIZE,
  unsubscribeByAdmin,
  unsubscribeByLink,
  updatePreferences,
  type SubscriptionRow,
} from './subscribers.js';
import { IMPORT_MAX_BYTES, importSubscribers, previewImport } from './subscriber-import.js';
import {
  CheckInboxPage,
  ConfirmedPage,
  ImportDonePage,
  ImportPage,
  ImportPreviewPage,
  LinkNotFoundPage,
  PreferencesPage,
  SubscriberAdminPage,
  SubscribePage,
  SubscribersAdminPage,
  UnsubscribedPage,
  UnsubscribePage,
} from './views/subscribers.js';

const importBody = z.object({ source: field.choice(CONSENT_SOURCES), note: field.text({ max: 1000 }) });
const confirmImportBody = importBody.extend({ key: z.string().regex(/^[0-9a-f]{32}$/), fileName: z.string().max(200) });

const PREFERENCES_NOTICES = /^(saved|unchanged|unsubscribed|resubscribed)$/;
const ADMIN_NOTICES = /^(unsubscribed|cleared|unchanged)$/;

/**
 * The newsletter's subscribers: the public subscribe form, the private links of each subscriber
 * (confirm, preferences, unsubscribe — RFC 8058 one-click included — and resubscribe), and the
 * Secretariat's list, record, export and import.
 */
export const subscriberRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const files = fileStore(db, config);
  const notice = (req: FastifyRequest, allowed: RegExp) => noticeFrom(req.query, allowed);
  const origin = (req: FastifyRequest) => ({ ip: req.ip });

  /**
   * The subscription behind the signed link in the URL, or the 404 "link does not work" page.
   * `need`: what the page does — an unsubscribe-only link (List-Unsubscribe) opens only unsubscribing.
   */
  async function byLink(req: FastifyRequest, reply: FastifyReply, need: SubscriberLinkPurpose = 'manage'): Promise<{ sub: SubscriptionRow; token: string; manage: boolean } | null> {
    const token = String((req.params as Record<string, string>).token ?? '');
    reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
    const found = await subscriptionByToken(db, config.sessionSecret, token, need);
    if (!found) {
      await reply.render((c) => <LinkNotFoundPage c={c} />, 404);
      return null;
    }
    return { sub: found.sub, token, manage: found.purpose === 'manage' };
  }

  // ——— Subscribe (double opt-in) ———

  app.get('/subscribe', async (_req, reply) => reply.render((c) => <SubscribePage c={c} />));

  app.post('/subscribe', { config: { rateLimit: PUBLIC_FORM_RATE_LIMIT } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const v = validate(subscribeBody, body);
    if (!v.ok) return reply.render((c) => <SubscribePage c={c} form={v.state} />, 422);
    // The hidden field is filled in by robots only: answer as usual, store and send nothing.
    if (typeof body.homepage === 'string' && body.homepage.trim()) return reply.render((c) => <CheckInboxPage c={c} email={v.data.email} />);
    await requestSubscription(db, v.data, { baseUrl: config.baseUrl, secret: config.sessionSecret, ip: req.ip, onceKey: body._once });
    return reply.render((c) => <CheckInboxPage c={c} email={v.data.email} />);
  });

  /** From a person's own page: their subscription's preferences, or the subscribe form when their address is not on the list. */
  app.get('/newsletter/mine', async (req, reply) => {
    const token = await preferencesTokenOfAccount(db, req.actor, config.sessionSecret);
    return reply.redirect(`/${req.locale}/${token ? `newsletter/preferences/${token}` : 'subscribe'}`, 303);
  });

  // ——— The private links ———

  // One step on GET, by design: confirming is the only change a link makes when it is opened.
  app.get('/newsletter/confirm/:token', async (req, reply) => {
    const l = await byLink(req, reply);
    if (!l) return reply;
    const sub = await confirmSubscription(db, l.sub.id, origin(req));
    if (!sub) return reply.render((c) => <LinkNotFoundPage c={c} />, 404);
    if (sub.status === 'unsubscribed') return reply.render((c) => <UnsubscribedPage c={c} sub={sub} token={l.token} />);
    return reply.render((c) => <ConfirmedPage c={c} token={l.token} />);
  });

  app.get('/newsletter/preferences/:token', async (req, reply) => {
    const l = await byLink(req, reply);
    if (!l) return reply;
    return reply.render((c) => <PreferencesPage c={c} sub={l.sub} token={l.token} notice={notice(req, PREFERENCES_NOTICES)} />);
  });

  app.post('/newsletter/preferences/:token', async (req, reply) => {
    const l = await byLink(req, reply);
    if (!l) return reply;
    const v = validate(preferencesBody, req.body);
    if (!v.ok) return reply.render((c) => <PreferencesPage c={c} sub={l.sub} token={l.token} form={v.state} />, 422);
    const r = await updatePreferences(db, l.sub.id, v.data, origin(req));
    if (r === 'unknown') return reply.render((c) => <LinkNotFoundPage c={c} />, 404);
    // The page comes back in the language just chosen.
    return reply.redirect(`/${r === 'saved' ? v.data.language : req.locale}/newsletter/preferences/${l.token}?notice=${r}`, 303);
  });

  app.get('/newsletter/unsubscribe/:token', async (req, reply) => {
    const l = await byLink(req, reply, 'unsubscribe');
    if (!l) return reply;
    if (l.sub.status === 'unsubscribed') return reply.render((c) => <UnsubscribedPage c={c} sub={l.sub} token={l.manage ? l.token : undefined} />);
    return reply.render((c) => <UnsubscribePage c={c} sub={l.sub} token={l.token} manage={l.manage} />);
  });

  /**
   * Unsubscribes at once. Also the RFC 8058 one-click POST that mail providers send with
   * `List-Unsubscribe=One-Click`, without cookies or a CSRF token: the signed token in the URL is
   * the secret, and unsubscribing is the only thing it can do here (no rate limit: providers
   * send these from a few addresses).
   */
  app.post('/newsletter/unsubscribe/:token', { config: { csrf: false } }, async (req, reply) => {
    const l = await byLink(req, reply, 'unsubscribe');
    if (!l) return reply;
    const oneClick = ((req.body ?? {}) as Record<string, unknown>)['List-Unsubscribe'] === 'One-Click';
    const sub = await unsubscribeByLink(db, l.sub.id, oneClick ? 'one-click' : 'link', origin(req));
    if (!sub) return reply.render((c) => <LinkNotFoundPage c={c} />, 404);
    return reply.render((c) => <UnsubscribedPage c={c} sub={sub} token={l.manage ? l.token : undefined} />);
  });

  app.post('/newsletter/resubscribe/:token', async (req, reply) => {
    const l = await byLink(req, reply);
    if (!l) return reply;
    const sub = await resubscribe(db, l.sub.id, origin(req));
    if (!sub) return reply.render((c) => <LinkNotFoundPage c={c} />, 404);
    return reply.redirect(`/${req.locale}/newsletter/preferences/${l.token}?notice=resubscribed`, 303);
  });

  // ——— The Secretariat ———

  const idOf = (req: FastifyRequest) => z.uuid().safeParse((req.params as Record<string, string>).id);

  app.get('/admin/subscribers', async (req, reply) => {
    requireSubscriberAccess(req.actor);
    const f = subscriberFilterQuery.parse(req.query ?? {});
    const [{ rows, total }, counts] = await Promise.all([listSubscribers(db, req.actor, { ...filterFromQuery(f), page: f.page }), subscriberCounts(db, req.actor)]);
    const query = { q: f.q, status: f.status, topic: f.topic, language: f.language, source: f.source };
    return reply.render((c) => <SubscribersAdminPage c={c} rows={rows} total={total} page={f.page} pageSize={SUBSCRIBERS_PAGE_SIZE} query={query} counts={counts} />);
  });

  /** Column names as the import reads them, so an export can be imported elsewhere (or here) as it is. */
  app.get('/admin/subscribers/export.:format', async (req, reply) => {
    requireSubscriberAccess(req.actor);
    const format = (req.params as Record<string, string>).format;
    if (format !== 'csv' && format !== 'xlsx') return reply.callNotFound();
    const rows = await exportSubscribers(db, req.actor, filterFromQuery(subscriberFilterQuery.parse(req.query ?? {})), format, req.ip);
    const iso = (d: Date | null) => (d ? d.toISOString() : '');
    const head = ['email', 'name', 'language', 'topics', 'country', 'status', 'source', 'subscribed_at', 'confirmed_at', 'hard_bounces', 'undeliverable_at'];
    const table = rows.map((s) => [s.email, s.name, s.locale, s.topics.join(';'), s.country ?? '', s.status, s.source, iso(s.createdAt), iso(s.confirmedAt), s.hardBounces, iso(s.undeliverableAt)]);
    return sendTable(reply, 'subscribers', format, head, table, req.t('newsletter.subscribers.title'));
  });

  // ——— Import: upload → preview → confirm ———

  app.get('/admin/subscribers/import', async (req, reply) => {
    requireSubscriberAccess(req.actor);
    return reply.render((c) => <ImportPage c={c} />);
  });

  /** What to show again on the form: everything typed, never the file (a browser cannot refill a file field). */
  const typed = (body: Record<string, unknown>) => Object.fromEntries(Object.entries(keepTyped(body)).filter(([k]) => k !== 'file'));

  app.post('/admin/subscribers/import', async (req, reply) => {
    requireSubscriberAccess(req.actor);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const v = validate(importBody, body);
    const file = body.file;
    const hasFile = isUploadedFile(file) && (file.filename !== '' || file.data.length > 0);
    const fileProblem = !hasFile ? 'newsletter.import.errors.noFile' : file.truncated || file.data.length > IMPORT_MAX_BYTES ? 'newsletter.import.errors.tooLarge' : null;
    if (!v.ok || fileProblem) {
      const state: FormState = { values: typed(body), errors: v.ok ? [] : v.state.errors };
      if (fileProblem) state.errors.unshift({ field: 'file', key: fileProblem, values: { max: IMPORT_MAX_BYTES / 1024 / 1024 } });
      return reply.render((c) => <ImportPage c={c} form={state} />, 422);
    }
    const upload = file as { filename: string; data: Buffer };
    const p = await previewImport(db, req.actor, upload.data);
    if (!p.ok) return reply.render((c) => <ImportPage c={c} form={{ values: typed(body), errors: [{ field: 'file', key: p.error.key, values: p.error.values }] }} />, 422);
    // The file waits in the platform's file store under a random key until the confirmation reads
    // it again (a CSV of up to 5 MB is too large to carry in a hidden field of the preview page).
    const fileKey = await files.put(upload.data);
    const fileName = upload.filename.slice(0, 200) || 'subscribers.csv';
    return reply.render((c) => <ImportPreviewPage c={c} preview={p.preview} fileKey={fileKey} fileName={fileName} source={v.data.source} note={v.data.note} />);
  });

  app.post('/admin/subscribers/import/confirm', async (req, reply) => {
    requireSubscriberAccess(req.actor);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const v = validate(confirmImportBody, body);
    const data = v.ok ? await files.get(v.data.key) : null;
    if (!v.ok || !data) {
      const values = { source: body.source, note: body.note };
      return reply.render((c) => <ImportPage c={c} form={formError(values, 'file', 'newsletter.import.errors.expired')} />, 422);
    }
    const r = await importSubscribers(db, req.actor, data, { source: v.data.source, note: v.data.note, fileName: v.data.fileName, ip: req.ip, onceKey: body._once });
    if (!r.ok) return reply.render((c) => <ImportPage c={c} form={formError({ source: v.data.source, note: v.data.note }, 'file', r.error.key, r.error.values)} />, 422);
    await files.remove(v.data.key);
    return reply.render((c) => <ImportDonePage c={c} result={r} />);
  });

  // ——— One subscriber ———

  app.get('/admin/subscribers/:id', async (req, reply) => {
    requireSubscriberAccess(req.actor);
    const id = idOf(req);
    const found = id.success ? await getSubscriber(db, req.actor, id.data) : null;
    if (!found) return reply.callNotFound();
    return reply.render((c) => <SubscriberAdminPage c={c} sub={found.subscription} events={found.events} notice={notice(req, ADMIN_NOTICES)} />);
  });

  app.post('/admin/subscribers/:id/unsubscribe', async (req, reply) => {
    requireSubscriberAccess(req.actor);
    const id = idOf(req);
    const r = id.success ? await unsubscribeByAdmin(db, req.actor, id.data, req.ip) : 'unknown';
    if (r === 'unknown') return reply.callNotFound();
    return reply.redirect(`/${req.locale}/admin/subscribers/${id.data}?notice=${r === 'ok' ? 'unsubscribed' : 'unchanged'}`, 303);
  });

  app.post('/admin/subscribers/:id/clear-bounce', async (req, reply) => {
    requireSubscriberAccess(req.actor);
    const id = idOf(req);
    const r = id.success ? await clearBounceMark(db, req.actor, id.data, req.ip) : 'unknown';
    if (r === 'unknown') return reply.callNotFound();
    return reply.redirect(`/${req.locale}/admin/subscribers/${id.data}?notice=${r === 'ok' ? 'cleared' : 'unchanged'}`, 303);
  });
};
