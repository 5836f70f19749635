import { z } from 'zod';
import { noticeFrom } from '../http/notice.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { field } from '../forms/fields.js';
import { validate, type FormState } from '../forms/validate.js';
import { LOCALES } from '../i18n/locales.js';
import { PLATFORM_ROLES, platformPolicy } from '../policy.js';
import { adminLinks, exportsList, moduleRoleCounts, secretariatTodo } from './service.js';
import { USERS_PAGE_SIZE, changePlatformRole, inviteUser, listUsers, requireUserAdmin } from '../auth/service.js';
import { MAILBOX_PAGE_SIZE, MAIL_STATUSES, listMailbox, readMail, setUnsolicitedLimit } from '../mail/service.js';
import { unsolicitedLimit } from '../mail/outbox.js';
import { AUDIT_PAGE_SIZE, auditTargetTypes, listAudit } from '../audit/service.js';
import type { NavEntry } from '../module.js';
import { AdminHome, AuditPage, ExportsPage, InvitePage, MailPage, MailboxPage, UsersPage } from './views.js';

export const adminNav: NavEntry[] = [
  { label: 'nav.admin', href: '/admin', area: 'main', visible: platformPolicy.viewAdmin, order: 90 },
  { label: 'admin.users.title', href: '/admin/users', area: 'admin', visible: platformPolicy.manageUsers, order: 80 },
  { label: 'admin.mailbox.title', href: '/admin/mailbox', area: 'admin', visible: platformPolicy.readMailbox, order: 81 },
  { label: 'admin.audit.title', href: '/admin/audit', area: 'admin', visible: platformPolicy.readAuditLog, order: 82 },
  { label: 'admin.exports.title', href: '/admin/exports', area: 'admin', visible: platformPolicy.viewExports, order: 83 },
];

const q = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 200) : undefined);

const usersQuery = z.object({ q: z.string().optional(), role: field.optionalChoice(PLATFORM_ROLES).catch(undefined), page: field.page() });
const mailQuery = z.object({ to: z.string().optional(), status: field.optionalChoice(MAIL_STATUSES).catch(undefined), page: field.page() });
const auditQuery = z.object({ action: z.string().optional(), actor: z.string().optional(), target: z.string().optional(), from: field.optionalDate(), to: field.optionalDate(), page: field.page() });
const limitBody = z.object({ limit: field.wholeNumber(1, 100, 'admin.mailbox.limit.error') });
const roleBody = z.object({ role: field.choice(PLATFORM_ROLES), grant: field.choice(['yes', 'no']) });
const inviteBody = z.object({ name: field.text({ max: 200 }), email: field.email(), locale: field.choice(LOCALES), role: field.optionalChoice(PLATFORM_ROLES) });

export const adminRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  app.get('/admin', async (req, reply) => {
    const todo = await secretariatTodo(db, req.actor, { locale: req.locale, now: new Date() });
    // Every module's part of the Secretariat's area this person may open, not only the platform's.
    return reply.render((c) => <AdminHome c={c} links={adminLinks(req.actor, c.nav)} todo={todo} />);
  });

  app.get('/admin/exports', async (req, reply) => {
    const list = exportsList(req.actor);
    return reply.render((c) => <ExportsPage c={c} exports={list} />);
  });

  app.get('/admin/users', async (req, reply) => {
    const raw = req.query as Record<string, unknown>;
    const f = usersQuery.parse(raw);
    const [{ rows, total }, moduleRoles] = await Promise.all([listUsers(db, req.actor, { q: q(f.q), role: f.role, page: f.page }), moduleRoleCounts(db, req.actor)]);
    const query = { q: q(f.q), role: f.role };
    const notice = noticeFrom(raw, /^(granted|revoked|unchanged|lastSecretariat|invited)$/);
    return reply.render((c) => <UsersPage c={c} rows={rows} total={total} page={f.page} pageSize={USERS_PAGE_SIZE} query={query} notice={notice} moduleRoles={moduleRoles} />);
  });

  app.post('/admin/users/:id/roles', async (req, reply) => {
    const id = z.uuid().safeParse((req.params as Record<string, string>).id);
    requireUserAdmin(req.actor);
    const v = validate(roleBody, req.body);
    if (!id.success || !v.ok) return reply.redirect(`/${req.locale}/admin/users`, 303);
    const result = await changePlatformRole(db, req.actor, { userId: id.data, role: v.data.role, grant: v.data.grant === 'yes', ip: req.ip });
    const notice = !result.ok ? (result.reason === 'last-secretariat' ? 'lastSecretariat' : 'unchanged') : !result.changed ? 'unchanged' : v.data.grant === 'yes' ? 'granted' : 'revoked';
    return reply.redirect(`/${req.locale}/admin/users?notice=${notice}`, 303);
  });

  app.get('/admin/users/invite', async (req, reply) => {
    requireUserAdmin(req.actor);
    return reply.render((c) => <InvitePage c={c} />);
  });

  app.post('/admin/users/invite', async (req, reply) => {
    requireUserAdmin(req.actor);
    const v = validate(inviteBody, req.body);
    if (!v.ok) return reply.render((c) => <InvitePage c={c} form={v.state} />, 422);
    await inviteUser(db, req.actor, { ...v.data, baseUrl: config.baseUrl, ip: req.ip, onceKey: (req.body as Record<string, unknown>)._once });
    return reply.redirect(`/${req.locale}/admin/users?notice=invited`, 303);
  });

  async function mailboxPage(req: FastifyRequest, reply: FastifyReply, limitForm?: FormState) {
    const f = mailQuery.parse(req.query);
    const [{ rows, total }, limit] = await Promise.all([listMailbox(db, req.actor, { to: q(f.to), status: f.status, page: f.page }), unsolicitedLimit(db)]);
    const query = { to: q(f.to), status: f.status };
    const form = limitForm ?? { values: { limit: String(limit) }, errors: [] };
    const saved = noticeFrom(req.query, /^limit$/);
    return reply.render(
      (c) => <MailboxPage c={c} rows={rows} total={total} page={f.page} pageSize={MAILBOX_PAGE_SIZE} query={query} smtp={!!config.smtpUrl} limitForm={form} saved={!!saved} />,
      limitForm ? 422 : 200,
    );
  }

  app.get('/admin/mailbox', (req, reply) => mailboxPage(req, reply));

  app.post('/admin/mailbox/settings', async (req, reply) => {
    const v = validate(limitBody, req.body);
    if (!v.ok) return mailboxPage(req, reply, v.state);
    await setUnsolicitedLimit(db, req.actor, v.data.limit, req.ip);
    return reply.redirect(`/${req.locale}/admin/mailbox?notice=limit`, 303);
  });

  app.get('/admin/mailbox/:id', async (req, reply) => {
    const id = z.coerce.number().int().positive().max(2 ** 31 - 1).safeParse((req.params as Record<string, string>).id);
    const mail = await readMail(db, req.actor, id.success ? id.data : 0);
    if (!mail) return reply.callNotFound();
    return reply.render((c) => <MailPage c={c} mail={mail} />);
  });

  // The HTML part as the recipient's mail program would show it, sandboxed: no script, no same-origin access, whatever the mail holds.
  app.get('/admin/mailbox/:id/html', async (req, reply) => {
    const id = z.coerce.number().int().positive().max(2 ** 31 - 1).safeParse((req.params as Record<string, string>).id);
    const mail = await readMail(db, req.actor, id.success ? id.data : 0);
    if (!mail) return reply.callNotFound();
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', "sandbox; default-src 'none'; img-src data: https:; style-src 'unsafe-inline'; frame-ancestors 'none'")
      .send(mail.html);
  });

  app.get('/admin/audit', async (req, reply) => {
    const raw = req.query as Record<string, unknown>;
    const v = validate(auditQuery, raw);
    const f = v.ok ? v.data : auditQuery.parse({ page: raw.page, action: raw.action, actor: raw.actor, target: raw.target });
    const query = { action: q(f.action), actor: q(f.actor), target: q(f.target), from: f.from, to: f.to };
    const to = f.to ? new Date(`${f.to}T00:00:00Z`) : undefined;
    const { rows, total } = await listAudit(db, req.actor, {
      action: query.action,
      actor: query.actor,
      targetType: query.target,
      from: f.from ? new Date(`${f.from}T00:00:00Z`) : undefined,
      to: to ? new Date(to.getTime() + 86_400_000) : undefined,
      page: f.page,
    });
    const types = await auditTargetTypes(db);
    return reply.render(
      (c) => <AuditPage c={c} rows={rows} total={total} page={f.page} pageSize={AUDIT_PAGE_SIZE} query={query} targetTypes={types} form={v.ok ? undefined : v.state} />,
      v.ok ? 200 : 422,
    );
  });
};
