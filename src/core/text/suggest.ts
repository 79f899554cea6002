/** "Did you mean" suggestions for misspelt ids and field names. */

/**
 * The candidate closest to `word` by edit distance, when close enough to be a typo
 * (at most 1 edit for short words, 2 otherwise). Words of one character get no suggestion.
 */
export function closest<T extends string>(word: string, candidates: readonly T[]): T | undefined {
  if (word.length < 2) return undefined; // one character is too little to guess from
  let best: T | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const allowed = word.length <= 4 ? 1 : 2;
  return bestDistance <= allowed ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
