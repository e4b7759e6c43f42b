// Gridline values for a bar chart of counts: whole numbers, 1-2-5 steps, 3 to 5 lines, the top at
// or above the largest value. Pure.

export function chartTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  let step = 1;
  for (let magnitude = 1; ; magnitude *= 10) {
    const found = [1, 2, 5].map((m) => m * magnitude).find((s) => Math.ceil(max / s) <= 4);
    if (found) {
      step = found;
      break;
    }
  }
  const top = Math.ceil(max / step) * step;
  return Array.from({ length: top / step + 1 }, (_, i) => i * step);
}
