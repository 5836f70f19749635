import { hasRole, type MaybeActor } from '../../platform/policy.js';

const secretariat = (a: MaybeActor) => hasRole(a, 'secretariat');
const steering = (a: MaybeActor) => hasRole(a, 'steering');

/**
 * Who may do what with the annual report. It is the Steering Committee's report, prepared with the
 * Secretariat: both read the list of years and download the report of any year, in any language
 * offered. It holds only what is public or published (figures with small numbers suppressed).
 */
export const annualReportPolicy = {
  /** The years' list and the reports as PDF. */
  view: (a: MaybeActor) => secretariat(a) || steering(a),
};
export type AnnualReportAction = keyof typeof annualReportPolicy;
