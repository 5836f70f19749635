import { localize, type I18nText } from '../../platform/i18n/content.js';
import { direction, isLocale, type Locale } from '../../platform/i18n/locales.js';
import { translator } from '../../platform/i18n/messages.js';
import { formatDate, formatMoney } from '../../platform/i18n/format.js';
import { countryName } from '../../platform/geo/countries.js';
import { renderPdf, type PdfRenderers } from '../../platform/pdf/pool.js';
import { DateTime } from 'luxon';
import type { CategoryRow, MeetingRow, RegistrationRow } from './registration.js';

/**
 * The meeting's printed documents: the invitation letter a participant shows a consulate for a
 * visa, and the badges the Secretariat prints. Names are printed as the people typed them, in any
 * script; the rest of the text is in the language asked for.
 */

/** The PDF layer (pdfkit and its fonts) is loaded on the first document, in a PDF pool worker. */
const pdf = () => import('../../platform/pdf/index.js');

/**
 * The documents are drawn in the PDF pool's workers, off the event loop: the worker imports this
 * module and calls these functions with the input as plain data. Each sets the file's dates from
 * `issuedAt`, so the same input gives the same bytes, and the pool caches them.
 */
export const renderers = { letter: drawInvitationLetter, badges: drawBadges } satisfies PdfRenderers;

/** A document's input with its day of issue: midnight in the meeting's time zone. */
type Dated<T> = T & { issuedAt: Date };
const today = (timeZone: string) => DateTime.now().setZone(timeZone).startOf('day').toJSDate();

const A4 = { width: 595.28, height: 841.89 };
const mm = (n: number) => (n * 72) / 25.4;

const original = (m: Pick<MeetingRow, 'originalLocale'>): Locale => (isLocale(m.originalLocale) ? m.originalLocale : 'en');
const text = (value: I18nText, locale: Locale, m: Pick<MeetingRow, 'originalLocale'>) => localize(value, locale, original(m)).text;

export interface LetterInput {
  meeting: MeetingRow;
  reg: RegistrationRow;
  /** The Alliance's name, in the letter's language. */
  alliance: string;
  /** Travel financing granted to the participant (0 when none). */
  financingAmount: number;
  locale: Locale;
  /** The day the letter is issued; default today. */
  issuedAt?: Date;
}

/** The passport name a letter is made out to, or null when the participant has not given one. */
export function passportNameOf(reg: Pick<RegistrationRow, 'answers'>): string | null {
  const name = (reg.answers as { passportName?: unknown }).passportName;
  return typeof name === 'string' && name.trim() ? name.trim() : null;
}

/** The invitation letter for a visa: A4, in `locale`, made out to the passport name, signed by the meeting's signatory. */
export function invitationLetter(input: LetterInput): Promise<Buffer> {
  return renderPdf({ module: import.meta.url, kind: 'letter', input: { ...input, issuedAt: input.issuedAt ?? today(input.meeting.timeZone) } });
}

async function drawInvitationLetter(input: Dated<LetterInput>): Promise<Buffer> {
  const { drawLine, drawParagraph, newDocument, toBuffer } = await pdf();
  const { meeting: m, reg, locale } = input;
  const t = translator(locale);
  const dir = direction(locale);
  const passportName = passportNameOf(reg) ?? reg.name;
  const title = text(m.title, locale, m);
  const doc = newDocument({ size: 'A4', margin: mm(25), info: { Title: `${t('meetings.letter.title')} — ${passportName}`, Author: input.alliance, CreationDate: input.issuedAt, ModDate: input.issuedAt } });
  const x = mm(25);
  const width = A4.width - 2 * x;
  const para = (s: string, y: number, opts: { size?: number; bold?: boolean; gap?: number } = {}) =>
    drawParagraph(doc, s, { x, y, width, size: opts.size ?? 11, bold: opts.bold, direction: dir, lineGap: 3 }) + (opts.gap ?? 10);

  let y = mm(22);
  y = para(input.alliance, y, { size: 15, bold: true, gap: 2 });
  doc.save().moveTo(x, y).lineTo(x + width, y).lineWidth(0.8).strokeColor('#0b4f8a').stroke().restore();
  y += 14;
  const issued = formatDate(locale, input.issuedAt, m.timeZone, 'long');
  drawLine(doc, t('meetings.letter.placeDate', { place: text(m.venueName, locale, m), date: issued }), { x, y, width, size: 11, align: 'end', direction: dir });
  y += 34;
  y = para(t('meetings.letter.title'), y, { size: 16, bold: true, gap: 6 });
  y = para(t('meetings.letter.subject', { meeting: title }), y, { bold: true, gap: 16 });
  y = para(t('meetings.letter.greeting'), y);
  const dates = { start: formatDate(locale, m.startsAt, m.timeZone, 'long'), end: formatDate(locale, m.endsAt, m.timeZone, 'long') };
  y = para(
    t('meetings.letter.body', { alliance: input.alliance, passportName, country: countryName(reg.country, locale), meeting: title, venue: text(m.venueName, locale, m), address: m.venueAddress.replace(/\s*\n\s*/g, ', '), ...dates }),
    y,
  );
  if (reg.organization) y = para(t('meetings.letter.organization', { passportName, organization: reg.organization }), y);
  y = para(t('meetings.letter.purpose'), y);
  y = para(
    input.financingAmount > 0
      ? t('meetings.letter.financing', { alliance: input.alliance, amount: formatMoney(locale, input.financingAmount, m.financingCurrency) })
      : t('meetings.letter.noCost', { alliance: input.alliance }),
    y,
  );
  y = para(t('meetings.letter.support'), y, { gap: 18 });
  y = para(t('meetings.letter.closing'), y, { gap: 40 });
  if (m.letterSignatoryName) y = para(m.letterSignatoryName, y, { bold: true, gap: 2 });
  const signatoryTitle = text(m.letterSignatoryTitle, locale, m);
  if (signatoryTitle) y = para(signatoryTitle, y, { gap: 2 });
  para(input.alliance, y, { gap: 0 });
  drawLine(doc, t('meetings.letter.reference', { ref: `${m.slug}-${reg.seq} / ${reg.checkInCode}` }), { x, y: A4.height - mm(20), width, size: 8, color: '#505a5f', direction: dir });
  return toBuffer(doc);
}

/** Black or white, whichever reads better on the category's colour (WCAG relative luminance). */
export function textColourOn(hex: string): '#000000' | '#ffffff' {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

export interface BadgeInput {
  meeting: MeetingRow;
  regs: RegistrationRow[];
  categories: CategoryRow[];
  locale: Locale;
  /** The day the badges are printed (the file's date); default today. */
  issuedAt?: Date;
}

/**
 * Badges, four A6 badges to an A4 page (cut along the grey lines): the category's colour as a band
 * with its name, then the person's name, organization and country, and the meeting at the foot.
 */
export function badges(input: BadgeInput): Promise<Buffer> {
  return renderPdf({ module: import.meta.url, kind: 'badges', input: { ...input, issuedAt: input.issuedAt ?? today(input.meeting.timeZone) } });
}

async function drawBadges(input: Dated<BadgeInput>): Promise<Buffer> {
  const { drawLine, newDocument, toBuffer } = await pdf();
  const { meeting: m, locale } = input;
  const byId = new Map(input.categories.map((c) => [c.id, c]));
  const doc = newDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: text(m.title, locale, m), CreationDate: input.issuedAt, ModDate: input.issuedAt } });
  const w = A4.width / 2;
  const h = A4.height / 2;
  const pad = mm(8);
  input.regs.forEach((reg, i) => {
    if (i % 4 === 0) {
      doc.addPage();
      doc.save().lineWidth(0.5).strokeColor('#b1b4b6').dash(3, { space: 3 });
      doc.moveTo(w, 0).lineTo(w, A4.height).stroke();
      doc.moveTo(0, h).lineTo(A4.width, h).stroke();
      doc.restore();
    }
    const x = (i % 2) * w;
    const y = (Math.floor(i / 2) % 2) * h;
    const category = byId.get(reg.categoryId);
    const colour = category?.colour ?? '#0b4f8a';
    doc.save().rect(x, y, w, mm(22)).fill(colour).restore();
    if (category) drawLine(doc, text(category.name, locale, m), { x: x + pad, y: y + mm(7), width: w - 2 * pad, size: 13, bold: true, align: 'center', color: textColourOn(colour) });
    drawLine(doc, reg.name, { x: x + pad, y: y + mm(45), width: w - 2 * pad, size: 24, bold: true, align: 'center', direction: 'auto' });
    if (reg.organization) drawLine(doc, reg.organization, { x: x + pad, y: y + mm(62), width: w - 2 * pad, size: 14, align: 'center', direction: 'auto' });
    drawLine(doc, countryName(reg.country, locale), { x: x + pad, y: y + mm(84), width: w - 2 * pad, size: 13, align: 'center', direction: direction(locale), color: '#505a5f' });
    drawLine(doc, text(m.title, locale, m), { x: x + pad, y: y + h - mm(18), width: w - 2 * pad, size: 9, align: 'center', direction: direction(locale), color: '#505a5f' });
  });
  if (input.regs.length === 0) doc.addPage();
  return toBuffer(doc);
}
