import { describe, expect, it } from 'vitest';
import type { Actor, MaybeActor } from '../../platform/policy.js';
import { ACTORS } from '../../testing/policy.js';
import { consultationPolicy, inAudience, isOpen, type ConsultationAction, type ConsultationRef } from './policy.js';
import { nextState, MODERATION_ACTIONS } from './moderation.js';

const NOW = new Date('2026-12-04T12:00:00Z');
const at = (offsetHours: number) => new Date(NOW.getTime() + offsetHours * 3_600_000);
const consultation = (audience: ConsultationRef['audience'], opensAt = at(-24), closesAt = at(24)): ConsultationRef => ({ groupId: 'g1', audience, opensAt, closesAt });
const person = (roles: [string, string][], id = 'p'): Actor => ({ id, email: `${id}@example.org`, name: 'P', locale: null, roles: roles.map(([role, scope]) => ({ role, scope })) });

/** The usual kinds of people, and the people of the report's group (roles scoped to it) and of another group. */
const WHO = {
  ...ACTORS,
  chair: person([['member', ''], ['wg_chair', 'g1']]),
  groupMember: person([['wg_member', 'g1']]),
  otherChair: person([['member', ''], ['wg_chair', 'g2']]),
} satisfies Record<string, MaybeActor>;
type Who = keyof typeof WHO;
const only = (...who: Who[]) => Object.fromEntries(Object.keys(WHO).map((w) => [w, who.includes(w as Who)])) as Record<Who, boolean>;
const signedIn = only('user', 'member', 'steering', 'secretariat', 'chair', 'groupMember', 'otherChair');

describe('consultations policy: role × action', () => {
  const OPEN = consultation('public');
  /** Each rule as it is asked, for a public consultation open now, on a comment by someone else. */
  const ask: Record<ConsultationAction, (a: MaybeActor) => boolean> = {
    view: (a) => consultationPolicy.view(a),
    open: (a) => consultationPolicy.open(a, OPEN),
    administer: (a) => consultationPolicy.administer(a, OPEN),
    moderate: (a) => consultationPolicy.moderate(a, OPEN),
    invite: (a) => consultationPolicy.invite(a, OPEN),
    comment: (a) => consultationPolicy.comment(a, OPEN, NOW, false),
    flag: (a) => consultationPolicy.flag(a, { userId: 'someone-else' }),
    seeUnpublished: (a) => consultationPolicy.seeUnpublished(a, OPEN, { userId: 'someone-else' }),
    keepProfile: (a) => consultationPolicy.keepProfile(a),
    triage: (a) => consultationPolicy.triage(a, OPEN),
    respond: (a) => consultationPolicy.respond(a, OPEN),
    respondAssigned: (a) => consultationPolicy.respondAssigned(a, [{ assignedTo: 'someone-else' }]),
    seeResponses: (a) => consultationPolicy.seeResponses(a, { ...OPEN, concludedAt: null }),
  };
  const TABLE: Record<ConsultationAction, Record<Who, boolean>> = {
    view: only(...(Object.keys(WHO) as Who[])),
    open: only('secretariat', 'chair'),
    administer: only('secretariat', 'chair'),
    moderate: only('secretariat', 'chair'),
    invite: only('secretariat'),
    comment: signedIn,
    flag: signedIn,
    seeUnpublished: only('secretariat', 'chair'),
    keepProfile: signedIn,
    triage: only('secretariat', 'chair', 'groupMember'),
    respond: only('secretariat', 'chair'),
    respondAssigned: only(),
    seeResponses: only('secretariat', 'chair'),
  };
  it('has a row for every rule', () => expect(Object.keys(TABLE).sort()).toEqual(Object.keys(consultationPolicy).sort()));
  for (const rule of Object.keys(TABLE) as ConsultationAction[]) {
    it(rule, () => expect(Object.fromEntries((Object.keys(WHO) as Who[]).map((w) => [w, ask[rule](WHO[w])]))).toEqual(TABLE[rule]));
  }
  it('an author sees their own waiting or hidden comment; nobody flags their own', () => {
    expect(consultationPolicy.seeUnpublished(WHO.user, OPEN, { userId: WHO.user.id })).toBe(true);
    expect(consultationPolicy.flag(WHO.user, { userId: WHO.user.id })).toBe(false);
  });
});

describe('answering comments', () => {
  const OPEN = consultation('public');
  it('a colleague answers only comments handed to them, every one of them', () => {
    const colleague = person([['wg_member', 'g1']], 'colleague');
    expect(consultationPolicy.respondAssigned(colleague, [{ assignedTo: 'colleague' }, { assignedTo: 'colleague' }])).toBe(true);
    expect(consultationPolicy.respondAssigned(colleague, [{ assignedTo: 'colleague' }, { assignedTo: null }])).toBe(false);
    expect(consultationPolicy.respondAssigned(colleague, [])).toBe(false);
    expect(consultationPolicy.respondAssigned(null, [{ assignedTo: null }])).toBe(false);
  });
  it('the comment-and-response report is public once the final report is published', () => {
    expect(Object.fromEntries((Object.keys(WHO) as Who[]).map((w) => [w, consultationPolicy.seeResponses(WHO[w], { ...OPEN, concludedAt: NOW })]))).toEqual(only(...(Object.keys(WHO) as Who[])));
  });
});

describe('the audience', () => {
  const table = (audience: ConsultationRef['audience'], hasLink: boolean) => Object.fromEntries((Object.keys(WHO) as Who[]).map((w) => [w, inAudience(WHO[w], consultation(audience), hasLink)]));
  it('public: anyone signed in', () => expect(table('public', false)).toEqual(signedIn));
  it('members: members of the Alliance, the Steering Committee, the group’s people, and those who run it', () => expect(table('members', false)).toEqual(only('member', 'steering', 'secretariat', 'chair', 'groupMember', 'otherChair')));
  it('link: whoever followed the link, and those who run it', () => {
    expect(table('link', false)).toEqual(only('secretariat', 'chair'));
    expect(table('link', true)).toEqual(signedIn);
  });
});

describe('the window', () => {
  const c = consultation('public', at(0), at(48));
  it('opens at its opening time and closes at its closing time, exactly', () => {
    expect([at(-0.001), at(0), at(24), at(47.999), at(48), at(100)].map((t) => isOpen(c, t))).toEqual([false, true, true, true, false, false]);
  });
  it('nobody comments outside it, not even those who run it', () => {
    expect(consultationPolicy.comment(WHO.secretariat, c, at(48), false)).toBe(false);
    expect(consultationPolicy.comment(WHO.chair, c, at(-1), false)).toBe(false);
  });
});

describe('moderation states', () => {
  it('approve: waiting → published; hide: waiting or published → hidden; restore: hidden → published; keep: published stays; nothing else moves', () => {
    const states = ['pending', 'published', 'hidden'] as const;
    const table = Object.fromEntries(MODERATION_ACTIONS.map((step) => [step, Object.fromEntries(states.map((s) => [s, nextState(step, s)]))]));
    expect(table).toEqual({
      approve: { pending: 'published', published: null, hidden: null },
      hide: { pending: 'hidden', published: 'hidden', hidden: null },
      restore: { pending: null, published: null, hidden: 'published' },
      keep: { pending: null, published: 'published', hidden: null },
    });
  });
});
