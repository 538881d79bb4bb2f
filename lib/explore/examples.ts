import type { CatalogQuery } from '../catalog/types';

/** A catalog query the explorer offers to open: its text with default parameters, and the id and parameters behind it. */
export interface ExplorerExample {
  id: string;
  title: string;
  text: string;
  params: Record<string, unknown>;
}

/** The queries among `queries` that build with `defaults` alone (the others need a cluster or more). */
export function explorerExamples(
  queries: Iterable<CatalogQuery<never, unknown>>,
  defaults: Record<string, unknown>,
): ExplorerExample[] {
  return [...queries].flatMap((q) => {
    const params = q.params.safeParse(defaults);
    if (!params.success) return [];
    return [
      { id: q.id, title: q.title, text: q.build(params.data as never), params: params.data as Record<string, unknown> },
    ];
  });
}
