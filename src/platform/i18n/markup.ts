import { escapeHtml } from '@kitajs/html';

/** A piece of HTML already escaped, given as a value to `translateHtml` (`c.th`), which inserts it as is. */
export class Markup {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

/** Marks HTML built from escaped parts (e.g. a time zone with its own `<bdi>`) as safe to pass to `c.th`. */
export const markup = (html: string): Markup => new Markup(html);

/** Text set apart in `<bdi>` (escaped): a name, code or title of either direction inside a sentence. */
export const bdi = (text: string): Markup => new Markup(`<bdi>${escapeHtml(text)}</bdi>`);
