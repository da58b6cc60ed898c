// Seeded pseudo-random choices (the repository's mulberry32): the same seed gives the same fuzz
// cases, so a failure seen in CI repeats on a laptop with FUZZ_SEED=<seed>.
import { seededRandom } from '../seeded-random.mjs';

/** @param {number} seed */
export function createRandom(seed) {
  const next = seededRandom(seed);
  return {
    next,
    /** Whole number in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    /** One element of a non-empty array. */
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
    /** A copy of `items` in random order. */
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
}
