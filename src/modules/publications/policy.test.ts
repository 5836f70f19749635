import { describe, expect, it } from 'vitest';
import type { Actor, MaybeActor } from '../../platform/policy.js';
import { ACTORS } from '../../testing/policy.js';
import { publicationPolicy, seriesInQueue, type ItemRef, type PublicationAction } from './policy.js';

const NOW = new Date('2026-12-04T12:00:00Z');
const person = (id: string, roles: [string, string][]): Actor => ({ id, email: `${id}@example.org`, name: id, locale: null, roles: roles.map(([role, scope]) => ({ role, scope })) });

/** The usual people, the item's author, an editor of its series (s1), an editor of another series, and a reviewer. */
const WHO = {
  ...ACTORS,
  author: person('author', []),
  editor: person('editor', [['pub_editor', 's1']]),
  otherEditor: person('other-editor', [['pub_editor', 's2']]),
  reviewer: person('reviewer', []),
} satisfies Record<string, MaybeActor>;
type Who = keyof typeof WHO;
const only = (...who: Who[]) => Object.fromEntries(Object.keys(WHO).map((w) => [w, who.includes(w as Who)])) as Record<Who, boolean>;
const signedIn = only('user', 'member', 'steering', 'secretariat', 'author', 'editor', 'otherEditor', 'reviewer');

describe('publications policy: role × action', () => {
  const IN_REVIEW: ItemRef = { seriesId: 's1', state: 'in_review', submittedBy: 'author' };
  const OPEN_CALL = { opensAt: new Date(NOW.getTime() - 86_400_000), closesAt: new Date(NOW.getTime() + 86_400_000) };
  /** Each rule as it is asked: an item of series s1 in review, by `author`; an open call; an assignment of `reviewer`. */
  const ask: Record<PublicationAction, (a: MaybeActor) => boolean> = {
    read: (a) => publicationPolicy.read(a, { state: 'published' }),
    submit: (a) => publicationPolicy.submit(a, OPEN_CALL, NOW),
    follow: (a) => publicationPolicy.follow(a, IN_REVIEW),
    actAsAuthor: (a) => publicationPolicy.actAsAuthor(a, IN_REVIEW),
    edit: (a) => publicationPolicy.edit(a, IN_REVIEW),
    manage: (a) => publicationPolicy.manage(a),
    review: (a) => publicationPolicy.review(a, { reviewerId: 'reviewer' }),
  };
  const TABLE: Record<PublicationAction, Record<Who, boolean>> = {
    read: only(...(Object.keys(WHO) as Who[])),
    submit: signedIn,
    follow: only('secretariat', 'author', 'editor'),
    actAsAuthor: only('author'),
    edit: only('secretariat', 'editor'),
    manage: only('secretariat', 'editor', 'otherEditor'),
    review: only('reviewer'),
  };
  it('has a row for every rule', () => expect(Object.keys(TABLE).sort()).toEqual(Object.keys(publicationPolicy).sort()));
  for (const rule of Object.keys(TABLE) as PublicationAction[]) {
    it(rule, () => expect(Object.fromEntries((Object.keys(WHO) as Who[]).map((w) => [w, ask[rule](WHO[w])]))).toEqual(TABLE[rule]));
  }

  it('nobody reads an item before it is published, not even its author or editor, on the public pages', () => {
    for (const state of ['submitted', 'in_review', 'accepted', 'copyediting', 'declined', 'withdrawn'] as const) {
      for (const who of Object.values(WHO)) expect(publicationPolicy.read(who, { state })).toBe(false);
    }
  });

  it('takes submissions only while the call is open: not before it opens, not from its deadline on', () => {
    expect(publicationPolicy.submit(WHO.user, { opensAt: new Date(NOW.getTime() + 1), closesAt: new Date(NOW.getTime() + 86_400_000) }, NOW)).toBe(false);
    expect(publicationPolicy.submit(WHO.user, { opensAt: new Date(NOW.getTime() - 86_400_000), closesAt: NOW }, NOW)).toBe(false);
  });

  it('gives the Secretariat every series in its queue, an editor only their own', () => {
    expect(seriesInQueue(WHO.secretariat)).toBeNull();
    expect(seriesInQueue(WHO.editor)).toEqual(['s1']);
    expect(seriesInQueue(WHO.member)).toEqual([]);
    expect(seriesInQueue(null)).toEqual([]);
  });
});
