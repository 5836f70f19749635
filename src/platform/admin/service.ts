import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { authorize, platformPolicy, type MaybeActor } from '../policy.js';
import { navFor, type NavEntry } from '../module.js';
import { moduleExports, moduleRoles, type CatalogExport } from '../catalog.js';
import { userRoles, users } from '../auth/schema.js';
import { todoGroups, type TodoContext, type TodoGroup } from '../todo.js';
import { translationsTodo } from '../translations/service.js';

/** The Secretariat's home: the links of the Secretariat's area this person may open. */
export function adminLinks(actor: MaybeActor, nav: readonly NavEntry[]): { href: string; label: string }[] {
  authorize(platformPolicy.viewAdmin(actor), 'admin.view');
  return navFor(nav, actor, 'admin').map((n) => ({ href: n.href, label: n.label }));
}

/** The Secretariat's home: the work waiting in every module, and the translations missing or outdated. */
export async function secretariatTodo(db: Executor, actor: MaybeActor, ctx: TodoContext): Promise<TodoGroup[]> {
  authorize(platformPolicy.viewAdmin(actor), 'admin.view');
  return todoGroups(db, actor, ctx, [translationsTodo]);
}

/** Every data export the modules offer, for the Secretariat's Exports page. */
export function exportsList(actor: MaybeActor): readonly CatalogExport[] {
  authorize(platformPolicy.viewExports(actor), 'admin.exports');
  return moduleExports();
}

/** The roles the modules add, with how many active accounts hold each (People and roles). */
export async function moduleRoleCounts(db: Executor, actor: MaybeActor): Promise<{ module: string; role: string; people: number }[]> {
  authorize(platformPolicy.manageUsers(actor), 'users.list');
  const roles = moduleRoles().filter((r) => r.module !== 'platform');
  if (!roles.length) return [];
  const rows = await db
    .select({ role: userRoles.role, n: count() })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(inArray(userRoles.role, roles.map((r) => r.role)), isNull(users.disabledAt)))
    .groupBy(userRoles.role);
  return roles.map((r) => ({ ...r, people: rows.find((x) => x.role === r.role)?.n ?? 0 }));
}
