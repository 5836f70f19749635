import { z } from 'zod';
import { endpoint, listOf, listQuery, type ApiRoutes } from '../../platform/api/schemas.js';
import { fromPages, paged } from '../../platform/api/paging.js';
import { UNESCO_REGIONS } from '../../platform/geo/countries.js';
import { isWebUrl } from '../../platform/forms/fields.js';
import { DIRECTORY_PAGE_SIZE, KINDS, TOR_AREAS, directory, memberNumber, type DirectoryEntry } from './service.js';

/**
 * The fields the directory's card shows of a member who chose to show them (views/directory.tsx,
 * DirectoryCard): the member's summary is not among them, so it is not here either; the website
 * only when it is a web address the card would link to.
 */
const SHOWN = ['category', 'country', 'countriesOfOperation', 'affiliation', 'areas', 'workingGroups', 'languages'] as const;

const member = z
  .object({
    number: z.string().describe('The member number, e.g. M-0001.'),
    kind: z.enum(KINDS),
    name: z.string(),
    acronym: z.string().optional(),
    category: z.string().optional().describe('The type of organisation, or an individual member’s role.'),
    country: z.string().optional().describe('ISO 3166-1 alpha-2 code.'),
    countriesOfOperation: z.array(z.string()).optional(),
    affiliation: z.string().optional(),
    areas: z.array(z.string()).optional().describe('Thematic areas of the terms of reference.'),
    workingGroups: z.array(z.string()).optional().describe('Slugs of the working groups.'),
    languages: z.array(z.string()).optional(),
    website: z.string().optional(),
  })
  .meta({
    id: 'Member',
    description: 'What the public directory shows of a listed member: its name, kind and number always; each other field only when the member chose to show it (absent otherwise).',
  });
type MemberOut = z.output<typeof member>;

/** One directory entry as the card shows it: its consented fields only (the service's reading keeps no other). */
function memberOf(e: DirectoryEntry): MemberOut {
  const out: MemberOut = { number: memberNumber(e.number), kind: e.kind as MemberOut['kind'], name: e.name, ...(e.acronym ? { acronym: e.acronym } : {}) };
  for (const f of SHOWN) {
    const v = e.fields[f];
    if (v !== undefined) (out as Record<string, unknown>)[f] = v;
  }
  if (isWebUrl(e.fields.website)) out.website = e.fields.website;
  return out;
}

const short = (max: number) => z.string().trim().min(1).max(max);

/** The member directory (/members) as JSON: listed, active members, with the filters the page has. */
export const membershipApi: ApiRoutes = async (app, { db, config }) => {
  app.get(
    '/members',
    {
      schema: endpoint({
        operationId: 'listMembers',
        tag: 'membership',
        summary: 'The member directory, by name',
        description: 'Only members who chose to be listed, and of each only what they chose to show. A filter on a field matches only members who show that field.',
        query: listQuery({
          q: short(200).optional().describe('Part of the name or acronym.'),
          kind: z.enum(KINDS).optional(),
          category: short(40).optional(),
          country: z.string().regex(/^[A-Z]{2}$/).optional().describe('ISO 3166-1 alpha-2 code, in capitals.'),
          region: z.enum(UNESCO_REGIONS).optional(),
          workingGroup: short(80).optional().describe("A working group's slug."),
          area: z.enum(TOR_AREAS).optional(),
        }),
        response: listOf(member),
      }),
    },
    async (req, reply) => {
      const { q, kind, category, country, region, workingGroup, area } = req.query;
      const filter = { q, kind, category, country, region, workingGroup, area };
      const { rows, total } = await fromPages((page) => directory(db, { ...filter, page }), DIRECTORY_PAGE_SIZE, req.query);
      return paged(req, reply, config.baseUrl, req.query, rows.map(memberOf), total);
    },
  );
};
