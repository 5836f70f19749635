import { hasRole, type MaybeActor } from '../../platform/policy.js';

const secretariat = (a: MaybeActor) => hasRole(a, 'secretariat');
const steering = (a: MaybeActor) => hasRole(a, 'steering');

/**
 * Who may do what with the figures of who takes part. The figures themselves are public (small
 * numbers suppressed); the targets are the Steering Committee's, set on its behalf by the
 * Secretariat, and public too, with the progress made.
 */
export const figuresPolicy = {
  /** The dashboard: every target with its progress year by year, and the form to set them. */
  dashboard: (a: MaybeActor) => secretariat(a) || steering(a),
  /** Set, change and remove a target. */
  setTargets: secretariat,
};
export type FiguresAction = keyof typeof figuresPolicy;
