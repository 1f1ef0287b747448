/**
 * The Top2-weighted ensemble rule of seed 003: "a Top2-Weighted ensemble – selecting the top
 * two predictions from each model and weighting them accordingly". The seed does not say
 * what "accordingly" weighs by; we take each member's weight times its own probability, so
 * that a confident member counts more than a hesitant one and a member's third-ranked
 * classes count not at all. Exactly, for members m = 1 … M with probabilities p_m over K
 * classes and weights w_m ≥ 0:
 *
 *   T_m  = the two classes with the largest p_m (a tie goes to the lower class index, as
 *          arg-max does),
 *   s_c  = Σ_m w_m · p_{m,c} · [c ∈ T_m],
 *   q_c  = s_c / Σ_j s_j              (the ensemble's probabilities; 0 outside every T_m),
 *
 * and the ensemble's class is arg-max q. Σ_j s_j > 0 whenever some w_m > 0, since a
 * softmax's top two sum to at least 2/K; were it 0, q would be all zeros.
 * The same rule runs inside the saved network as the ./top2-layer layer.
 */

/** Whether class `c` is among the two largest of `row` (ties to the lower index). */
export function inTopTwo(row: ArrayLike<number>, c: number): boolean {
  const value = row[c]!;
  let ahead = 0;
  for (let j = 0; j < row.length; j++) {
    const other = row[j]!;
    if (other > value || (other === value && j < c)) ahead++;
  }
  return ahead < 2;
}

/**
 * The rule on plain arrays: `members[m]` is member m's count × K probabilities (beat after
 * beat), `weights[m]` its weight. Returns the count × K ensemble probabilities.
 * @throws RangeError for members of different sizes, a weight count that differs from the
 *   member count, or a negative or non-finite weight.
 */
export function top2Weighted(members: readonly Float32Array[], weights: readonly number[], classes: number): Float32Array {
  if (members.length === 0) throw new RangeError('an ensemble needs at least one member');
  if (weights.length !== members.length) throw new RangeError(`${weights.length} weights for ${members.length} members`);
  if (weights.some((w) => !(w >= 0) || !Number.isFinite(w))) throw new RangeError(`weights must be finite and ≥ 0, got ${weights.join(', ')}`);
  const size = members[0]!.length;
  if (members.some((p) => p.length !== size) || size % classes !== 0) throw new RangeError('members give probability arrays of different sizes');
  const out = new Float32Array(size);
  const score = new Float64Array(classes);
  for (let start = 0; start < size; start += classes) {
    score.fill(0);
    members.forEach((p, m) => {
      const row = p.subarray(start, start + classes);
      for (let c = 0; c < classes; c++) if (inTopTwo(row, c)) score[c]! += weights[m]! * row[c]!;
    });
    const total = score.reduce((a, b) => a + b, 0);
    if (total > 0) for (let c = 0; c < classes; c++) out[start + c] = score[c]! / total;
  }
  return out;
}
