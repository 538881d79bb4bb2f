import type { BackendKind, Notice, QueryRequest } from '../catalog/types';

/** What a backend hands back: the wire result untouched, plus what the user should know. */
export interface BackendResult {
  wire: unknown;
  notices: Notice[];
  /** The text that actually ran (after any rewriting, e.g. paging). */
  executedText: string;
  /** Who answered, when more precise than the backend's label (e.g. which label profile was used). */
  label?: string;
}

export interface RunOptions {
  signal?: AbortSignal;
}

/** One engine that answers catalog queries of some kinds. */
export interface Backend {
  /** Shown in panels and errors: "demo fleet", "Prometheus https://…", "Resource Graph". */
  readonly label: string;
  readonly kinds: readonly BackendKind[];
  run(request: QueryRequest, options?: RunOptions): Promise<BackendResult>;
}

/**
 * Which backend answers each kind of query; null where none is configured. The REST kinds may
 * be left out (the same as null): most registries, the demo's included, have only the languages.
 */
export type BackendRegistry = Readonly<
  Record<'arg' | 'logs' | 'prom', Backend | null> & Partial<Record<'arm' | 'prices', Backend | null>>
>;
