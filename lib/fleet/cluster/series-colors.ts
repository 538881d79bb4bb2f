/**
 * One look per series, the same on every chart: a series' colour comes from a hash of its name
 * (the legend text, made of its label values), never from its position, so node
 * `aks-nodepool1-3` is one colour in the CPU, memory and disk charts alike. Pure, so the server
 * and the browser agree.
 */

/**
 * Okabe & Ito's colour-blind-safe palette ("Color Universal Design", 2008; also Wong, Nature
 * Methods 8:441, 2011), in its published order, without its yellow #F0E442 (1.2:1 on white: a
 * line nobody sees). The other seven stay distinguishable under protanopia, deuteranopia and
 * tritanopia.
 */
export const SERIES_PALETTE = [
  '#E69F00', // orange
  '#56B4E9', // sky blue
  '#009E73', // bluish green
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#CC79A7', // reddish purple
  '#000000', // black
] as const;

/**
 * Dash patterns (SVG `stroke-dasharray`) for the second, third … round of colours: with more
 * series than colours, no two lines of a chart share both colour and pattern. '' is solid.
 */
export const SERIES_DASHES = ['', '6 3', '2 2', '8 3 2 3'] as const;

export interface SeriesStyle {
  color: string;
  /** SVG stroke-dasharray; '' draws a solid line. */
  dash: string;
}

/** FNV-1a, 32 bits: small, fast and spreads short similar names (node-1, node-2) apart. */
function hash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The colour a series gets when nothing else on its chart wants it. */
export function preferredColor(name: string): string {
  return SERIES_PALETTE[hash(name) % SERIES_PALETTE.length] as string;
}

/**
 * Styles for the series of one chart, by name (duplicates share one style). Every series first
 * claims its hashed colour, solid; names are taken in sorted order so the result depends on the
 * set of names only. A series whose colour is taken probes the next colours of the palette in
 * order, then the same with the next dash pattern. Up to palette size, colours never repeat
 * within a chart; up to palette × patterns, no two lines look alike; past that, looks repeat.
 */
export function seriesStyles(names: readonly string[]): Map<string, SeriesStyle> {
  const colors = SERIES_PALETTE.length;
  const slots = colors * SERIES_DASHES.length;
  const sorted = [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const taken = new Set<number>();
  const slotOf = new Map<string, number>();
  // First pass: as many series as possible keep the colour they have everywhere else.
  for (const name of sorted) {
    const slot = hash(name) % colors;
    if (!taken.has(slot)) {
      taken.add(slot);
      slotOf.set(name, slot);
    }
  }
  // Second pass: the rest take the next free look after their own.
  for (const name of sorted) {
    if (slotOf.has(name)) continue;
    const start = hash(name) % colors;
    let slot = -1;
    for (let k = 1; k < slots && slot < 0; k++) {
      const round = Math.floor(k / colors);
      const candidate = round * colors + ((start + k) % colors);
      if (!taken.has(candidate)) slot = candidate;
    }
    // Every look is in use: reuse the hashed colour in the last pattern.
    if (slot < 0) slot = (SERIES_DASHES.length - 1) * colors + start;
    else taken.add(slot);
    slotOf.set(name, slot);
  }
  return new Map(
    sorted.map((name) => {
      const slot = slotOf.get(name) ?? 0;
      return [
        name,
        {
          color: SERIES_PALETTE[slot % colors] as string,
          dash: SERIES_DASHES[Math.floor(slot / colors) % SERIES_DASHES.length] as string,
        },
      ];
    }),
  );
}
