// A rubric's weights as the percentages every page shows (the public rubric, the judge's workspace
// and scorecard, the editor): whole percents that add up to 100 (largest remainder), so one
// criterion never reads 33 % on one page and ×1 on another. Pure; safe in the browser.

export function weightShares(weights: readonly number[]): number[] {
  const usable = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
  const total = usable.reduce((s, w) => s + w, 0);
  if (total <= 0) return usable.map(() => 0);
  const exact = usable.map((w) => (100 * w) / total);
  const shares = exact.map(Math.floor);
  let left = 100 - shares.reduce((s, v) => s + v, 0);
  const byRemainder = exact.map((v, i) => ({ i, r: v - Math.floor(v) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    if (usable[i] === 0) continue;
    shares[i]++;
    left--;
  }
  return shares;
}
