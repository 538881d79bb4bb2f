import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SignInRequired } from '@/components/auth/sign-in-required';
import { LogsExplorer } from '@/components/explore/logs-explorer';
import { CATALOG, fleet } from '@/lib/catalog';
import { explorerExamples } from '@/lib/explore/examples';
import { checkKql } from '@/lib/explore/kql-check';
import { exploreLogs, listWorkspaces, REAL_ENGINE_COMMAND } from '@/lib/explore/run';
import { getServerAuth } from '@/lib/auth/server';
import { dataAccess } from '@/lib/server/access';
import { parseLogsExplore } from '@/lib/url-state/explore';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Logs explorer' };

interface PageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** Runs the link's KQL on the server unless it has syntax errors, which are shown instead. */
export default async function LogsExplorePage({ searchParams }: PageProps): Promise<ReactNode> {
  const auth = await getServerAuth();
  if (!auth.ok) return <SignInRequired status={auth.status} />;
  const parsed = parseLogsExplore(await searchParams);
  const state = parsed.value;
  const { runner } = dataAccess(auth.user);
  // A Server Component renders once per request: this is the request's time, not a render's.
  // eslint-disable-next-line react-hooks/purity
  const nowMs = Date.now();
  const syntaxErrors = state.query ? checkKql(state.query).filter((d) => d.severity === 'error') : [];
  const [result, picker] = await Promise.all([
    state.query && syntaxErrors.length === 0 ? exploreLogs(runner, state, { nowMs }) : null,
    listWorkspaces(runner, nowMs),
  ]);
  // The seed's upgrade-status query first, then the other catalog KQL over Log Analytics.
  const logsQueries = [...CATALOG.values()].filter((q) => q.kind === 'logs');
  const upgrade = (q: { id: string }) => q.id === fleet.upgradeStatus.id;
  const saved = explorerExamples([...logsQueries.filter(upgrade), ...logsQueries.filter((q) => !upgrade(q))], {});
  return (
    <LogsExplorer
      key={JSON.stringify(state)}
      initial={state}
      result={result}
      syntaxErrors={syntaxErrors.map((d) => ({ start: d.start, message: d.message }))}
      paramErrors={parsed.ok ? [] : parsed.errors}
      savedQueries={saved}
      workspaces={picker.workspaces}
      workspacesError={picker.error}
      engineCommand={REAL_ENGINE_COMMAND}
    />
  );
}
