/** Test helper: a flat (x, y, x, y, …) array as [x, y] pairs, NaN kept. */
export function pairs(flat: ArrayLike<number>): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i] as number, flat[i + 1] as number]);
  return out;
}

/** Test helper: [x, y] pairs as a flat Float64Array. */
export function flat(points: readonly (readonly [number, number])[]): Float64Array {
  return Float64Array.from(points.flat());
}
