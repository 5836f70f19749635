import { z } from 'zod';
import { endpoint, i18nText, texts, type ApiRoutes } from '../../platform/api/schemas.js';
import { LOCALES } from '../../platform/i18n/locales.js';
import { translate } from '../../platform/i18n/messages.js';
import { INCOME_YEARS } from '../../platform/geo/countries.js';
import { DIMENSIONS } from '../../platform/figures/contract.js';
import type { Shown } from '../../platform/charts/suppress.js';
import { whoTakesPart } from './service.js';

/** A published number: the count, or that it is small (1 to threshold − 1), or not shown. */
const count = z
  .object({
    shown: z.enum(['value', 'small', 'hidden']).describe('value: the count is given; small: 1 to threshold − 1 people, not given; hidden: not shown, so that a small number cannot be worked out from the totals.'),
    count: z.number().int().nullable().describe('The count when shown, else null.'),
  })
  .meta({ id: 'PublishedCount' });

const breakdown = z.array(z.object({ group: z.string().describe('A stakeholder type, an M49 region code, an income group, or "not-stated".'), counts: z.array(count).describe('One per year, in the order of `years`.') }));

const figures = z
  .object({
    years: z.array(z.number().int()),
    incomeClassification: z.string().describe('The World Bank classification countries were placed in, e.g. FY2026.'),
    threshold: z.number().int().describe('The smallest count published as a number (other than 0).'),
    figures: z.array(
      z.object({
        key: z.string(),
        name: i18nText,
        definition: i18nText,
        incomeAtTheTime: z.boolean().describe('Income groups as kept with each record (in the classification of its time), not from the classification asked for.'),
        totals: z.array(count),
        stakeholder: breakdown,
        region: breakdown,
        income: breakdown,
      }),
    ),
    targets: z.array(
      z.object({
        figure: z.string(),
        dimension: z.enum(DIMENSIONS),
        groups: z.array(z.string()),
        percent: z.number().int(),
        byYear: z.number().int(),
        reached: z.array(z.number().nullable()).describe('The share reached each year (0 to 1), from the published numbers; null when they do not give it.'),
      }),
    ),
  })
  .meta({ id: 'WhoTakesPart' });

const asCount = (s: Shown) => (s.kind === 'value' ? { shown: 'value' as const, count: s.value } : { shown: s.kind, count: null });
const inEveryLanguage = (key: string) => texts(Object.fromEntries(LOCALES.map((l) => [l, translate(l, key)])));

/** "Who takes part" as JSON: the same published (suppressed) figures as the public page, every year. */
export const figuresApi: ApiRoutes = async (app, { db }) => {
  app.get(
    '/figures',
    {
      schema: endpoint({
        operationId: 'getFigures',
        tag: 'figures',
        summary: 'Who takes part: every figure, year by year, by stakeholder type, UN M49 region and World Bank income group',
        description: 'Small numbers are suppressed as on the public page: no number lets a reader work out that 1 to threshold − 1 people are in a group.',
        query: z.strictObject({ income: z.enum(INCOME_YEARS as [string, ...string[]]).optional().describe('The income classification, e.g. FY2026 (the one in force by default).') }),
        response: figures,
      }),
    },
    async (req) => {
      const v = await whoTakesPart(db, { income: req.query.income });
      const p = v.published;
      return {
        years: p.years,
        incomeClassification: p.incomeYear,
        threshold: p.threshold,
        figures: p.figures.map((f) => ({
          key: f.key,
          name: inEveryLanguage(f.label),
          definition: inEveryLanguage(f.definition),
          incomeAtTheTime: f.incomeAtTheTime,
          totals: f.totals.map(asCount),
          ...Object.fromEntries(DIMENSIONS.map((d) => [d, f.by[d].categories.map((group, r) => ({ group, counts: f.by[d].cells[r]!.map(asCount) }))])),
        })) as z.infer<typeof figures>['figures'],
        targets: v.targets.map((t) => ({ figure: t.target.figure, dimension: t.group.dimension, groups: t.group.groups, percent: t.target.percent, byYear: t.target.byYear, reached: t.reached.map((r) => r?.share ?? null) })),
      };
    },
  );
};
