/** Display formatting shared by components; pure so server and client render the same text. */

export function formatPercent(fraction: number | null, digits = 0): string {
  if (fraction === null || !Number.isFinite(fraction)) return '—';
  return `${(fraction * 100).toFixed(digits)}%`;
}

export function formatCount(n: number | null): string {
  return n === null ? '—' : n.toLocaleString('en-US');
}

/** "3 h ago", "12 d ago", relative to a reference time so the server and browser agree. */
export function formatAge(iso: string | null, referenceIso: string): string {
  if (!iso) return '—';
  const seconds = (Date.parse(referenceIso) - Date.parse(iso)) / 1000;
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 90) return 'just now';
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}

/** "2026-11-24 20:58 UTC": absolute times are always UTC, so a shared link reads the same everywhere. */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "1 cluster", "3 clusters": the word after a count, in English. */
export function pluralWord(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/** An amount in cents as money with two decimals, e.g. "$1,234.50". */
export function formatMoneyCents(cents: number, currency: string): string {
  return (cents / 100).toLocaleString('en-US', {
    style: 'currency',
    currency,
    maximumFractionDigits: 2,
    minimumFractionDigits: 2,
  });
}
