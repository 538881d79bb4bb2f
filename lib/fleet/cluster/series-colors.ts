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
 * Styles for the series of one chart, by name (duplicates share one style). Names are taken
 * in sorted order, so the result depends on the set of names only. Every series first claims
 * its hashed colour, solid. Then each of the rest keeps its colour with the next dash pattern
 * while that colour has fewer than ⌈series / palette⌉ lines; the last take the next colour with
 * room. Up to palette size no colour repeats within a chart; past it colours are spread evenly,
 * most series keep the colour they have on other charts, and no two lines look alike (up to
 * palette × patterns; past that, looks repeat).
 */
export function seriesStyles(names: readonly string[]): Map<string, SeriesStyle> {
  const colors = SERIES_PALETTE.length;
  const sorted = [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const cap = Math.max(1, Math.ceil(sorted.length / colors));
  const users = Array.from({ length: colors }, () => 0);
  const styleOf = new Map<string, { color: number; dash: number }>();
  const give = (name: string, color: number): void => {
    styleOf.set(name, { color, dash: (users[color] ?? 0) % SERIES_DASHES.length });
    users[color] = (users[color] ?? 0) + 1;
  };
  // First pass: one series per colour keeps the colour it has everywhere else, solid.
  for (const name of sorted) {
    const own = hash(name) % colors;
    if (users[own] === 0) give(name, own);
  }
  // Second pass: the rest keep their colour, dashed, while it has room.
  for (const name of sorted) {
    const own = hash(name) % colors;
    if (!styleOf.has(name) && (users[own] ?? 0) < cap) give(name, own);
  }
  // Last: any still without a look take the next colour with room.
  for (const name of sorted) {
    if (styleOf.has(name)) continue;
    const own = hash(name) % colors;
    let color = own;
    for (let k = 1; k < colors; k++) {
      const c = (own + k) % colors;
      if ((users[c] ?? 0) < cap) {
        color = c;
        break;
      }
    }
    give(name, color);
  }
  return new Map(
    sorted.map((name) => {
      const st = styleOf.get(name) ?? { color: 0, dash: 0 };
      return [name, { color: SERIES_PALETTE[st.color] as string, dash: SERIES_DASHES[st.dash] as string }];
    }),
  );
}
