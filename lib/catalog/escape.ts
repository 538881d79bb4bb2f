/**
 * The only two places user values become query text.
 * Every catalog text builder goes through these; nothing else concatenates user input.
 */

// Control characters other than tab, newline and carriage return have no escape in KQL.
const KQL_UNSUPPORTED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export class UnsafeQueryValueError extends Error {
  override name = 'UnsafeQueryValueError';
}

/**
 * A KQL double-quoted string literal.
 * https://learn.microsoft.com/azure/data-explorer/kusto/query/scalar-data-types/string
 */
export function kqlString(value: string): string {
  if (KQL_UNSUPPORTED.test(value)) {
    throw new UnsafeQueryValueError('value contains a control character that KQL cannot express');
  }
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
  return `"${escaped}"`;
}

/** A KQL dynamic list of string literals, for `in~ (...)`. */
export function kqlStringList(values: readonly string[]): string {
  return `(${values.map(kqlString).join(', ')})`;
}

/**
 * A PromQL double-quoted string literal (Go escaping rules, which JSON's are a subset of).
 * https://prometheus.io/docs/prometheus/latest/querying/basics/#string-literals
 */
export function promString(value: string): string {
  if (/[\ud800-\udfff]/.test(value.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) {
    throw new UnsafeQueryValueError('value contains a lone UTF-16 surrogate');
  }
  return JSON.stringify(value);
}

/** Escapes RE2 metacharacters so a value matches only itself inside a `=~` matcher. */
export function re2Literal(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** A label matcher `name="value"`; the name must be a valid Prometheus label name. */
export function promMatcher(label: string, value: string): string {
  return `${promLabelName(label)}=${promString(value)}`;
}

/** A matcher that selects any of the values exactly: `name=~"a|b"`. */
export function promAnyOf(label: string, values: readonly string[]): string {
  if (values.length === 0) throw new UnsafeQueryValueError('promAnyOf needs at least one value');
  return `${promLabelName(label)}=~${promString(values.map(re2Literal).join('|'))}`;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Label names are identifiers, not strings: they are validated, never escaped. */
export function promLabelName(label: string): string {
  if (!LABEL_NAME.test(label)) throw new UnsafeQueryValueError(`"${label.slice(0, 40)}" is not a valid label name`);
  return label;
}
