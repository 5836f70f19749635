import type { Executor } from '../db/client.js';

/**
 * Events one module raises and others react to, without importing each other: a member approved
 * → subscribed to the newsletter. A module names what it raises by adding to `Events` (declaration
 * merging, next to the verb that raises it) and reacts through `on` in its manifest. Handlers run in
 * the raiser's transaction, in module order: the change and its consequences commit together, or
 * not at all. The manifests are handed over once, when the app or the command line starts.
 */
export interface Events {}

export type EventName = keyof Events;
export type EventHandler<K extends EventName = EventName> = (tx: Executor, payload: Events[K]) => Promise<void>;
export type EventHandlers = { [K in EventName]?: EventHandler<K> };

let handlers: { name: string; on: EventHandlers }[] | null = null;

/** Hands the platform every manifest's `on` (buildApp and the command line do this). */
export function registerEventHandlers(manifests: readonly { name: string; on?: EventHandlers }[]): void {
  handlers = manifests.flatMap((m) => (m.on ? [{ name: m.name, on: m.on }] : []));
}

/** Raises an event in the caller's transaction: every module's handler for it runs now, in that transaction. */
export async function emit<K extends EventName>(tx: Executor, name: K, payload: Events[K]): Promise<void> {
  if (!handlers) throw new Error('registerEventHandlers() was not called: nobody would hear this event (buildApp and the command line register the handlers).');
  for (const m of handlers) await (m.on[name] as EventHandler<K> | undefined)?.(tx, payload);
}

/**
 * A handler's refusal of the change it hears of (e.g. a report cannot be final while comments on it
 * have no answer): thrown from the handler, it rolls the raiser's transaction back, and the raiser
 * tells the person why with the message it carries (a key of the catalogs and its values).
 */
export class Refusal extends Error {
  constructor(
    readonly key: string,
    readonly values: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'Refusal';
  }
}
