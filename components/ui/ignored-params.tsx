import type { ReactNode } from 'react';
import type { ParamError } from '@/lib/url-state/overview';

/** A link may be old or hand-edited: say which of its settings were ignored, and render the rest. */
export function IgnoredParams({ errors }: { errors: readonly ParamError[] }): ReactNode {
  if (errors.length === 0) return null;
  return (
    <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      Some of this link&apos;s settings were not understood and are ignored: {errors.map((e) => e.message).join('; ')}.
    </p>
  );
}
