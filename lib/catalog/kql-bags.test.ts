import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AZURE_QUERIES } from './queries/azure';
import { fleetInventory } from './queries/fleet/inventory';
import { ONBOARDING_QUERIES } from './queries/onboarding';
import type { CatalogQuery } from './types';
import {
  argLowerBag,
  argPath,
  canonicalEnum,
  lowerBag,
  lowerKeys,
  readArmPath,
  readLowerPath,
  sameArmId,
} from './kql-bags';
import { parseDiagnosticSettings } from './queries/rest';
import { checkKql } from '../explore/kql-check';

const SHAPES = path.resolve(process.cwd(), '../shared/reference/arg/resource-shapes');
const shape = (file: string): { responses: { '200': { body: { id: string; properties: Record<string, unknown> } } } } =>
  JSON.parse(readFileSync(path.join(SHAPES, file), 'utf8'));

describe('case-insensitive ARM bags', () => {
  it('builds one normalisation per bag and lower-cased paths', () => {
    expect(argLowerBag('lprops')).toBe('| extend lprops = parse_json(tolower(tostring(properties)))');
    expect(argPath('lprops', 'addonProfiles', 'omsagent', 'config', 'logAnalyticsWorkspaceResourceID')).toBe(
      'lprops.addonprofiles.omsagent.config.loganalyticsworkspaceresourceid',
    );
  });

  it('refuses anything that is not a plain property name', () => {
    for (const bad of ['a.b', 'x"y', 'a b', '', 'q)|take 1', '1abc'])
      expect(() => argPath('lprops', bad), bad).toThrow();
    expect(() => argLowerBag('p); drop')).toThrow();
  });

  it('reads every spelling AKS writes of the add-on and its workspace key', () => {
    const ws =
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.OperationalInsights/workspaces/law1';
    for (const addon of ['omsagent', 'omsAgent', 'OmsAgent', 'OMSAGENT']) {
      for (const key of [
        'logAnalyticsWorkspaceResourceID',
        'logAnalyticsWorkspaceResourceId',
        'LogAnalyticsWorkspaceResourceID',
      ]) {
        const body = { addonProfiles: { [addon]: { enabled: true, config: { [key]: ws } } } };
        expect(readArmPath(body, 'addonProfiles', 'omsagent', 'enabled'), `${addon}/${key}`).toBe(true);
        expect(
          readArmPath(body, 'addonProfiles', 'omsagent', 'config', 'logAnalyticsWorkspaceResourceID'),
          `${addon}/${key}`,
        ).toBe(ws.toLowerCase());
      }
    }
    // A case-sensitive read, as `properties.addonProfiles.omsagent` is in KQL, misses all but one.
    const sensitive = (o: Record<string, unknown>) =>
      (o.addonProfiles as Record<string, { enabled?: boolean }>).omsagent?.enabled ?? null;
    expect(sensitive({ addonProfiles: { omsAgent: { enabled: true } } })).toBeNull();
  });

  it('reads the REST examples: a managed cluster with no addonProfiles or azureMonitorProfile, a connected cluster', () => {
    const aks = shape('managedClusters.ManagedClustersGet.2024-09-01.json').responses['200'].body;
    expect(readArmPath(aks.properties, 'provisioningState')).toBe('succeeded');
    expect(readArmPath(aks.properties, 'azureMonitorProfile', 'metrics', 'enabled')).toBeNull();
    expect(readArmPath(aks.properties, 'addonProfiles', 'omsagent', 'enabled')).toBeNull();
    const pools = readArmPath(aks.properties, 'agentPoolProfiles') as Array<Record<string, unknown>>;
    expect(pools[0]?.vmsize).toBe('standard_ds1_v2');
    const arc = shape('connectedClusters.GetClusterExample.2024-01-01.json').responses['200'].body;
    expect(readArmPath(arc.properties, 'totalNodeCount')).toBe(2);
    expect(readArmPath(arc.properties, 'distribution')).toBe('aks');
    expect(readLowerPath(lowerBag(null), 'x')).toBeNull();
  });

  it('restores documented spellings and compares ids as ARM does', () => {
    expect(canonicalEnum('failed', ['Succeeded', 'Failed'])).toBe('Failed');
    expect(canonicalEnum('agentnotinstalled', ['Offline', 'AgentNotInstalled'])).toBe('AgentNotInstalled');
    expect(canonicalEnum('somethingnew', ['Offline'])).toBe('Somethingnew');
    expect(canonicalEnum('', ['Offline'])).toBeNull();
    expect(sameArmId('/subscriptions/A/resourceGroups/RG/x', '/subscriptions/a/resourcegroups/rg/X')).toBe(true);
    expect(sameArmId('/a', null)).toBe(false);
  });
});

describe('the cluster, onboarding and discovery queries read ARM properties only through the helper', () => {
  // Fired alerts (queries/alerts.ts) read alertsmanagement resources, which one service writes in one case.
  const argQueries = [fleetInventory, ...ONBOARDING_QUERIES, ...AZURE_QUERIES]
    .map((q) => q as unknown as CatalogQuery)
    .filter((q) => q.kind === 'arg');

  it('has no case-sensitive `properties.` path left, and parses as KQL', () => {
    expect(argQueries.length).toBe(11);
    for (const q of argQueries) {
      const parsed = q.params.safeParse({});
      if (!parsed.success) continue;
      const text = q.build(parsed.data as never);
      // Every ARM property is read from a lower-cased copy (lprops, or a value expanded from it).
      expect(text, q.id).not.toMatch(/\bproperties\.[A-Za-z]/);
      expect(
        checkKql(text).filter((d) => d.severity === 'error'),
        q.id,
      ).toEqual([]);
    }
  });
});

describe('ARM REST bodies read in JavaScript', () => {
  it('diagnostic settings parse whatever the case of their keys, values untouched', () => {
    const example = JSON.parse(
      readFileSync(path.join(SHAPES, 'diagnosticSettings.listDiagnosticSettings.2021-05-01-preview.json'), 'utf8'),
    ) as { responses: { '200': { body: unknown } } };
    const body = example.responses['200'].body;
    const expected = parseDiagnosticSettings(body);
    expect(expected.length).toBeGreaterThan(0);
    // The same list with every key in another case (PascalCase), as a proxy or an old client may write it.
    const recased = JSON.parse(
      JSON.stringify(body).replace(/"([a-z])([A-Za-z]*)":/g, (_m, a: string, b: string) => `"${a.toUpperCase()}${b}":`),
    ) as unknown;
    expect(JSON.stringify(recased)).toContain('"WorkspaceId"');
    expect(parseDiagnosticSettings(recased)).toEqual(expected);
    expect(lowerKeys({ A: [{ Bc: 'KeepMe' }] })).toEqual({ a: [{ bc: 'KeepMe' }] });
  });
});
