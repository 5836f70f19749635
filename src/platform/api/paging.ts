import type { FastifyReply, FastifyRequest } from 'fastify';

/** A page asked for: its number from 1, and its size. */
export interface PageAsked {
  page: number;
  limit: number;
}

export interface Paged<T> {
  data: T[];
  page: number;
  limit: number;
  total: number;
  links: { self: string; first: string; prev: string | null; next: string | null };
}

/** The asked page of a list read whole (a short one: a meeting's programme, the consultations). */
export function sliceOf<T>(all: readonly T[], asked: PageAsked): { rows: T[]; total: number } {
  const from = (asked.page - 1) * asked.limit;
  return { rows: all.slice(from, from + asked.limit), total: all.length };
}

/**
 * The asked page of a list a service reads in pages of its own fixed size (the directory's 25, the
 * publications' 50): the one or few of its pages that cover the asked items, cut to them.
 */
export async function fromPages<T>(read: (page: number) => Promise<{ rows: T[]; total: number }>, size: number, asked: PageAsked): Promise<{ rows: T[]; total: number }> {
  const from = (asked.page - 1) * asked.limit;
  const first = Math.floor(from / size) + 1;
  const last = Math.floor((from + asked.limit - 1) / size) + 1;
  const pages: { rows: T[]; total: number }[] = [];
  for (let p = first; p <= last; p++) {
    const got = await read(p);
    pages.push(got);
    if (got.rows.length < size) break;
  }
  const total = pages[0]?.total ?? 0;
  const rows = pages.flatMap((p) => p.rows);
  const skip = from - (first - 1) * size;
  return { rows: rows.slice(skip, skip + asked.limit), total };
}

/**
 * A page of a list as every list endpoint answers it: the items, where the page is, and absolute
 * links to the first, previous and next pages (the same query otherwise); the next and previous
 * pages are also given in a Link header.
 */
export function paged<T>(req: FastifyRequest, reply: FastifyReply, baseUrl: string, asked: PageAsked, rows: T[], total: number): Paged<T> {
  const path = req.url.split('?')[0]!;
  const query = Object.entries((req.query ?? {}) as Record<string, unknown>).filter(([k, v]) => k !== 'page' && k !== 'limit' && v !== undefined && v !== '' && typeof v !== 'object');
  const href = (page: number) => {
    const params = new URLSearchParams([...query.map(([k, v]) => [k, String(v)] as [string, string]), ['page', String(page)], ['limit', String(asked.limit)]]);
    return `${baseUrl}${path}?${params.toString()}`;
  };
  const pages = Math.max(1, Math.ceil(total / asked.limit));
  const prev = asked.page > 1 ? href(Math.min(asked.page - 1, pages)) : null;
  const next = asked.page < pages ? href(asked.page + 1) : null;
  const link = [next ? `<${next}>; rel="next"` : '', prev ? `<${prev}>; rel="prev"` : ''].filter(Boolean).join(', ');
  if (link) reply.header('link', link);
  return { data: rows, page: asked.page, limit: asked.limit, total, links: { self: href(asked.page), first: href(1), prev, next } };
}
