import { z } from 'zod';
import { lowerKeys } from '../../catalog/kql-bags';
import { WireFormatError } from '../../catalog/wire';
import type { QueryFailure } from '../runner';

/**
 * Microsoft.Insights/diagnosticSettings as the ARM REST API lists them for one resource
 * (a cluster, or a subscription for its activity log). Resource Graph does not index them.
 * GET {resourceId}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview
 * https://learn.microsoft.com/rest/api/monitor/diagnostic-settings/list
 */
export const DIAGNOSTIC_SETTINGS_API_VERSION = '2021-05-01-preview';

export function diagnosticSettingsPath(resourceId: string): string {
  return `${resourceId}/providers/Microsoft.Insights/diagnosticSettings?api-version=${DIAGNOSTIC_SETTINGS_API_VERSION}`;
}

// Keys are read in any case (ARM's are case-insensitive): the body is parsed with its keys lower-cased.
const logSchema = z.object({
  category: z.string().nullish(),
  categorygroup: z.string().nullish(),
  enabled: z.boolean(),
});

const settingSchema = z.object({
  id: z.string().optional(),
  name: z.string(),
  properties: z.object({
    workspaceid: z.string().nullish(),
    storageaccountid: z.string().nullish(),
    eventhubauthorizationruleid: z.string().nullish(),
    logs: z.array(logSchema).nullish(),
  }),
});
const listSchema = z.object({ value: z.array(settingSchema) });

export interface DiagnosticSetting {
  name: string;
  workspaceId: string | null;
  storageAccountId: string | null;
  /** Enabled categories; a category group ("allLogs", "audit") is kept as `group:<name>`. */
  enabledCategories: string[];
}

export function parseDiagnosticSettings(wire: unknown): DiagnosticSetting[] {
  const parsed = listSchema.safeParse(lowerKeys(wire));
  if (!parsed.success) throw new WireFormatError(`diagnostic settings: ${parsed.error.issues[0]?.message ?? 'unexpected shape'}`);
  return parsed.data.value.map((s) => ({
    name: s.name,
    workspaceId: s.properties.workspaceid || null,
    storageAccountId: s.properties.storageaccountid || null,
    enabledCategories: (s.properties.logs ?? [])
      .filter((l) => l.enabled)
      .flatMap((l) => (l.category ? [l.category] : l.categorygroup ? [`group:${l.categorygroup}`] : [])),
  }));
}

export type DiagnosticSettingsResult = { ok: true; settings: DiagnosticSetting[] } | { ok: false; error: QueryFailure };

/** Reads diagnostic settings for many resources; one resource's failure is that resource's result. */
export interface DiagnosticSettingsReader {
  readonly label: string;
  list(resourceIds: readonly string[]): Promise<Map<string, DiagnosticSettingsResult>>;
}
