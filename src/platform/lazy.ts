import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded when first used, not when Bridges starts: what only some requests
 * need (mail, calendars, feeds, sanitizing) then costs nothing to an instance that never serves
 * them, neither start time nor memory. Give the package's types: `lazyPackage<typeof import('x')>('x')`.
 */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
