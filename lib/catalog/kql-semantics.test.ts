import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CatalogQuery } from './types';
import { AZURE_QUERIES } from './queries/azure';
import { COST_QUERIES } from './queries/cost';
import { fleetInventory } from './queries/fleet/inventory';
import { lastUpgradeByCluster } from './queries/fleet/upgrades';
import { ONBOARDING_QUERIES } from './queries/onboarding';

/**
 * The Resource Graph and Container insights queries of the inventory, onboarding, discovery
 * and cost, analysed by Microsoft's Kusto language service against their tables' columns
 * (Resource Graph's resource columns; Log Analytics' from ../shared/reference/la-tables/):
 * every function, column and operator must resolve. Resource Graph runs a subset of KQL, so
 * its queries are also held to the tabular operators and limits Resource Graph documents
 * (concepts/query-language: no mv-apply; at most 2 mv-expand and 3 join).
 */

interface Diagnostics {
  Count: number;
  getItem(i: number): { Message: string; Severity: string; Start: number; Length: number };
}
interface Kusto {
  KustoCode: { ParseAndAnalyze(text: string, globals: unknown): { GetDiagnostics(): Diagnostics } };
  GlobalState: { Default: { WithDatabase(db: unknown): unknown } };
  Symbols: {
    TableSymbol: { $ctor7: new (name: string, schema: string, description: string | null) => unknown };
    DatabaseSymbol: { $ctor2: new (name: string, alt: string | null, members: unknown[]) => unknown };
  };
}

function kusto(): Kusto {
  const req = createRequire(path.join(process.cwd(), 'package.json'));
  req('@kusto/language-service-next/bridge.min.js');
  req('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  return (globalThis as unknown as { Kusto: { Language: Kusto } }).Kusto.Language;
}

const ARG_COLUMNS =
  "(['id']:string, ['name']:string, ['type']:string, ['kind']:string, ['location']:string, ['resourceGroup']:string, ['subscriptionId']:string, ['tenantId']:string, ['tags']:dynamic, ['properties']:dynamic)";
const ARG_TABLES = ['resources', 'insightsresources', 'kubernetesconfigurationresources'];
const LA_SCHEMAS = path.resolve(process.cwd(), '../shared/reference/la-tables/LA-TABLE-SCHEMAS.json');

function analyse(k: Kusto, globals: unknown, text: string): string[] {
  const d = k.KustoCode.ParseAndAnalyze(text, globals).GetDiagnostics();
  const out: string[] = [];
  for (let i = 0; i < d.Count; i++) {
    const x = d.getItem(i);
    if (x.Severity === 'Error') out.push(`${x.Message} at "${text.slice(x.Start, x.Start + x.Length)}"`);
  }
  return out;
}

const textOf = (q: CatalogQuery): string => q.build(q.params.parse({}) as never);
const mine = [fleetInventory, lastUpgradeByCluster, ...ONBOARDING_QUERIES, ...AZURE_QUERIES, ...COST_QUERIES].map(
  (q) => q as unknown as CatalogQuery,
);

describe('Kusto semantics of the Azure queries', () => {
  const k = kusto();

  it('Resource Graph queries resolve every function and column', () => {
    const tables = ARG_TABLES.map((n) => new k.Symbols.TableSymbol.$ctor7(n, ARG_COLUMNS, null));
    const globals = k.GlobalState.Default.WithDatabase(new k.Symbols.DatabaseSymbol.$ctor2('arg', null, tables));
    // The analyser does catch a function that does not exist.
    expect(analyse(k, globals, 'resources | extend x = bag_keyz(properties)').length).toBeGreaterThan(0);
    for (const q of mine.filter((x) => x.kind === 'arg')) expect(analyse(k, globals, textOf(q)), q.id).toEqual([]);
  });

  it('Resource Graph queries use only the operators Resource Graph supports, within its limits', () => {
    const supported = new Set([
      'count',
      'distinct',
      'extend',
      'join',
      'limit',
      'mv-expand',
      'order',
      'parse',
      'project',
      'project-away',
      'sample',
      'sample-distinct',
      'sort',
      'summarize',
      'take',
      'top',
      'union',
      'where',
    ]);
    for (const q of mine.filter((x) => x.kind === 'arg')) {
      const text = textOf(q);
      const operators = [...text.matchAll(/\|\s*([a-z-]+)/g)].map((m) => m[1] as string);
      for (const op of operators) expect(supported.has(op), `${q.id}: ${op}`).toBe(true);
      expect(operators.filter((o) => o === 'mv-expand').length, q.id).toBeLessThanOrEqual(2);
      expect(operators.filter((o) => o === 'join').length, q.id).toBeLessThanOrEqual(3);
      expect(text, q.id).not.toMatch(/\bmv-apply\b|\bbag_keys\b/);
    }
  });

  it.skipIf(!existsSync(LA_SCHEMAS))('Log Analytics queries resolve against the reference table schemas', () => {
    const schemas = (
      JSON.parse(readFileSync(LA_SCHEMAS, 'utf8')) as {
        tables: Record<string, { columns: Array<{ name: string; type: string }> }>;
      }
    ).tables;
    const tables = Object.entries(schemas).map(
      ([name, t]) =>
        new k.Symbols.TableSymbol.$ctor7(
          name,
          `(${t.columns.map((c) => `['${c.name}']:${c.type === 'guid' ? 'guid' : c.type}`).join(', ')})`,
          null,
        ),
    );
    const globals = k.GlobalState.Default.WithDatabase(new k.Symbols.DatabaseSymbol.$ctor2('la', null, tables));
    expect(analyse(k, globals, 'KubePodInventory | summarize count() by NoSuchColumn').length).toBeGreaterThan(0);
    for (const q of mine.filter((x) => x.kind === 'logs')) expect(analyse(k, globals, textOf(q)), q.id).toEqual([]);
  });
});
