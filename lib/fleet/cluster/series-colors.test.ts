import { describe, expect, it } from 'vitest';
import { preferredColor, SERIES_DASHES, SERIES_PALETTE, seriesStyles } from './series-colors';

const look = (s: { color: string; dash: string } | undefined): string => `${s?.color}|${s?.dash}`;

describe('series colours', () => {
  it('gives a series the same colour on two charts with different other series', () => {
    // A node on the CPU chart among busy nodes and on the disk chart among full ones.
    const cpu = seriesStyles(['aks-nodepool1-3', 'aks-nodepool1-7', 'aks-nodepool1-11']);
    const disk = seriesStyles(['aks-nodepool1-3', 'aks-nodepool1-20', 'aks-nodepool1-42']);
    // Pick names whose hashed colours do not collide on either chart, so nothing had to move.
    const free = (names: string[]): boolean => new Set(names.map(preferredColor)).size === names.length;
    expect(free(['aks-nodepool1-3', 'aks-nodepool1-7', 'aks-nodepool1-11'])).toBe(true);
    expect(free(['aks-nodepool1-3', 'aks-nodepool1-20', 'aks-nodepool1-42'])).toBe(true);
    expect(cpu.get('aks-nodepool1-3')).toEqual(disk.get('aks-nodepool1-3'));
    expect(cpu.get('aks-nodepool1-3')).toEqual({ color: preferredColor('aks-nodepool1-3'), dash: '' });
  });

  it('does not depend on the order the series come in', () => {
    const names = ['GET 200', 'GET 404', 'PUT 200', 'LIST 200', 'WATCH 200', 'PATCH 409'];
    const a = seriesStyles(names);
    const b = seriesStyles([...names].reverse());
    for (const n of names) expect(a.get(n)).toEqual(b.get(n));
  });

  it('never repeats a colour within a chart of up to palette-size series', () => {
    // Many sets, so hash collisions certainly occur and must be resolved.
    for (let start = 0; start < 50; start++) {
      const names = Array.from({ length: SERIES_PALETTE.length }, (_, i) => `node-${start * 7 + i}`);
      const styles = seriesStyles(names);
      const colors = names.map((n) => styles.get(n)?.color);
      expect(new Set(colors).size).toBe(names.length);
      for (const n of names) expect(styles.get(n)?.dash).toBe('');
    }
  });

  it('moves the later of two colliding names (sorted) to the next free colour', () => {
    // Find two names that hash to the same colour.
    const first = 'GET 404';
    let other = '';
    for (let i = 0; !other; i++) if (preferredColor(`PUT ${i}`) === preferredColor(first)) other = `PUT ${i}`;
    const styles = seriesStyles([other, first]);
    expect(styles.get(first)?.color).toBe(preferredColor(first));
    const next = SERIES_PALETTE[(SERIES_PALETTE.indexOf(preferredColor(first) as never) + 1) % SERIES_PALETTE.length];
    expect(styles.get(other)?.color).toBe(next);
  });

  it('varies the dash pattern past the palette, so no two lines look the same', () => {
    const names = Array.from({ length: 20 }, (_, i) => `svc-${i}`);
    const styles = seriesStyles(names);
    expect(new Set(names.map((n) => look(styles.get(n)))).size).toBe(20);
    // Solid lines first: exactly one per colour, the rest dashed.
    expect(names.filter((n) => styles.get(n)?.dash === '').length).toBe(SERIES_PALETTE.length);
    for (const n of names) expect(SERIES_DASHES).toContain(styles.get(n)?.dash);
  });

  it('is deterministic: the same names always get the same looks', () => {
    const names = Array.from({ length: 12 }, (_, i) => `aks-system-${i}`);
    expect([...seriesStyles(names)]).toEqual([...seriesStyles(names)]);
    expect(preferredColor('aks-system-0')).toBe(preferredColor('aks-system-0'));
  });

  it('past the palette, keeps a series in its colour (dashed) while that colour is not over its share', () => {
    for (let start = 0; start < 30; start++) {
      const names = Array.from({ length: 12 }, (_, i) => `aks-nodepool1-${start * 12 + i}`);
      const styles = seriesStyles(names);
      const cap = Math.ceil(names.length / SERIES_PALETTE.length);
      const wanting = new Map<string, number>();
      for (const n of names) wanting.set(preferredColor(n), (wanting.get(preferredColor(n)) ?? 0) + 1);
      for (const n of names)
        if ((wanting.get(preferredColor(n)) ?? 0) <= cap) expect(styles.get(n)?.color, n).toBe(preferredColor(n));
      // Colours are spread evenly: none on more than its share of lines.
      const used = new Map<string, number>();
      for (const n of names) used.set(styles.get(n)?.color ?? '', (used.get(styles.get(n)?.color ?? '') ?? 0) + 1);
      for (const count of used.values()) expect(count).toBeLessThanOrEqual(cap);
      expect(new Set(names.map((n) => look(styles.get(n)))).size).toBe(12);
    }
  });
});
