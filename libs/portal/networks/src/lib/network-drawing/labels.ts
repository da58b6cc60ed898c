// Which actors' names the drawing shows. Sigma's own choice (one label per grid cell) let long
// names run into each other ("Wohnungsgenossenschaft Moabit eG" over "Gewerbeverein …"). Here
// every label is a box to the right of its node, as sigma draws it; the most important actors
// (largest nodes, search hits) are placed first and a label that would touch one already
// placed, or leave the drawing, is not shown — hovering still names every actor. Recomputed
// when the camera moves, so zooming in shows more names. Pure, so it is unit-tested.

export interface LabelCandidate {
  readonly id: string;
  /** Node centre in viewport pixels. */
  readonly x: number;
  readonly y: number;
  /** Node radius in viewport pixels. */
  readonly radius: number;
  /** Label text size in pixels. */
  readonly width: number;
  readonly height: number;
  /** Higher first: node size, search hits above everything. */
  readonly priority: number;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Space between the node and its label, as sigma's default label margin. */
export const LABEL_MARGIN = 5;

export function labelBox(c: LabelCandidate): Box {
  const left = c.x + c.radius + LABEL_MARGIN;
  return { left, top: c.y - c.height / 2, right: left + c.width, bottom: c.y + c.height / 2 };
}

export function overlaps(a: Box, b: Box, gap = 0): boolean {
  return a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
}

const CELL = 64;

/**
 * The labels to show: greedily by priority (ties by id, so the same picture each time), each
 * kept only when its box lies inside the viewport and keeps `gap` pixels from every label
 * already kept. A uniform grid keeps it near-linear for networks of thousands of actors.
 */
export function placeLabels(
  candidates: readonly LabelCandidate[],
  viewport: { width: number; height: number },
  gap = 3,
): Set<string> {
  const order = [...candidates].sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : 1));
  const grid = new Map<string, Box[]>();
  const cells = (box: Box): string[] => {
    const keys: string[] = [];
    for (let cx = Math.floor((box.left - gap) / CELL); cx <= Math.floor((box.right + gap) / CELL); cx++)
      for (let cy = Math.floor((box.top - gap) / CELL); cy <= Math.floor((box.bottom + gap) / CELL); cy++)
        keys.push(`${cx}:${cy}`);
    return keys;
  };
  const shown = new Set<string>();
  for (const candidate of order) {
    if (candidate.width <= 0) continue;
    const box = labelBox(candidate);
    if (box.left < 0 || box.top < 0 || box.right > viewport.width || box.bottom > viewport.height) continue;
    const keys = cells(box);
    if (keys.some((key) => grid.get(key)?.some((other) => overlaps(box, other, gap)))) continue;
    for (const key of keys) grid.set(key, [...(grid.get(key) ?? []), box]);
    shown.add(candidate.id);
  }
  return shown;
}

/** Pairs of shown labels whose boxes overlap (0 when `placeLabels` chose them). */
export function overlappingPairs(candidates: readonly LabelCandidate[], shown: ReadonlySet<string>): number {
  const boxes = candidates.filter((c) => shown.has(c.id)).map(labelBox);
  let pairs = 0;
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) if (overlaps(boxes[i], boxes[j])) pairs++;
  return pairs;
}
