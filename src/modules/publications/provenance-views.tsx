import type { PageContext } from '../../platform/http/page.js';
import type { FormState } from '../../platform/forms/validate.js';
import { Layout } from '../../platform/ui/layout.js';
import { BackLink, LocalizedText, SummaryList, esc } from '../../platform/ui/components.js';
import { Button, Checkboxes, Form, Select } from '../../platform/ui/form.js';
import { countryName, countryOptions } from '../../platform/geo/countries.js';
import { formatDate, formatList } from '../../platform/i18n/format.js';
import { isLocale, type Locale } from '../../platform/i18n/locales.js';
import { bdi, markup } from '../../platform/i18n/markup.js';
import { AUDIENCES, SDG4_TARGETS, inTargetOrder, sdgTargetName, type ItemView, type LinkedSession, type Provenance, type TagsForm } from './service.js';

/**
 * Where a publication comes from and what it is tagged with, on its public page and in the list;
 * the editors' form of its tags; the tag fields of the authors' form.
 */

const t = (c: PageContext, key: string, values?: Record<string, string | number>) => c.t(`publications.tags.${key}`, values);
const p = (c: PageContext, key: string, values?: Record<string, string | number>) => c.t(`publications.provenance.${key}`, values);
const localeOf = (l: string): Locale => (isLocale(l) ? l : 'en');

/** The list of publications filtered by one tag. */
const filtered = (c: PageContext, name: 'audience' | 'country' | 'sdg', value: string) => c.href(`/publications?${name}=${encodeURIComponent(value)}`);

/** Links to the list filtered by each value, as one phrase of the reader's language ("A, B and C"). */
function linkedList(c: PageContext, values: { href: string; label: string }[]) {
  return markup(
    new Intl.ListFormat(c.locale, { type: 'conjunction' })
      .formatToParts(values.map((_, i) => String(i)))
      .map((part) => (part.type === 'element' ? `<a href="${esc(values[Number(part.value)]!.href)}">${bdi(values[Number(part.value)]!.label).html}</a>` : esc(part.value)))
      .join(''),
  );
}

const countryLinks = (c: PageContext, codes: readonly string[]) => codes.map((code) => ({ href: filtered(c, 'country', code), label: countryName(code, c.locale) }));
const targetLinks = (c: PageContext, targets: readonly string[]) => inTargetOrder(targets).map((x) => ({ href: filtered(c, 'sdg', x), label: sdgTargetName(c.t, x) }));

/** The tag rows of an item's summary on its page: countries and SDG 4 targets, each a link to the list filtered by it. */
export function tagRows(c: PageContext, item: Pick<ItemView, 'countries' | 'sdgTargets'>): [string, JSX.Element][] {
  const rows: [string, JSX.Element][] = [];
  if (item.countries.length) rows.push([t(c, 'countries'), <span>{linkedList(c, countryLinks(c, item.countries)).html as 'safe'}</span>]);
  const targets = inTargetOrder(item.sdgTargets);
  if (targets.length) {
    rows.push([
      t(c, 'sdgTargets'),
      <ul>
        {targetLinks(c, targets).map((l) => (
          <li>
            <a href={l.href} safe>
              {l.label}
            </a>
          </li>
        ))}
      </ul>,
    ]);
  }
  return rows;
}

/** An item's tags in the list: who it is written for, its countries, its SDG 4 targets (each a link to the list filtered by it). */
export function EntryTags({ c, item }: { c: PageContext; item: { audiences: readonly string[]; countries?: readonly string[]; sdgTargets?: readonly string[] } }) {
  const audiences = item.audiences.map((a) => ({ href: filtered(c, 'audience', a), label: c.t('publications.read.audience', { audience: a }) }));
  const countries = countryLinks(c, item.countries ?? []);
  const targets = targetLinks(c, item.sdgTargets ?? []);
  const parts = [
    audiences.length ? c.th('publications.tags.audiencesLine', { list: linkedList(c, audiences) }) : '',
    countries.length ? c.th('publications.tags.countriesLine', { list: linkedList(c, countries) }) : '',
    targets.length ? c.th('publications.tags.sdgLine', { list: linkedList(c, targets) }) : '',
  ].filter(Boolean);
  return parts.length ? <p class="hint">{parts.join(' · ') as 'safe'}</p> : '';
}

/** The list's filters by country and SDG 4 target (fields of its GET form): the values in use, and the one asked for. */
export function TagFilters({ c, inUse, query }: { c: PageContext; inUse: { countries: string[]; sdgTargets: string[] }; query: { country?: string; sdg?: string } }) {
  const form = { values: { country: query.country ?? '', sdg: query.sdg ?? '' }, errors: [] };
  const codes = [...new Set([...inUse.countries, ...(query.country ? [query.country] : [])])];
  const collator = new Intl.Collator(c.locale);
  const countries = codes.map((code) => ({ value: code, label: countryName(code, c.locale) })).sort((a, b) => collator.compare(a.label, b.label));
  const targets = inTargetOrder([...inUse.sdgTargets, ...(query.sdg ? [query.sdg] : [])]);
  return (
    <>
      <Select c={c} name="country" label={t(c, 'country')} placeholder={c.t('admin.any')} options={countries} form={form} />
      <Select c={c} name="sdg" label={t(c, 'sdgTarget')} placeholder={c.t('admin.any')} options={targets.map((x) => ({ value: x, label: sdgTargetName(c.t, x) }))} form={form} />
    </>
  );
}

// ——— Where it comes from ———————————————————————————————————————————————————————————————————

function SessionLine({ c, s }: { c: PageContext; s: LinkedSession }) {
  const original = localeOf(s.meeting.originalLocale);
  return (
    <li>
      <a href={c.href(`/meetings/${s.meeting.slug}/agenda`)}>
        <LocalizedText c={c} value={s.title} original={original} />
      </a>
      {' — '}
      <LocalizedText c={c} value={s.meeting.title} original={original} />
      {', '}
      <time datetime={s.startsAt.toISOString()} safe>
        {formatDate(c.locale, s.startsAt, s.meeting.timeZone)}
      </time>
    </li>
  );
}

/**
 * "Where this comes from": the working group, its report, each consultation held on it (its state,
 * the comments published, its comment-and-response report once public) and the meeting sessions
 * where it was discussed. Only what is public; nothing when there is nothing.
 */
export function ProvenanceSection({ c, provenance: pr }: { c: PageContext; provenance: Provenance }) {
  const rows: [string, JSX.Element][] = [];
  if (pr.group) {
    rows.push([
      p(c, 'group'),
      <a href={c.href(`/working-groups/${pr.group.slug}`)}>
        <LocalizedText c={c} value={pr.group.name} original={pr.group.originalLocale} />
      </a>,
    ]);
  }
  if (pr.group && pr.report) {
    rows.push([
      p(c, 'report'),
      <>
        <a href={c.href(`/working-groups/${pr.group.slug}/reports/${pr.report.slug}`)}>
          <bdi lang={pr.report.locale === c.locale ? undefined : pr.report.locale} safe>
            {pr.report.title}
          </bdi>
        </a>{' '}
        <span class="hint" safe>
          {p(c, 'reportVersion', { n: pr.report.version })}
        </span>
      </>,
    ]);
  }
  if (pr.consultations.length) {
    rows.push([
      p(c, 'consultations'),
      <ul>
        {pr.consultations.map((k) => (
          <li>
            <a href={c.href(`/consultations/${k.slug}`)} safe>
              {p(c, 'consultation', { n: k.version })}
            </a>{' '}
            <span class="hint" safe>
              {`${p(c, 'state', { state: k.state, date: formatDate(c.locale, k.state === 'upcoming' ? k.opensAt : k.closesAt, c.timeZone) })} · ${p(c, 'comments', { count: k.comments })}`}
            </span>
            {k.responses ? (
              <>
                {' · '}
                <a href={c.href(`/consultations/${k.slug}/responses`)} safe>
                  {p(c, 'responses')}
                </a>
              </>
            ) : (
              ''
            )}
          </li>
        ))}
      </ul>,
    ]);
  }
  if (pr.sessions.length) {
    rows.push([
      p(c, 'sessions'),
      <ul>
        {pr.sessions.map((s) => (
          <SessionLine c={c} s={s} />
        ))}
      </ul>,
    ]);
  }
  if (!rows.length) return '';
  return (
    <section aria-labelledby="provenance">
      <h2 id="provenance" safe>
        {p(c, 'title')}
      </h2>
      <SummaryList rows={rows} />
    </section>
  );
}

// ——— The editors' form ———————————————————————————————————————————————————————————————————————

const sdgOptions = (c: PageContext) => SDG4_TARGETS.map((x) => ({ value: x, label: sdgTargetName(c.t, x) }));

/** The labels of the tag fields, for a form's error summary. */
export const tagLabels = (c: PageContext) => ({ audiences: t(c, 'audiences'), countries: t(c, 'countries'), sdgTargets: t(c, 'sdgTargets'), sessionIds: t(c, 'sessions') });

/** The countries and SDG 4 targets fields, as the authors' and the editors' forms show them. */
export function TagFields({ c, form }: { c: PageContext; form: FormState }) {
  return (
    <>
      <Select c={c} name="countries" label={t(c, 'countries')} hint={t(c, 'countriesHint')} options={countryOptions(c.locale)} multiple size={8} form={form} />
      <Checkboxes c={c} name="sdgTargets" label={t(c, 'sdgTargets')} hint={t(c, 'sdgHint')} options={sdgOptions(c)} form={form} />
    </>
  );
}

/** An item's tags as the form's values. */
export const tagValues = (item: Pick<ItemView, 'audiences' | 'countries' | 'sdgTargets' | 'sessionIds'>) => ({ audiences: item.audiences, countries: item.countries, sdgTargets: item.sdgTargets, sessionIds: item.sessionIds ?? [] });

function sessionLabel(c: PageContext, s: LinkedSession) {
  const original = localeOf(s.meeting.originalLocale);
  return `${c.text(s.title, original).text} — ${c.text(s.meeting.title, original).text}, ${formatDate(c.locale, s.startsAt, s.meeting.timeZone)}`;
}

/** The editors' page of an item's tags: audiences, countries, SDG 4 targets and, for a report, the meeting sessions where it was discussed. */
export function TagsPage({ c, data, form }: { c: PageContext; data: TagsForm; form: FormState }) {
  const { item } = data;
  const path = `/admin/publications/${item.number.toLowerCase()}`;
  const title = t(c, 'pageTitle', { number: item.number });
  const shown = form.errors.length ? form : undefined;
  return (
    <Layout c={c} title={title} admin form={shown} labels={tagLabels(c)} before={<BackLink href={c.href(path)} label={item.number} />}>
      <h1>{c.th('publications.tags.pageTitle', { number: item.number })}</h1>
      <p safe>{t(c, 'intro')}</p>
      <Form c={c} action={c.href(`${path}/tags`)} label={title}>
        <Checkboxes c={c} name="audiences" label={t(c, 'audiences')} options={AUDIENCES.map((a) => ({ value: a, label: c.t('publications.read.audience', { audience: a }) }))} form={form} />
        <TagFields c={c} form={form} />
        {item.kind === 'report' ? (
          data.sessions.length ? (
            <Checkboxes c={c} name="sessionIds" label={t(c, 'sessions')} hint={t(c, 'sessionsHint')} options={data.sessions.map((s) => ({ value: s.id, label: sessionLabel(c, s) }))} form={form} />
          ) : (
            <p safe>{t(c, 'noSessions')}</p>
          )
        ) : (
          ''
        )}
        <Button label={t(c, 'save')} />
      </Form>
    </Layout>
  );
}

/** The tags on the editors' page of an item: a summary, and the link to change them. */
export function tagsSummary(c: PageContext, item: Pick<ItemView, 'number' | 'countries' | 'sdgTargets'>): [string, JSX.Element][] {
  const targets = inTargetOrder(item.sdgTargets);
  return [
    [t(c, 'countries'), esc(item.countries.length ? formatList(c.locale, item.countries.map((code) => countryName(code, c.locale))) : '—')],
    [t(c, 'sdgTargets'), esc(targets.length ? formatList(c.locale, targets.map((x) => sdgTargetName(c.t, x))) : '—')],
    [
      t(c, 'edit'),
      <a href={c.href(`/admin/publications/${item.number.toLowerCase()}/tags`)} safe>
        {t(c, 'editLink')}
      </a>,
    ],
  ];
}
