import { authorize, platformPolicy, type MaybeActor } from '../policy.js';
import type { NavEntry } from '../module.js';

/** The Secretariat's home: the links of the Secretariat's area this person may open. */
export function adminLinks(actor: MaybeActor, nav: readonly NavEntry[]): { href: string; label: string }[] {
  authorize(platformPolicy.viewAdmin(actor), 'admin.view');
  return nav.filter((n) => n.area === 'admin' && (!n.visible || n.visible(actor))).map((n) => ({ href: n.href, label: n.label }));
}
