import { z } from 'zod';
import { lowerKeys } from '../kql-bags';
import type { ArmQuery, PricesQuery } from '../types';
import { WireFormatError } from '../wire';

/**
 * The two reads no query language covers, as catalog queries like any other: the text is what
 * a user pastes into `az rest` or a browser, the params are validated before the text is built,
 * and the parser turns the REST body into rows.
 */

// ---------------------------------------------------------------------------
// Azure Resource Manager: diagnostic settings, which Resource Graph does not index.
// GET {resourceId}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview
// https://learn.microsoft.com/rest/api/monitor/diagnostic-settings/list

export const DIAGNOSTIC_SETTINGS_API_VERSION = '2021-05-01-preview';

/** A subscription, or a resource in one: segments of ARM's own name characters only, so the id is a path and nothing else. */
const armResourceId = z
  .string()
  .max(1024)
  .regex(
    /^\/subscriptions\/[0-9A-Za-z-]{1,64}(\/resourceGroups\/[\w.()-]{1,90}\/providers\/[A-Za-z][\w.]{0,127}(\/[A-Za-z][\w.]{0,127}\/[\w.()-]{1,260})+)?$/i,
    'an ARM resource id (/subscriptions/…)',
  )
  .refine(
    (id) => !id.split('/').some((s) => s === '.' || s === '..'),
    'an ARM resource id without "." or ".." segments',
  );

const diagnosticParams = z.object({ resourceId: armResourceId }).strict();
type DiagnosticParams = z.infer<typeof diagnosticParams>;

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
  if (!parsed.success)
    throw new WireFormatError(`diagnostic settings: ${parsed.error.issues[0]?.message ?? 'unexpected shape'}`);
  return parsed.data.value.map((s) => ({
    name: s.name,
    workspaceId: s.properties.workspaceid || null,
    storageAccountId: s.properties.storageaccountid || null,
    enabledCategories: (s.properties.logs ?? [])
      .filter((l) => l.enabled)
      .flatMap((l) => (l.category ? [l.category] : l.categorygroup ? [`group:${l.categorygroup}`] : [])),
  }));
}

export const diagnosticSettings: ArmQuery<DiagnosticParams, DiagnosticSetting> = {
  id: 'arm.diagnostic-settings',
  kind: 'arm',
  layer: 'onboarding',
  personas: ['platform-engineer', 'fleet-architect'],
  title: 'Diagnostic settings',
  description:
    'Where a cluster sends its control-plane resource logs, or a subscription its activity log (ARM; Resource Graph does not index these).',
  params: diagnosticParams,
  build: (p) => diagnosticSettingsPath(p.resourceId),
  parse: (wire) => parseDiagnosticSettings(wire),
};

// ---------------------------------------------------------------------------
// Azure Retail Prices (public, no sign-in), paged through NextPageLink by the backend.
// GET {endpoint}/api/retail/prices?api-version=2023-01-01-preview&$filter=…
// https://learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices

export const RETAIL_PRICES_API_VERSION = '2023-01-01-preview';

/** An OData string literal: a quote inside is doubled (OData ABNF, SQUOTE-in-string). */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const VM_SIZE_NAME = /^[A-Za-z0-9][\w.-]{1,63}$/;

/** Whether a size can be asked about at all: anything else has no price to find. */
export const isVmSizeName = (name: string): boolean => VM_SIZE_NAME.test(name);

const pricesParams = z
  .object({
    /** ARM region names are lower-case letters and digits ("westeurope"). */
    region: z.string().regex(/^[a-z][a-z0-9]{1,39}$/, 'an Azure region name such as westeurope'),
    /** VM sizes as ARM names them ("Standard_D4s_v5"); values are case-sensitive in the API. */
    skus: z.array(z.string().regex(VM_SIZE_NAME, 'a VM size such as Standard_D4s_v5')).min(1).max(15),
  })
  .strict();
type PricesParams = z.infer<typeof pricesParams>;

/** The $filter for pay-as-you-go VM meters of some sizes in one region. */
export function retailPricesFilter(region: string, skus: readonly string[]): string {
  const sizes = skus.map((s) => `armSkuName eq ${odataString(s)}`).join(' or ');
  return `serviceName eq 'Virtual Machines' and priceType eq 'Consumption' and armRegionName eq ${odataString(region)} and (${sizes})`;
}

/** One price item as the API documents it; the snapshot in the repository is read with it too. */
export const retailPriceItemSchema = z.looseObject({
  currencyCode: z.string(),
  retailPrice: z.number().nonnegative(),
  armRegionName: z.string(),
  armSkuName: z.string(),
  unitOfMeasure: z.string(),
  type: z.string(),
  meterName: z.string(),
  effectiveStartDate: z.string(),
});
export type RetailPriceItem = z.infer<typeof retailPriceItemSchema>;
const pricesBodySchema = z.object({ BillingCurrency: z.string().optional(), Items: z.array(retailPriceItemSchema) });

export const vmRetailPrices: PricesQuery<PricesParams, RetailPriceItem> = {
  id: 'prices.vm-consumption',
  kind: 'prices',
  layer: 'cost',
  personas: ['fleet-architect', 'platform-engineer'],
  title: 'Node prices',
  description: 'Pay-as-you-go hourly prices of VM sizes in one region, from the Azure Retail Prices API.',
  params: pricesParams,
  build: (p) => retailPricesFilter(p.region, p.skus),
  parse: (wire) => {
    const parsed = pricesBodySchema.safeParse(wire);
    if (!parsed.success)
      throw new WireFormatError(`Azure Retail Prices: ${parsed.error.issues[0]?.message ?? 'unexpected shape'}`);
    return parsed.data.Items;
  },
};

export const REST_QUERIES = [diagnosticSettings, vmRetailPrices] as const;
