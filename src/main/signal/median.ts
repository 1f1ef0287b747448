/**
 * The median of a list of numbers, for the signal code and its reports: sorted in place, the
 * mean of the two middle values for an even count, NaN for an empty list. (The QRS
 * detector's thresholds use the upper middle value instead, and keep their own.)
 */
export function medianInPlace(values: Float64Array | number[]): number {
  if (values.length === 0) return Number.NaN;
  if (values instanceof Float64Array) values.sort();
  else values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}
