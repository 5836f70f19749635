import { marked } from 'marked';
import { createRequire } from 'node:module';
import type sanitizeHtmlType from 'sanitize-html';

/**
 * Markdown written by the Secretariat or a working group's chairs (a newsletter issue, a report),
 * as HTML for readers. It is trusted for formatting only: raw HTML in it is cut down to a short
 * allowlist, links to http(s) and mailto, images to http(s). A heading level 1 belongs to the
 * page, so the text's own headings start at 2.
 */
/** Loaded on the first text drawn (about 15 MB an instance that draws none never pays). */
let sanitizer: typeof sanitizeHtmlType | undefined;
const sanitizeHtml = (html: string, options: sanitizeHtmlType.IOptions) => (sanitizer ??= createRequire(import.meta.url)('sanitize-html') as typeof sanitizeHtmlType)(html, options);

const ALLOWED: sanitizeHtmlType.IOptions = {
  allowedTags: ['h2', 'h3', 'h4', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'strong', 'em', 'a', 'blockquote', 'code', 'pre', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'title', 'width', 'height'], th: ['scope'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  transformTags: { h1: 'h2', a: (_tag, attribs) => ({ tagName: 'a', attribs: { ...attribs, rel: 'noopener' } }) },
  // An image whose address was refused (javascript:, data:) is dropped rather than left empty.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

export function markdownToHtml(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: false }) as string;
  return sanitizeHtml(html, ALLOWED);
}
