import type { z } from 'zod';

/**
 * Which kind of engine answers a query: the three query languages, and the two REST APIs no
 * query language covers (ARM reads such as diagnostic settings, and the Retail Prices API).
 */
export type BackendKind = 'arg' | 'logs' | 'prom' | 'arm' | 'prices';

/** The seed's monitoring layers, plus the fleet-wide views. */
export type Layer = 'fleet' | 'L1' | 'L2' | 'L3' | 'L4' | 'L5' | 'cost' | 'onboarding' | 'alerts';

export const PERSONAS = ['fleet-architect', 'platform-engineer', 'developer', 'network-engineer'] as const;
export type Persona = (typeof PERSONAS)[number];

/** An evaluation time for instant queries, or a range for range queries (unix seconds). */
export type QueryTime = { kind: 'instant'; at: number } | { kind: 'range'; start: number; end: number; step: number };

interface CatalogQueryBase<P, R> {
  id: string;
  kind: BackendKind;
  layer: Layer;
  personas: readonly Persona[];
  title: string;
  /** One sentence for the "show query" panel: what the numbers mean. */
  description: string;
  /** Builds the exact text a user can paste into the Azure portal, Grafana or Prometheus. */
  build: (params: P) => string;
  /** Turns the raw wire result into validated rows. Throws WireFormatError on bad shapes. */
  parse: (wire: unknown, params: P) => R[];
  /** Validates params before the text is built (user values arrive here). */
  params: z.ZodType<P>;
}

export interface ArgQuery<P, R> extends CatalogQueryBase<P, R> {
  kind: 'arg';
}

export interface LogsQuery<P, R> extends CatalogQueryBase<P, R> {
  kind: 'logs';
  /** ISO-8601 duration the query looks back over when the view does not say (e.g. P90D). */
  defaultTimespan: string;
}

export interface PromQuery<P, R> extends CatalogQueryBase<P, R> {
  kind: 'prom';
  /** Instant queries answer "now"; range queries draw charts. */
  mode: 'instant' | 'range';
}

/** An Azure Resource Manager GET: the text is the path and query after the ARM endpoint (what `az rest --url` takes). */
export interface ArmQuery<P, R> extends CatalogQueryBase<P, R> {
  kind: 'arm';
}

/** The Azure Retail Prices API: the text is the OData `$filter`, the backend pages the answer. */
export interface PricesQuery<P, R> extends CatalogQueryBase<P, R> {
  kind: 'prices';
}

export type CatalogQuery<P = unknown, R = unknown> =
  ArgQuery<P, R> | LogsQuery<P, R> | PromQuery<P, R> | ArmQuery<P, R> | PricesQuery<P, R>;

/** A catalog query bound to its parameters and time: what a backend is asked to run. */
export interface QueryRequest<P = unknown, R = unknown> {
  query: CatalogQuery<P, R>;
  params: P;
  text: string;
  time: QueryTime;
  /** For Log Analytics: the ISO-8601 timespan sent with the query. */
  timespan?: string;
}

/** Something a backend wants the user to know that did not stop the answer. */
export interface Notice {
  severity: 'info' | 'warning' | 'error';
  source: BackendKind | 'demo';
  message: string;
  /** Log Analytics: the one workspace (customer id) that failed and how, e.g. forbidden (403). */
  workspace?: { id: string; failure: string; status?: number };
}
