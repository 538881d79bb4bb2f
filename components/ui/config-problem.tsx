import type { ReactNode } from 'react';

/** A bad environment variable is the operator's to fix: say which, not "something went wrong". */
export function ConfigProblem({ message }: { message: string }): ReactNode {
  return (
    <div role="alert" className="mx-auto mt-12 max-w-xl rounded-lg border border-red-200 bg-white p-6 shadow-sm">
      <h1 className="text-lg font-semibold text-red-800">Fleetwatch is not configured correctly</h1>
      <p className="mt-2 font-mono text-sm text-slate-700">{message}</p>
      <p className="mt-3 text-sm text-slate-600">
        Fix the variable and restart the server; the README&apos;s configuration table lists every variable.
      </p>
    </div>
  );
}
