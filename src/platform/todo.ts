import type { Executor } from '../db/client.js';
import type { Locale } from './i18n/locales.js';
import type { MaybeActor } from './policy.js';

/**
 * The Secretariat's work waiting, gathered from every module for its home page (/admin): each
 * module says, through `todo` in its manifest, what is waiting for this person and where to do it.
 * A provider checks its own policy and returns nothing for what the person may not do.
 */
export interface TodoItem {
  /** Message key of the line; it is given `count` and `params`. */
  label: string;
  count: number;
  /** Path after the locale, where the work is done. */
  href: string;
  /** Plain text values for the message (already in the page's language). */
  params?: Record<string, string | number>;
  /** When it is due (a Committee's answer, an offer's end): shown, and marked when past. */
  due?: Date;
  /** The label names one thing (an application, an issue) or carries its own numbers: no count is shown before it. */
  bare?: boolean;
  /** Set by the platform: the due time has passed. */
  past?: boolean;
}

export interface TodoGroup {
  /** Message key of the group's heading. */
  title: string;
  /** Plain text values for the heading (e.g. a meeting's title in the page's language). */
  params?: Record<string, string | number>;
  items: TodoItem[];
  /** Where the group stands on the page, lowest first (the order of the Secretariat's navigation). */
  order: number;
}

export interface TodoContext {
  locale: Locale;
  now: Date;
}

export type TodoProvider = (db: Executor, actor: MaybeActor, ctx: TodoContext) => Promise<TodoGroup[]>;

let providers: { module: string; todo: TodoProvider }[] = [];

/** Hands the platform every manifest's `todo` (adoptManifests does this). */
export function registerTodo(manifests: readonly { name: string; todo?: TodoProvider }[]): void {
  providers = manifests.flatMap((m) => (m.todo ? [{ module: m.name, todo: m.todo }] : []));
}

/** Every module's work waiting for this person, in page order; items with nothing waiting are left out, groups kept (they say "nothing waiting"). */
export async function todoGroups(db: Executor, actor: MaybeActor, ctx: TodoContext, extra: readonly TodoProvider[] = []): Promise<TodoGroup[]> {
  const out: TodoGroup[] = [];
  for (const p of [...providers.map((x) => x.todo), ...extra]) {
    for (const g of await p(db, actor, ctx)) out.push({ ...g, items: g.items.filter((i) => i.count > 0).map((i) => ({ ...i, past: !!i.due && i.due.getTime() <= ctx.now.getTime() })) });
  }
  return out.sort((a, b) => a.order - b.order);
}
