'use client';

import { useQueryState } from 'nuqs';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { apiErrorSchema, logsTailResponseSchema } from '@/lib/api/schemas';
import { appendLines, type LogLine } from '@/lib/fleet/cluster/logs';
import { clusterViewParsers } from '@/lib/url-state/cluster';
import { ScrollArea } from '@/components/ui/scroll-area';

export interface LiveLogsProps {
  cluster: string;
  initial: LogLine[];
  namespace: string | null;
  workload: string | null;
  search: string;
  /** Only a range that ends "now" can follow new lines. */
  canFollow: boolean;
}

/** Polling period of the tail: new lines appear within about two seconds of being written. */
const POLL_MS = 2000;

const LEVEL: Record<string, string> = { ERROR: 'text-red-300', WARN: 'text-amber-300', INFO: 'text-slate-400' };

/** Container log lines with a search box and a live tail that polls the logs route. */
export function LiveLogs({ cluster, initial, namespace, workload, search, canFollow }: LiveLogsProps): ReactNode {
  // Not shallow: the server reruns the logs query for the new search.
  const [, setSearch] = useQueryState(
    'q',
    clusterViewParsers.q.withOptions({ shallow: false, history: 'replace', scroll: false }),
  );
  const [lines, setLines] = useState<LogLine[]>(initial);
  const [following, setFollowing] = useState(canFollow);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState(search);
  const box = useRef<HTMLDivElement>(null);
  const cursor = useRef<string | null>(initial.at(-1)?.time ?? null);

  useEffect(() => {
    if (!following) return;
    let stopped = false;
    // Leaving the tail cancels the request in flight, and with it the server's query.
    const abort = new AbortController();
    const poll = async (): Promise<void> => {
      const qs = new URLSearchParams();
      if (namespace) qs.set('namespace', namespace);
      if (workload) qs.set('workload', workload);
      if (search) qs.set('q', search);
      // Without a line yet, start from when the tail began so old lines are not replayed.
      qs.set('after', cursor.current ?? new Date(Date.now() - POLL_MS).toISOString());
      try {
        const res = await fetch(`/api/clusters/${encodeURIComponent(cluster)}/logs?${qs.toString()}`, {
          cache: 'no-store',
          signal: abort.signal,
        });
        const body: unknown = await res.json();
        if (stopped) return;
        const parsed = logsTailResponseSchema.safeParse(body);
        if (!res.ok || !parsed.success) {
          const failure = apiErrorSchema.safeParse(body);
          setError(failure.success ? failure.data.error.message : `the logs route answered HTTP ${res.status}`);
          return;
        }
        const incoming = parsed.data.lines;
        setError(null);
        if (incoming.length) {
          cursor.current = incoming.at(-1)?.time ?? cursor.current;
          setLines((current) => appendLines(current, incoming));
        }
      } catch {
        if (!stopped) setError('unable to reach the server');
      }
    };
    const id = window.setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      abort.abort();
      window.clearInterval(id);
    };
  }, [following, cluster, namespace, workload, search]);

  useEffect(() => {
    if (following && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines, following]);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void setSearch(text.trim() || null);
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <form role="search" onSubmit={submit} className="flex min-w-0 flex-1 gap-2">
          <input
            type="search"
            aria-label="Search log lines"
            placeholder="Search log lines…"
            value={text}
            maxLength={200}
            onChange={(e) => setText(e.target.value)}
            className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
          <button
            type="submit"
            className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50"
          >
            Search
          </button>
        </form>
        <label
          className={`flex items-center gap-1.5 text-sm ${canFollow ? '' : 'text-slate-500'}`}
          title={canFollow ? 'Poll for new lines every 2 seconds' : 'Pinned ranges do not follow new lines'}
        >
          <input
            type="checkbox"
            checked={following}
            disabled={!canFollow}
            onChange={(e) => setFollowing(e.target.checked)}
          />
          Live tail
          {following && <span aria-hidden="true" className="h-2 w-2 animate-pulse rounded-full bg-emerald-500" />}
        </label>
      </div>
      {error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-1.5 text-sm text-red-900">
          Live tail stopped getting lines: {error}
        </p>
      )}
      {lines.length === 0 ? (
        <p className="rounded-md bg-slate-900 px-3 py-6 text-center text-sm text-slate-400">
          {following ? 'Waiting for new lines…' : 'No log lines.'}
        </p>
      ) : (
        // role="log" would hide the list's own role, so it wraps the list; focusable so keys scroll it.
        <ScrollArea
          ref={box}
          role="log"
          aria-label="Log lines"
          aria-live="polite"
          data-lines={lines.length}
          className="h-80 overflow-auto rounded-md bg-slate-900 p-2 font-mono text-xs leading-5 text-slate-100"
        >
          <ol>
            {lines.map((l) => (
              <li key={l.key} className="whitespace-pre-wrap break-all">
                <span className="text-slate-400">{l.time.slice(11, 19)}</span>{' '}
                <span className={LEVEL[l.level] ?? 'text-slate-300'}>{l.level.padEnd(5)}</span>{' '}
                <span className="text-sky-300">{l.pod}</span> {l.message}
              </li>
            ))}
          </ol>
        </ScrollArea>
      )}
    </div>
  );
}
