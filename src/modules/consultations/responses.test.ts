import { describe, expect, it } from 'vitest';
import { whyNotFinal } from './responses.js';

/** The rule that keeps a report from being final while its consultation is not done with. */
describe('no final version while a comment has no answer', () => {
  const closesAt = new Date('2026-12-01T12:00:00.000Z');
  const none = { unanswered: 0, waiting: 0 };

  it('is refused while the consultation is open, to the millisecond, saying when it closes', () => {
    expect(whyNotFinal({ closesAt }, none, new Date(closesAt.getTime() - 1))).toEqual({ key: 'consultations.responses.refused.open', values: { closes: '2026-12-01 12:00 UTC' } });
    expect(whyNotFinal({ closesAt }, none, closesAt)).toBeNull();
  });

  it('is refused while a comment has no answer or waits for a moderator, saying how many', () => {
    const later = new Date(closesAt.getTime() + 1);
    expect(whyNotFinal({ closesAt }, { unanswered: 1, waiting: 0 }, later)).toEqual({ key: 'consultations.responses.refused.unanswered', values: { n: 1, waiting: 0 } });
    expect(whyNotFinal({ closesAt }, { unanswered: 0, waiting: 2 }, later)).toEqual({ key: 'consultations.responses.refused.unanswered', values: { n: 0, waiting: 2 } });
    expect(whyNotFinal({ closesAt }, { unanswered: 3, waiting: 1 }, later)).toMatchObject({ values: { n: 3, waiting: 1 } });
    expect(whyNotFinal({ closesAt }, none, later)).toBeNull();
  });
});
