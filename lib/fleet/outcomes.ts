import type { QueryOutcome } from '../sources/runner';
import { SOURCE_NAMES } from '../catalog/sources';
import { failureView } from './failure-view';
import type { PanelNotice } from './types';

/** A query outcome's notices, plus its failure as one panel notice (the page still renders). */
export function outcomeNotices(outcome: QueryOutcome<unknown>, panel = outcome.executed.title): PanelNotice[] {
  const base = { queryId: outcome.executed.id, panel };
  const notices: PanelNotice[] = outcome.notices.map((n) => ({
    ...base,
    severity: n.severity,
    source: SOURCE_NAMES[n.source],
    message: n.message,
  }));
  if (!outcome.ok) {
    const view = failureView(outcome.error);
    notices.push({
      ...base,
      // A missing permission or an unconfigured source informs; any other failure is an error of this panel.
      severity: view.level === 'info' ? 'info' : 'error',
      source: SOURCE_NAMES[outcome.error.source],
      // The role a missing permission needs is the news; the service's own words follow.
      message:
        outcome.error.failure === 'forbidden' ? `${view.headline}: ${outcome.error.message}` : outcome.error.message,
      failure: outcome.error.failure,
    });
  }
  return notices;
}

/** Rows of a successful outcome, or null when the source failed (cells become "unknown"). */
export function rowsOrNull<R>(outcome: QueryOutcome<R>): R[] | null {
  return outcome.ok ? outcome.rows : null;
}
