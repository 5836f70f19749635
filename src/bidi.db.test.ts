import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { signedIn, testApp, type TestApp } from './testing/app.js';
import { applyAs, sampleIndividual } from './modules/membership/factories.js';
import { loadCatalog } from './platform/i18n/messages.js';

/**
 * Arabic pages with Latin names, titles, codes, time zones and quotes in their sentences: every piece
 * of Latin text is either a word the Arabic translation itself uses (PDF, JavaScript…) or set apart
 * in an isolating element (`<bdi>`, or an element with a `dir`), so the sentence around it keeps its
 * order — "حسابك (Alliance Secretariat)" and not "(Alliance Secretariat) حسابك".
 */

let t: TestApp;
let cookie: string;
let applicantToken: string;
beforeAll(async () => {
  t = await testApp({}, { demo: true });
  cookie = await signedIn(t, { email: 'desk@example.org', name: 'Alliance Desk (Nairobi)', roles: ['secretariat'] });
  ({ token: applicantToken } = await applyAs(t.db, { kind: 'individual', email: 'ana@example.org', locale: 'ar', data: sampleIndividual({ name: 'Ana Pereira «AP»:' }) }));
}, 180_000); // the whole demo is loaded
afterAll(() => t.close());

/** The Latin words the Arabic catalog writes itself (product names, file formats): they need no isolation. */
const catalogWords = (() => {
  const words = new Set<string>();
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.literal) for (const w of el.value.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []) words.add(w);
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) walk(o.value);
      if (el.type === TYPE.tag) walk(el.children);
    }
  };
  for (const source of Object.values(loadCatalog('ar'))) walk(parse(source, { ignoreTag: true }));
  return words;
})();

const isolating = (el: Element) => el.name === 'bdi' || (el.name !== 'html' && el.attribs.dir !== undefined);
const BLOCKS = new Set(['body', 'p', 'li', 'dt', 'dd', 'td', 'th', 'caption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'div', 'label', 'legend', 'figcaption', 'summary', 'blockquote', 'option', 'button', 'nav', 'header', 'footer', 'main', 'section', 'ul', 'ol', 'dl', 'form', 'fieldset', 'table', 'tr', 'details', 'figure', 'article', 'aside']);
const ARABIC = /[\u0600-\u06FF]/;

/**
 * The Latin words of the page that sit in an Arabic sentence without an isolating element around
 * them, unless the Arabic catalog itself writes them (PDF, JavaScript): for each block (paragraph,
 * heading, list item, cell…), the text outside isolates that mixes Arabic letters with such words.
 * Text people wrote in Markdown (a page's body, the footer) is theirs, mixed as they wrote it.
 */
function unisolatedLatin(html: string): string[] {
  const found: string[] = [];
  const check = (texts: string[]) => {
    const text = texts.join('').replace(/\s+/g, ' ').trim();
    if (!ARABIC.test(text)) return;
    for (const w of text.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []) if (!catalogWords.has(w)) found.push(`${w} in “${text}”`);
  };
  /** Collects the block's own text, outside isolates; nested blocks are checked on their own. */
  const visit = (node: ChildNode, own: string[]) => {
    if (node.type === 'text') return void own.push(node.data);
    if (node.type !== 'tag') return;
    const el = node as Element;
    if (['head', 'script', 'style', 'title', 'template', 'textarea'].includes(el.name)) return;
    if (/\b(prose|footer-text)\b/.test(el.attribs.class ?? '')) return;
    if (isolating(el)) return void own.push(' ');
    if (BLOCKS.has(el.name)) {
      const inner: string[] = [];
      for (const child of el.children) visit(child, inner);
      check(inner);
      own.push(' ');
      return;
    }
    for (const child of el.children) visit(child, own);
  };
  const top: string[] = [];
  for (const child of parseDocument(html).children) visit(child, top);
  check(top);
  return found;
}

const page = async (url: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
  expect(res.statusCode, url).toBe(200);
  return res.body;
};

describe('Latin text on Arabic pages', () => {
  it('the account link in the header isolates the person’s name', async () => {
    const html = await page('/ar/');
    expect(html).toContain('حسابك (<bdi>Alliance Desk (Nairobi)</bdi>)');
    expect(unisolatedLatin(html)).toEqual([]);
  });

  it('a meeting page isolates its time zone in its times and its registration deadline', async () => {
    const html = await page('/ar/meetings/building-bridges-2027');
    expect(html).toMatch(/باب التسجيل المسبق مفتوح حتى <bdi>[^<]+ \(<bdi>Africa\/Nairobi<\/bdi> \([^<]+\)\)<\/bdi>\./);
    expect(unisolatedLatin(html)).toEqual([]);
  });

  it('the comment-and-response report isolates the report’s title in its heading, names and quotes', async () => {
    const html = await page('/ar/consultations/coaching-at-a-distance-v1/responses');
    // The heading's colon stays the Arabic sentence's, outside the isolated title.
    expect(html).toContain('<h1>التعليقات والردود: <bdi>Coaching teachers at a distance</bdi></h1>');
    expect(unisolatedLatin(html)).toEqual([]);
  });

  it('an application as the Secretariat reviews it isolates its reference and the applicant’s name', async () => {
    const queue = await page('/ar/admin/applications');
    const id = queue.match(/href="\/ar\/admin\/applications\/([0-9a-f-]{36})"/)![1];
    expect(unisolatedLatin(await page(`/ar/admin/applications/${id}`))).toEqual([]);
  });

  it('the applicant’s status page keeps the quotes and colon of a name inside its isolate', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/ar/apply/${applicantToken}` });
    expect(res.statusCode).toBe(200);
    expect(unisolatedLatin(res.body)).toEqual([]);
  });
});
