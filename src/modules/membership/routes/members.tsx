import { z } from 'zod';
import { noticeFrom } from '../../../platform/http/notice.js';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/client.js';
import type { Config } from '../../../config.js';
import { field } from '../../../platform/forms/fields.js';
import { validate } from '../../../platform/forms/validate.js';
import { sendJsonFile, sendTable } from '../../../platform/http/exports.js';
import { fileStore } from '../../../platform/files/storage.js';
import { countryName, INCOME_GROUPS, isCountryCode, UNESCO_REGIONS } from '../../../platform/geo/countries.js';
import { listWorkingGroups } from '../../workinggroups/service.js';
import { panelContext, panelsFor } from '../../../platform/panels.js';
import {
  DIRECTORY_PAGE_SIZE,
  MEMBERS_PAGE_SIZE,
  MEMBER_STATUSES,
  addRepresentative,
  changeMemberStatus,
  directory,
  erasePerson,
  exportMembers,
  exportMyData,
  getMember,
  leaveAlliance,
  listMembers,
  memberNumber,
  memberPeopleOf,
  membersByCountry,
  myMembership,
  myMemberships,
  removeRepresentative,
  requestErasure,
  updateMemberProfile,
} from '../members.js';
import { KINDS, PUBLIC_FIELDS, TEXT_LIMIT, TOR_AREAS, WORK_LANGUAGES } from '../fields.js';
import { DirectoryPage, MapPage } from '../views/directory.js';
import { MemberAdminPage, MembersAdminPage, MyMembershipPage, NoMembershipPage } from '../views/members.js';

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 200) : undefined);
const filterQuery = z.object({
  kind: field.optionalChoice(KINDS).catch(undefined),
  type: z.string().max(40).optional().catch(undefined),
  country: z.string().regex(/^[A-Z]{2}$/).optional().catch(undefined),
  region: field.optionalChoice(UNESCO_REGIONS).catch(undefined),
  income: field.optionalChoice(INCOME_GROUPS).catch(undefined),
  status: field.optionalChoice(MEMBER_STATUSES).catch(undefined),
  wg: z.string().max(80).optional().catch(undefined),
  area: field.optionalChoice(TOR_AREAS).catch(undefined),
  q: z.string().optional(),
  page: field.page(),
});
const profileBody = z.object({
  name: field.text({ max: 300 }),
  acronym: field.optionalText({ max: 30 }),
  website: field.optionalUrl(),
  affiliation: field.optionalText({ max: 300 }),
  summary: field.optionalText({ max: TEXT_LIMIT }),
  areas: field.many(TOR_AREAS),
  workingGroups: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(80))),
  languages: field.many(WORK_LANGUAGES),
  countriesOfOperation: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().refine(isCountryCode, { message: 'form.errors.choose' }))),
  listed: field.choice(['yes', 'no']),
  publicFields: field.many(PUBLIC_FIELDS),
});
const repBody = z.object({ repName: field.text({ max: 200 }), repTitle: field.optionalText({ max: 200 }), repEmail: field.email() });
const statusBody = z.object({ status: field.choice(MEMBER_STATUSES), reason: field.text({ max: 2000 }) });

const MINE_NOTICES = /^(saved|added|exists|removed|last|left|erasure)$/;
const ADMIN_NOTICES = /^(ok|unchanged|erased)$/;

export const memberRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const idOf = (req: FastifyRequest, name = 'id') => z.uuid().safeParse((req.params as Record<string, string>)[name]);
  const notice = (req: FastifyRequest, re: RegExp) => noticeFrom(req.query, re);
  const filtersOf = (f: z.infer<typeof filterQuery>) => ({
    kind: f.kind,
    category: text(f.type),
    country: f.country,
    region: f.region,
    income: f.income,
    status: f.status,
    workingGroup: text(f.wg),
    area: f.area,
    q: text(f.q),
  });

  // ------------------------------------------------------------ public directory and map

  app.get('/members', { config: { publicPage: { query: filterQuery } } }, async (req, reply) => {
    const f = filterQuery.parse(req.query);
    const filters = filtersOf(f);
    const [{ rows, total }, groups] = await Promise.all([directory(db, { ...filters, page: f.page }), listWorkingGroups(db)]);
    const query = { q: filters.q, kind: f.kind, type: filters.category, country: f.country, region: f.region, wg: filters.workingGroup, area: f.area };
    return reply.render((c) => <DirectoryPage c={c} rows={rows} total={total} page={f.page} pageSize={DIRECTORY_PAGE_SIZE} query={query} groups={groups} />, { description: (c) => c.t('membership.directory.intro') });
  });

  app.get('/members/map', { config: { publicPage: true } }, async (_req, reply) => {
    const counts = await membersByCountry(db);
    return reply.render((c) => <MapPage c={c} counts={counts} />);
  });

  // ------------------------------------------------------------ a member's own record

  app.get('/membership', async (req, reply) => {
    const mine = await myMemberships(db, req.actor);
    if (mine.length === 0) return reply.render((c) => <NoMembershipPage c={c} />);
    return reply.redirect(`/${req.locale}/membership/${mine[0]!.id}`);
  });

  async function ownPage(req: FastifyRequest, forms: { form?: ReturnType<typeof validate>; repForm?: ReturnType<typeof validate> } = {}) {
    const id = idOf(req);
    const mine = await myMembership(db, req.actor, id.success ? id.data : '');
    const [people, groups, panels] = await Promise.all([memberPeopleOf(db, mine.id), listWorkingGroups(db), panelsFor(db, 'membership.mine', panelContext(req), { memberId: mine.id })]);
    const form = forms.form && !forms.form.ok ? forms.form.state : undefined;
    const repForm = forms.repForm && !forms.repForm.ok ? forms.repForm.state : undefined;
    return { member: mine, people, groups, panels, form, repForm };
  }

  app.get('/membership/:id', async (req, reply) => {
    const p = await ownPage(req);
    return reply.render((c) => <MyMembershipPage c={c} {...p} notice={notice(req, MINE_NOTICES)} />);
  });

  app.post('/membership/:id/profile', async (req, reply) => {
    const v = validate(profileBody, req.body);
    const p = await ownPage(req, { form: v });
    if (!v.ok) return reply.render((c) => <MyMembershipPage c={c} {...p} />, 422);
    const d = v.data;
    await updateMemberProfile(
      db,
      req.actor,
      p.member.id,
      {
        name: d.name,
        acronym: d.acronym ?? '',
        website: d.website ?? '',
        affiliation: d.affiliation ?? '',
        summary: d.summary ?? '',
        areas: d.areas,
        workingGroups: d.workingGroups,
        languages: d.languages,
        countriesOfOperation: d.countriesOfOperation,
        listed: d.listed === 'yes',
        publicFields: d.publicFields,
      },
      req.ip,
    );
    return reply.redirect(`/${req.locale}/membership/${p.member.id}?notice=saved`, 303);
  });

  app.post('/membership/:id/representatives', async (req, reply) => {
    const v = validate(repBody, req.body);
    const p = await ownPage(req, { repForm: v });
    if (!v.ok) return reply.render((c) => <MyMembershipPage c={c} {...p} />, 422);
    const r = await addRepresentative(db, req.actor, p.member.id, { name: v.data.repName, title: v.data.repTitle ?? '', email: v.data.repEmail, locale: req.locale, baseUrl: config.baseUrl }, req.ip);
    return reply.redirect(`/${req.locale}/membership/${p.member.id}?notice=${r === 'ok' ? 'added' : r === 'exists' ? 'exists' : 'last'}`, 303);
  });

  app.post('/membership/:id/representatives/:userId/remove', async (req, reply) => {
    const p = await ownPage(req);
    const userId = idOf(req, 'userId');
    if (!userId.success) return reply.callNotFound();
    const r = await removeRepresentative(db, req.actor, p.member.id, userId.data, req.ip);
    return reply.redirect(`/${req.locale}/membership/${p.member.id}?notice=${r === 'ok' ? 'removed' : 'last'}`, 303);
  });

  app.post('/membership/:id/leave', async (req, reply) => {
    const p = await ownPage(req);
    await leaveAlliance(db, req.actor, p.member.id, String((req.body as Record<string, unknown>)?.reason ?? ''), req.ip);
    return reply.redirect(`/${req.locale}/membership/${p.member.id}?notice=left`, 303);
  });

  app.post('/membership/:id/erasure', async (req, reply) => {
    const p = await ownPage(req);
    await requestErasure(db, req.actor, p.member.id, config.baseUrl, req.ip);
    return reply.redirect(`/${req.locale}/membership/${p.member.id}?notice=erasure`, 303);
  });

  app.get('/membership/:id/export.json', async (req, reply) => {
    const id = idOf(req);
    const data = id.success ? await exportMyData(db, req.actor, id.data) : null;
    if (!data) return reply.callNotFound();
    return sendJsonFile(reply, `membership-${data.member.number}.json`, data);
  });

  // ------------------------------------------------------------ Secretariat: members

  app.get('/admin/members', async (req, reply) => {
    const f = filterQuery.parse(req.query);
    const filters = filtersOf(f);
    const [{ rows, total }, groups] = await Promise.all([listMembers(db, req.actor, { ...filters, page: f.page }), listWorkingGroups(db)]);
    const query = { q: filters.q, status: f.status, kind: f.kind, type: filters.category, country: f.country, region: f.region, income: f.income, wg: filters.workingGroup };
    return reply.render((c) => <MembersAdminPage c={c} rows={rows} total={total} page={f.page} pageSize={MEMBERS_PAGE_SIZE} query={query} groups={groups} />);
  });

  app.get('/admin/members/export.:format', async (req, reply) => {
    const format = (req.params as Record<string, string>).format;
    if (format !== 'csv' && format !== 'xlsx') return reply.callNotFound();
    const rows = await exportMembers(db, req.actor, filtersOf(filterQuery.parse(req.query)), format, req.ip);
    const t = req.t;
    const head = [t('membership.mine.number'), t('admin.users.name'), t('membership.fields.acronym'), t('membership.overview.kind'), t('membership.directory.category'), t('membership.fields.country'), t('membership.mine.status'), t('membership.mine.joined'), t('membership.fields.website'), t('membership.mine.people'), t('membership.mine.directory')];
    const table = rows.map((m) => [
      memberNumber(m.number),
      m.name,
      m.acronym,
      t(`membership.kinds.${m.kind}`),
      m.category,
      m.country ? countryName(m.country, req.locale) : '',
      t(`membership.memberStatuses.${m.status}`),
      m.joinedOn,
      m.website,
      m.people.map((p) => `${p.name} <${p.email}>`).join('; '),
      m.listed ? t('common.yes') : t('common.no'),
    ]);
    return sendTable(reply, 'members', format, head, table, t('membership.members.title'));
  });

  app.get('/admin/members/:id', async (req, reply) => {
    const id = idOf(req);
    const found = id.success ? await getMember(db, req.actor, id.data) : null;
    if (!found) return reply.callNotFound();
    return reply.render((c) => <MemberAdminPage c={c} {...found} notice={notice(req, ADMIN_NOTICES)} />);
  });

  app.post('/admin/members/:id/status', async (req, reply) => {
    const id = idOf(req);
    const found = id.success ? await getMember(db, req.actor, id.data) : null;
    if (!found) return reply.callNotFound();
    const v = validate(statusBody, req.body);
    if (!v.ok) return reply.render((c) => <MemberAdminPage c={c} {...found} form={v.state} />, 422);
    const r = await changeMemberStatus(db, req.actor, found.member.id, v.data.status, v.data.reason, req.ip);
    return reply.redirect(`/${req.locale}/admin/members/${found.member.id}?notice=${r === 'ok' ? 'ok' : 'unchanged'}`, 303);
  });

  app.post('/admin/members/:id/people/:userId/erase', async (req, reply) => {
    const id = idOf(req);
    const userId = idOf(req, 'userId');
    if (!id.success || !userId.success) return reply.callNotFound();
    await erasePerson(db, req.actor, id.data, userId.data, { baseUrl: config.baseUrl, files: fileStore(db, config), ip: req.ip });
    return reply.redirect(`/${req.locale}/admin/members/${id.data}?notice=erased`, 303);
  });
};
