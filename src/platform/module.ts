import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/client.js';
import type { Config } from '../config.js';
import type { JobHandler } from './jobs/queue.js';
import type { BulkMailer } from './mail/delivery.js';
import type { InboundHandler } from './mail/inbound.js';
import type { MaybeActor } from './policy.js';
import type { PersonalData } from './privacy/service.js';
import type { EventHandlers } from './events.js';
import type { PanelProviders } from './panels.js';
import type { TranslatableKind } from './translations/service.js';
import type { TodoProvider } from './todo.js';
import type { ApiRoutes } from './api/schemas.js';
import type { FigureSource } from './figures/contract.js';
import type { AnnualReportProvider } from './annual-report/contract.js';

/** A link in the site's navigation. `href` is the path after the locale, e.g. "/about". */
export interface NavEntry {
  /** Message key of the link text. */
  label: string;
  href: string;
  /** main: the header's navigation; admin: the Secretariat's area; account: the links on a person's account page. */
  area: 'main' | 'admin' | 'account';
  visible?: (actor: MaybeActor) => boolean;
  order?: number;
}

/** The entries of one area this person may open, in the order given. */
export function navFor(nav: readonly NavEntry[], actor: MaybeActor, area: NavEntry['area']): NavEntry[] {
  return nav.filter((n) => n.area === area && (!n.visible || n.visible(actor)));
}

export interface SeedContext {
  db: Db;
  config: Config;
  /** True when the worker runs beside the seed (`npm start`): work it does anyway from queued jobs (drawing PDFs) is left to it. */
  workerRuns?: boolean;
}

/**
 * What a module tells the platform about itself. Adding a module = a folder in src/modules/
 * with a module.ts exporting one of these, and one line in src/modules/index.ts.
 */
export interface ModuleManifest {
  name: string;
  /** Registered under /:locale — every page of a module has the locale first. */
  routes: FastifyPluginAsync<{ db: Db; config: Config }>;
  /** Registered at the site's root, without a language: only for addresses machines keep (e.g. OAI-PMH). */
  rootRoutes?: FastifyPluginAsync<{ db: Db; config: Config }>;
  /** Registered under /api/v1: read-only JSON of what the module's public pages show, reading through its own service (src/platform/api/). */
  apiRoutes?: ApiRoutes;
  navigation?: NavEntry[];
  /** Scoped role names this module adds (platform roles are secretariat and steering). */
  roles?: string[];
  /** Demo data for a fresh install; runs in module order, idempotent. */
  seed?: (ctx: SeedContext) => Promise<void>;
  /** Background job handlers by job name (name them "<module>.<verb>"). */
  jobs?: Record<string, JobHandler>;
  /** Names of its jobs the worker runs once a day (e.g. reminders). */
  dailyJobs?: string[];
  /** Bulk e-mail the worker sends after the transactional outbox, a bounded slice per round (the newsletter). */
  bulkMail?: BulkMailer;
  /** Replies by e-mail to the reply addresses the module makes (src/platform/mail/reply-tokens.ts), by purpose. */
  inboundMail?: Record<string, InboundHandler>;
  /** Data exports the module offers (CSV/XLSX/JSON), listed for the Secretariat. */
  exports?: { name: string; /** Message key of what is exported (e.g. the members). */ what: string; /** Message key of the format's link text. */ label: string; href: string }[];
  /** How the module finds and erases a person in its own tables (erasure on request; see src/platform/privacy/). */
  personalData?: PersonalData;
  /** What the module does when another raises an event (src/platform/events.ts), in the raiser's transaction. */
  on?: EventHandlers;
  /** What the module shows on other modules' pages, by slot (src/platform/panels.ts). */
  panels?: PanelProviders;
  /** What the module lets people translate, listed on the translation screen (src/platform/translations/). */
  translatable?: TranslatableKind[];
  /** The work the module has waiting for the Secretariat, listed on its home page (src/platform/todo.ts). */
  todo?: TodoProvider;
  /** Who takes part: the figures the module can give, each broken down by stakeholder type, region and income group, year by year (src/platform/figures/). */
  figures?: FigureSource[];
  /** What the module did in a year (meetings held, consultations closed, items published), as a section of the Steering Committee's annual report (src/platform/annual-report/). */
  annualReport?: AnnualReportProvider;
}
