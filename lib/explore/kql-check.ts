import 'server-only';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * KQL syntax errors found before anything is sent to Log Analytics, by Microsoft's own Kusto
 * language service (@kusto/language-service-next). It is a Bridge.NET build that installs
 * the global `Kusto` namespace, so it is loaded once, lazily, from node_modules at run time
 * (through createRequire, which the bundler leaves alone).
 */

export interface KqlDiagnostic {
  start: number;
  length: number;
  severity: 'error' | 'warning' | 'suggestion';
  message: string;
}

interface KustoDiagnostic {
  Start: number;
  Length: number;
  Severity: string;
  Message: string;
}
interface KustoLanguage {
  KustoCode: { Parse(text: string): { GetDiagnostics(): { Count: number; getItem(i: number): KustoDiagnostic } } };
}

let language: KustoLanguage | null = null;

function load(): KustoLanguage {
  if (language) return language;
  const requireFromRoot = createRequire(path.join(process.cwd(), 'package.json'));
  requireFromRoot('@kusto/language-service-next/bridge.min.js');
  requireFromRoot('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  const kusto = (globalThis as { Kusto?: { Language?: KustoLanguage } }).Kusto?.Language;
  if (!kusto) throw new Error('the Kusto language service did not load');
  language = kusto;
  return kusto;
}

/** Parse errors of a KQL query (syntax only: the workspace schema is not known here). */
export function checkKql(text: string): KqlDiagnostic[] {
  const diagnostics = load().KustoCode.Parse(text).GetDiagnostics();
  const out: KqlDiagnostic[] = [];
  for (let i = 0; i < diagnostics.Count; i++) {
    const d = diagnostics.getItem(i);
    const severity = d.Severity.toLowerCase();
    out.push({
      start: d.Start,
      length: d.Length,
      severity: severity === 'warning' ? 'warning' : severity === 'suggestion' ? 'suggestion' : 'error',
      message: d.Message,
    });
  }
  return out;
}
