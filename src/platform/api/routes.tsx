import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import type { NavEntry } from '../module.js';
import { validate } from '../forms/validate.js';
import { noticeFrom } from '../http/notice.js';
import { routeParam } from '../http/params.js';
import { apiPolicy, createApiToken, listApiTokens, requireTokenAdmin, revokeApiToken, tokenBody } from './service.js';
import { TOKEN_NOTICES, TokensPage } from './views.js';

export const apiTokensNav: NavEntry[] = [{ label: 'api.tokens.title', href: '/admin/api-tokens', area: 'admin', visible: apiPolicy.manageTokens, order: 84 }];

/** The page that shows a new token must not be kept by anything: not the browser's cache, not a proxy's. */
const noStore = async (_req: unknown, reply: FastifyReply, payload: unknown) => {
  reply.header('cache-control', 'no-store');
  return payload;
};

/** The Secretariat's page of API tokens (/admin/api-tokens): list, make (shown once), revoke. */
export const apiTokenRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db }) => {
  app.get('/admin/api-tokens', async (req, reply) => {
    const rows = await listApiTokens(db, req.actor);
    return reply.render((c) => <TokensPage c={c} rows={rows} notice={noticeFrom(req.query, TOKEN_NOTICES)} />);
  });

  app.post('/admin/api-tokens', { onSend: noStore }, async (req, reply) => {
    requireTokenAdmin(req.actor);
    const v = validate(tokenBody, req.body);
    if (!v.ok) {
      const rows = await listApiTokens(db, req.actor);
      return reply.render((c) => <TokensPage c={c} rows={rows} form={v.state} />, 422);
    }
    const made = await createApiToken(db, req.actor, v.data, { ip: req.ip, onceKey: (req.body as Record<string, unknown>)._once });
    if (!made.ok) return reply.redirect(`/${req.locale}/admin/api-tokens?notice=repeat`, 303);
    const rows = await listApiTokens(db, req.actor);
    return reply.render((c) => <TokensPage c={c} rows={rows} created={{ name: v.data.name, token: made.token }} />);
  });

  app.post('/admin/api-tokens/:id/revoke', async (req, reply) => {
    const done = await revokeApiToken(db, req.actor, routeParam(req, 'id'), req.ip);
    return reply.redirect(`/${req.locale}/admin/api-tokens?notice=${done}`, 303);
  });
};
