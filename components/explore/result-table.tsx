'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type ReactNode } from 'react';

export interface ResultTableProps {
  label: string;
  columns: ReadonlyArray<{ name: string; type: string }>;
  rows: readonly unknown[][];
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function compareCells(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = cellText(a);
  const y = cellText(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A result table of any width and length: virtualised rows, click a header to sort. */
export function ResultTable({ label, columns, rows }: ResultTableProps): ReactNode {
  const [sort, setSort] = useState<{ col: number; dir: 1 | -1 } | null>(null);
  const sorted = useMemo(
    () => (sort ? [...rows].sort((a, b) => sort.dir * compareCells(a[sort.col], b[sort.col])) : rows),
    [rows, sort],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 30,
    overscan: 12,
    initialRect: { width: 1200, height: 480 },
  });
  const template = `repeat(${Math.max(1, columns.length)}, minmax(9rem, 1fr))`;
  return (
    <div
      ref={scroller}
      role="table"
      aria-label={label}
      aria-rowcount={sorted.length + 1}
      className="max-h-[480px] overflow-auto rounded-lg border border-slate-200 bg-white text-xs"
    >
      <div
        role="row"
        className="sticky top-0 z-10 grid min-w-max border-b border-slate-200 bg-slate-50"
        style={{ gridTemplateColumns: template }}
      >
        {columns.map((c, i) => (
          <div
            key={c.name}
            role="columnheader"
            aria-sort={sort?.col === i ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
            className="px-2 py-1.5"
          >
            <button
              type="button"
              className="font-semibold text-slate-700 hover:text-slate-950"
              onClick={() =>
                setSort((s) => (s?.col === i ? { col: i, dir: s.dir === 1 ? -1 : 1 } : { col: i, dir: 1 }))
              }
            >
              {c.name} <span className="font-normal text-slate-500">{c.type}</span>
              {sort?.col === i && <span aria-hidden="true"> {sort.dir === 1 ? '▲' : '▼'}</span>}
            </button>
          </div>
        ))}
      </div>
      <div role="rowgroup" className="relative min-w-max" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = sorted[item.index] ?? [];
          return (
            <div
              key={item.key}
              role="row"
              aria-rowindex={item.index + 2}
              className="absolute left-0 top-0 grid w-full border-b border-slate-100 hover:bg-slate-50"
              style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: item.size }}
            >
              {columns.map((c, i) => (
                <div key={c.name} role="cell" className="truncate px-2 py-1.5 font-mono" title={cellText(row[i])}>
                  {cellText(row[i])}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
