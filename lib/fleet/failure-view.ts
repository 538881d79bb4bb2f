import { READ_ROLES, SOURCE_NAMES } from '../catalog/sources';
import type { QueryFailure } from '../sources/runner';

/**
 * How a failed query reads in a panel, after Headlamp: a missing permission is information
 * (it names the role and where it is needed), not found is said as such, throttling says
 * when to try again, anything else is a warning whose raw details sit behind a toggle.
 */
export interface FailureView {
  level: 'info' | 'warning';
  /** One line in the reader's words, naming the source. */
  headline: string;
  /** The backend's own message and status, for the toggle; null when the headline says it all. */
  details: string | null;
}

export function failureView(failure: QueryFailure): FailureView {
  const source = SOURCE_NAMES[failure.source];
  const raw = [
    failure.status ? `HTTP ${failure.status}` : null,
    failure.message,
    failure.scope ? `scope: ${failure.scope}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  switch (failure.failure) {
    case 'not-configured':
      return { level: 'info', headline: `${source} is not configured: ${failure.message}`, details: null };
    case 'forbidden': {
      const role = READ_ROLES[failure.source];
      const where = failure.scope ?? role?.on;
      const needs = role ? ` (needs ${role.role} on ${where})` : '';
      return { level: 'info', headline: `No permission to read ${source}${needs}`, details: raw };
    }
    case 'throttled': {
      const when =
        failure.retryAfterSeconds !== undefined ? `retry in ${failure.retryAfterSeconds} s` : 'retry in a moment';
      return { level: 'warning', headline: `${source} is throttling requests; ${when}`, details: raw };
    }
    case 'timeout':
      return { level: 'warning', headline: `${source} did not answer in time`, details: raw };
    case 'unauthorized':
      return { level: 'warning', headline: `${source} did not accept the credentials`, details: raw };
    case 'unreachable':
      return { level: 'warning', headline: `${source} is unreachable`, details: raw };
    case 'unsupported':
      return { level: 'info', headline: `${source} cannot answer this: ${failure.message}`, details: null };
    default:
      if (failure.status === 404) return { level: 'warning', headline: `${source}: not found`, details: raw };
      return { level: 'warning', headline: `${source} failed`, details: raw };
  }
}
