import type { FastifyRequest } from 'fastify';

/** A parameter of the route's path as text ('' when the route has none by that name). */
export const routeParam = (req: FastifyRequest, name: string): string => String((req.params as Record<string, string>)[name] ?? '');
