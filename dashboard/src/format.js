// SPDX-License-Identifier: Apache-2.0
// How the dashboard writes numbers (shared with its test, which checks the page against the
// runtime API through these same functions).

export const FLY = 10n ** 12n;
const FIXED_ONE = 10n ** 18n;

/** 1234567 -> "1,234,567". */
function groups(whole) {
  return whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Plancks (bigint) as FLY with two decimals, truncated: "1,234.56 FLY". */
export function fly(planck) {
  const p = BigInt(planck);
  const sign = p < 0n ? '-' : '';
  const abs = p < 0n ? -p : p;
  const cents = (abs % FLY) / (FLY / 100n);
  return `${sign}${groups(abs / FLY)}.${cents.toString().padStart(2, '0')} FLY`;
}

/** A plain integer with thousands separators (DC, DNT counts in plancks are shown as FLY). */
export function count(n) {
  return groups(BigInt(n));
}

/** A Perbill (parts per billion) as a percentage with four decimals: "12.3456%". */
export function perbill(parts) {
  return `${(Number(parts) / 1e7).toFixed(4)}%`;
}

/** A FixedU128 (inner value, 10^18 = 1) with six decimals, or "n/a" when absent. */
export function fixed(inner) {
  if (inner === null || inner === undefined) return 'n/a';
  const v = BigInt(inner);
  const micro = (v * 1_000_000n) / FIXED_ONE;
  const whole = micro / 1_000_000n;
  return `${groups(whole)}.${(micro % 1_000_000n).toString().padStart(6, '0')}`;
}
