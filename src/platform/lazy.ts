import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A value made when first asked for, then kept: what only some requests need costs a start nothing. */
export function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/**
 * A CommonJS package loaded when first used, not when Bridges starts: what only some requests
 * need (mail, calendars, feeds, sanitizing) then costs nothing to an instance that never serves
 * them, neither start time nor memory. Give the package's types: `lazyPackage<typeof import('x')>('x')`.
 */
export function lazyPackage<T>(name: string): () => T {
  return lazy(() => require(name) as T);
}
