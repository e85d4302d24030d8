/**
 * The grid's geometry, without the DOM: how many columns make the largest tiles for a count
 * in a box, which tile goes where, and the size a tile's video is rendered at.
 */

/** Tiles are 16:9; the gap between them, in CSS pixels (style.css `.grid` gap). */
const ASPECT = 16 / 9;

/**
 * The number of columns that gives `count` tiles of aspect 16:9 the largest size inside a
 * `width` × `height` box (every tile the same size, all visible without scrolling). For 25
 * tiles in a landscape window that is 5 or 6 columns, in a tall phone 3 or 4.
 */
export function columnsFor(count: number, width: number, height: number, gap = 10): number {
  if (count <= 1 || width <= 0 || height <= 0) return 1;
  let best = 1;
  let bestWidth = 0;
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    const tileWidth = Math.min((width - gap * (cols - 1)) / cols, ((height - gap * (rows - 1)) / rows) * ASPECT);
    if (tileWidth > bestWidth + 0.5) {
      best = cols;
      bestWidth = tileWidth;
    }
  }
  return best;
}

export interface TileKey {
  readonly key: string;
  readonly peerId: string | null;
  readonly kind: 'self' | 'camera' | 'screen';
}

/**
 * The order tiles are shown in: screen shares first (what everyone is looking at), then the
 * active speaker's camera (`speaker` a peer id, or `self`), then everyone else as they
 * joined, with us last among them.
 */
export function tileOrder(tiles: readonly TileKey[], speaker: string | null): string[] {
  const rank = (tile: TileKey): number => {
    if (tile.kind === 'screen') return 0;
    if (speaker !== null && (tile.peerId === speaker || tile.key === speaker)) return 1;
    return tile.kind === 'self' ? 3 : 2;
  };
  return tiles
    .map((tile, index) => ({ tile, index }))
    .sort((a, b) => rank(a.tile) - rank(b.tile) || a.index - b.index)
    .map(({ tile }) => tile.key);
}

/**
 * The size to tell the server a video is rendered at: its CSS box in device pixels, 0×0 when
 * the video is not shown (camera off, tile hidden).
 */
export function renderSize(
  cssWidth: number,
  cssHeight: number,
  devicePixelRatio: number,
  shown: boolean,
): { readonly width: number; readonly height: number } {
  if (!shown || cssWidth <= 0 || cssHeight <= 0) return { width: 0, height: 0 };
  const ratio = devicePixelRatio > 0 ? devicePixelRatio : 1;
  return { width: Math.round(cssWidth * ratio), height: Math.round(cssHeight * ratio) };
}
