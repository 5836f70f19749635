import type { FastifyRequest } from 'fastify';

/** A parameter of the route's path as text ('' when the route has none by that name). */
export const routeParam = (req: FastifyRequest, name: string): string => String((req.params as Record<string, string>)[name] ?? '');

/** The token of an `Authorization: Bearer <token>` header (RFC 6750: the scheme in any case, spaces around), or null. */
export const bearerToken = (header: string | undefined): string | null => /^Bearer +(\S+) *$/i.exec(header ?? '')?.[1] ?? null;
