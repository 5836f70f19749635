import type { ModuleManifest } from '../../platform/module.js';
import { subscriberRoutes } from './subscriber-routes.js';
import { communicationsPolicy } from './policy.js';
import { issueRoutes } from './issue-routes.js';
import { archiveRoutes } from './archive-routes.js';
import { sendNewsletterSlice } from './newsletter-sending.js';
import { seedNewsletter } from './seed.js';
import { subscribeWithConsent, subscriptionOfAccount } from './service.js';
import { communicationsPersonalData } from './erasure.js';
import { issueTranslations } from './newsletter-issues.js';
import { newsletterTodo } from './todo.js';
import { communicationsFigures } from './figures.js';
import { MyNewsletterPanel } from './views/panels.js';

/**
 * Communications: the newsletter. Subscribers (double opt-in, private links, the Secretariat's
 * list, export and import) are in subscriber-routes; membership subscribes its members through
 * service.ts. Issues are composed and sent in issue-routes and sent by the worker's bulk round
 * (newsletter-sending); the public archive and feed are in archive-routes.
 */
export const communicationsModule: ModuleManifest = {
  name: 'communications',
  routes: async (app, opts) => {
    await app.register(subscriberRoutes, opts);
    await app.register(issueRoutes, opts);
    await app.register(archiveRoutes, opts);
  },
  bulkMail: sendNewsletterSlice,
  on: {
    // Members get the newsletter, with consent given in their application (source "membership").
    'membership.personJoined': async (tx, p) => {
      await subscribeWithConsent(tx, { email: p.email, name: p.name, locale: p.locale, source: 'membership', country: p.country, detail: { member: p.member } });
    },
  },
  seed: seedNewsletter,
  translatable: [issueTranslations],
  todo: newsletterTodo,
  figures: communicationsFigures,
  /** A member's own page says whether their address gets the newsletter, and links to its preferences. */
  panels: {
    'membership.mine': async (db, c) => String(MyNewsletterPanel({ c, sub: await subscriptionOfAccount(db, c.actor) })),
  },
  personalData: communicationsPersonalData,
  navigation: [
    { label: 'newsletter.archive.title', href: '/newsletter', area: 'main', order: 60 },
    { label: 'newsletter.issues.title', href: '/admin/newsletter', area: 'admin', order: 25, visible: communicationsPolicy.manageIssues },
    { label: 'newsletter.subscribers.title', href: '/admin/subscribers', area: 'admin', order: 30, visible: communicationsPolicy.manageSubscribers },
  ],
  exports: [
    { name: 'subscribers-csv', what: 'newsletter.subscribers.title', label: 'newsletter.subscribers.exportCsv', href: '/admin/subscribers/export.csv' },
    { name: 'subscribers-xlsx', what: 'newsletter.subscribers.title', label: 'newsletter.subscribers.exportXlsx', href: '/admin/subscribers/export.xlsx' },
  ],
};
