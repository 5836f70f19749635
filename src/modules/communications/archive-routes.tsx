import type { FastifyPluginAsync } from 'fastify';
import type * as FeedPackage from 'feed';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { localize } from '../../platform/i18n/content.js';
import { getSiteSettings } from '../../platform/settings/service.js';
import { fileStore, sendStoredImage } from '../../platform/files/storage.js';
import { sentIssue, sentIssues } from './newsletter-issues.js';
import { versionFor } from './newsletter-render.js';
import { markdownToHtml } from '../../platform/documents/markdown.js';
import { ArchiveIssuePage, ArchiveListPage } from './views/archive.js';
import { lazyPackage } from '../../platform/lazy.js';

/** Loaded with the first feed asked for. */
const feedPackage = lazyPackage<typeof FeedPackage>('feed');

/** The newsletter's public side: the archive of sent issues, one page per issue and language, an Atom feed, uploaded images. */
export const archiveRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const files = fileStore(db, config);

  app.get('/newsletter', { config: { publicPage: true } }, async (_req, reply) => {
    const issues = await sentIssues(db);
    return reply.render((c) => <ArchiveListPage c={c} issues={issues} />);
  });

  app.get('/newsletter/feed.atom', { config: { publicPage: true } }, async (req, reply) => {
    const [issues, site] = await Promise.all([sentIssues(db, 20), getSiteSettings(db)]);
    const home = `${config.baseUrl}/${req.locale}/newsletter`;
    const feed = new (feedPackage().Feed)({
      title: `${localize(site.name, req.locale, site.originalLocale).text} — ${req.t('newsletter.archive.title')}`,
      id: home,
      link: home,
      language: req.locale,
      updated: issues[0]?.startedAt ?? new Date(0),
      feedLinks: { atom: `${home}/feed.atom` },
      copyright: '',
    });
    for (const issue of issues) {
      const found = versionFor(issue.versions, req.locale, issue.defaultLocale)!;
      const url = `${config.baseUrl}/${found.locale}/newsletter/${issue.slug}`;
      feed.addItem({ title: found.version.subject, id: url, link: url, date: issue.startedAt ?? issue.createdAt, content: markdownToHtml(found.version.body) });
    }
    return reply.type('application/atom+xml; charset=utf-8').send(feed.atom1());
  });

  /** Images uploaded for issues: public (mail clients load them), named by a random key, checked to be an image by their bytes. */
  app.get('/newsletter/images/:key', async (req, reply) => sendStoredImage(reply, files, String((req.params as Record<string, string>).key)));

  app.get('/newsletter/:slug', { config: { publicPage: true } }, async (req, reply) => {
    const issue = await sentIssue(db, String((req.params as Record<string, string>).slug));
    const found = issue ? versionFor(issue.versions, req.locale, issue.defaultLocale) : null;
    if (!issue || !found) return reply.callNotFound();
    return reply.render((c) => <ArchiveIssuePage c={c} issue={issue} version={found.version} lang={found.locale} />, { description: found.version.body });
  });
};
