'use client';

import { useEffect, useRef, type ReactNode } from 'react';

export interface MultiSelectOption {
  value: string;
  label: string;
  count?: number;
}

export interface MultiSelectProps {
  label: string;
  options: readonly MultiSelectOption[];
  selected: readonly string[];
  onChange: (next: string[]) => void;
}

/** A dropdown of checkboxes: several values per filter, as the URL allows. */
export function MultiSelect({ label, options, selected, onChange }: MultiSelectProps): ReactNode {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (e: MouseEvent) => {
      if (ref.current?.open && !ref.current.contains(e.target as Node)) ref.current.open = false;
    };
    document.addEventListener('click', close);
    return () => document.removeEventListener('click', close);
  }, []);
  const summary =
    selected.length === 0
      ? 'All'
      : selected.length === 1
        ? (options.find((o) => o.value === selected[0])?.label ?? selected[0])
        : `${selected.length} selected`;
  return (
    <details ref={ref} className="group relative">
      <summary
        className={`flex cursor-pointer list-none items-center gap-1.5 rounded-md border px-2.5 py-1.5 text-sm shadow-sm [&::-webkit-details-marker]:hidden ${selected.length ? 'border-sky-400 bg-sky-50 text-sky-900' : 'border-slate-300 bg-white text-slate-700'}`}
      >
        <span className="text-slate-500">{label}:</span>
        <span className="max-w-32 truncate font-medium">{summary}</span>
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          className="h-4 w-4 text-slate-500 group-open:rotate-180"
          fill="currentColor"
        >
          <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4z" />
        </svg>
      </summary>
      <fieldset className="absolute left-0 z-20 mt-1 max-h-72 w-56 overflow-auto rounded-md border border-slate-200 bg-white p-1 shadow-lg">
        <legend className="sr-only">{label}</legend>
        {options.map((o) => (
          <label
            key={o.value}
            className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50"
          >
            <input
              type="checkbox"
              checked={selected.includes(o.value)}
              onChange={(e) =>
                onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))
              }
              className="h-4 w-4 rounded border-slate-300"
            />
            <span className="truncate">{o.label}</span>
            {o.count !== undefined && <span className="ml-auto text-xs tabular-nums text-slate-500">{o.count}</span>}
          </label>
        ))}
        {selected.length > 0 && (
          <button
            type="button"
            onClick={() => onChange([])}
            className="mt-1 w-full rounded px-2 py-1 text-left text-xs text-slate-500 hover:bg-slate-50"
          >
            Clear {label.toLowerCase()}
          </button>
        )}
      </fieldset>
    </details>
  );
}
