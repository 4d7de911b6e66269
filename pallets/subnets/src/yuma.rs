// SPDX-License-Identifier: Apache-2.0
//! Yuma consensus (Bittensor's epoch), as pure functions over sparse rows.
//!
//! One fixed-point type throughout: [`FixedU128`] (18 decimals, unsigned). Every quantity here is
//! a share in `[0, 1]`, so multiplications never exceed 1 and divisions are by sums that are
//! checked for zero first; the operations saturate and never panic. Rounding is FixedU128's
//! (products round down, quotients round down), so shares sum to at most 1.
//!
//! With `s` the validators' normalised stake, `W` their row-normalised weights (row `i` =
//! validator `i`, column `j` = neuron `j`) and `κ = 1/2`:
//! - consensus `C_j = max { w : Σ_{i : W_ij ≥ w} s_i ≥ κ }` (the stake-weighted median),
//! - clipped weights `W̄_ij = min(W_ij, C_j)`,
//! - rank `R_j = Σ_i s_i W̄_ij`, incentive `I = R / ΣR`,
//! - validator trust `T_i = Σ_j W̄_ij`,
//! - bond deltas `ΔB_ij = s_i W̄_ij`, normalised per column,
//! - bonds `B = α ΔB + (1 − α) B_old`, normalised per column,
//! - dividends `D_i = Σ_j B_ij I_j`, normalised.

use alloc::{vec, vec::Vec};
use sp_runtime::{
	traits::{CheckedDiv, One, Saturating, Zero},
	FixedPointNumber, FixedU128,
};

/// A sparse row: `(column, value)` with distinct columns.
pub type Row = Vec<(u16, FixedU128)>;

/// What an epoch is computed from.
#[derive(Clone, Debug, Default)]
pub struct YumaInput {
	/// Number of neurons (columns).
	pub neurons: usize,
	/// Each validator's stake (any unit; normalised here).
	pub stake: Vec<u128>,
	/// Each validator's weights (any scale; row-normalised here). Entries with a column at or
	/// beyond `neurons` are ignored.
	pub weights: Vec<Vec<(u16, u16)>>,
	/// Each validator's bonds from the previous epoch.
	pub bonds: Vec<Row>,
	/// The weight of the new bonds in the moving average.
	pub alpha: FixedU128,
}

/// What an epoch computes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct YumaOutput {
	/// Per neuron: the stake-weighted median weight.
	pub consensus: Vec<FixedU128>,
	/// Per neuron: its share of the miners' emission (sums to 1, or all zero).
	pub incentive: Vec<FixedU128>,
	/// Per validator: the sum of its clipped weights.
	pub trust: Vec<FixedU128>,
	/// Per validator: its share of the validators' emission (sums to 1, or all zero).
	pub dividends: Vec<FixedU128>,
	/// Per validator: its new bonds.
	pub bonds: Vec<Row>,
}

/// The stake-weighted median threshold.
pub fn kappa() -> FixedU128 {
	FixedU128::from_rational(1, 2)
}

fn zero() -> FixedU128 {
	FixedU128::from_inner(0)
}

/// `values / Σ values`, or all zero when the sum is zero.
pub fn normalise(values: &[FixedU128]) -> Vec<FixedU128> {
	let sum = values.iter().fold(zero(), |acc, v| acc.saturating_add(*v));
	if sum.is_zero() {
		return vec![zero(); values.len()];
	}
	values.iter().map(|v| v.checked_div(&sum).unwrap_or_else(zero)).collect()
}

/// `amounts / Σ amounts` as fixed-point shares, or all zero when the sum is zero.
pub fn normalise_amounts(amounts: &[u128]) -> Vec<FixedU128> {
	let sum = amounts.iter().fold(0u128, |acc, a| acc.saturating_add(*a));
	if sum == 0 {
		return vec![zero(); amounts.len()];
	}
	amounts.iter().map(|a| FixedU128::checked_from_rational(*a, sum).unwrap_or_else(zero)).collect()
}

/// A weight row normalised to sum to 1: out-of-range and duplicate columns dropped (the first
/// entry of a column counts), zero entries dropped.
pub fn normalise_row(row: &[(u16, u16)], neurons: usize) -> Row {
	let mut seen = vec![false; neurons];
	let mut kept: Vec<(u16, u128)> = Vec::with_capacity(row.len());
	for (col, w) in row {
		let c = usize::from(*col);
		if c < neurons && *w > 0 && !seen[c] {
			seen[c] = true;
			kept.push((*col, u128::from(*w)));
		}
	}
	let amounts: Vec<u128> = kept.iter().map(|(_, w)| *w).collect();
	kept.iter().map(|(c, _)| *c).zip(normalise_amounts(&amounts)).collect()
}

/// Normalises each column of `rows` (over `neurons` columns) to sum to 1 where it is non-zero.
fn normalise_columns(rows: &mut [Row], neurons: usize) {
	let mut sums = vec![zero(); neurons];
	for row in rows.iter() {
		for (c, v) in row {
			if let Some(s) = sums.get_mut(usize::from(*c)) {
				*s = s.saturating_add(*v);
			}
		}
	}
	for row in rows.iter_mut() {
		for (c, v) in row.iter_mut() {
			let sum = sums.get(usize::from(*c)).copied().unwrap_or_else(zero);
			*v = if sum.is_zero() { zero() } else { v.checked_div(&sum).unwrap_or_else(zero) };
		}
		row.retain(|(_, v)| !v.is_zero());
	}
}

/// The stake-weighted median of one column: `entries` are `(weight, stake)` of the validators
/// that weight it; validators that do not weight it count with weight zero.
pub fn weighted_median(mut entries: Vec<(FixedU128, FixedU128)>) -> FixedU128 {
	entries.sort_by_key(|e| core::cmp::Reverse(e.0));
	let mut cumulative = zero();
	for (w, s) in entries {
		cumulative = cumulative.saturating_add(s);
		if cumulative >= kappa() {
			return w;
		}
	}
	zero()
}

/// Runs one Yuma epoch.
pub fn epoch(input: &YumaInput) -> YumaOutput {
	let n = input.neurons;
	let validators = input.stake.len();
	let stake = normalise_amounts(&input.stake);
	let weights: Vec<Row> = (0..validators)
		.map(|i| normalise_row(input.weights.get(i).map_or(&[][..], |r| &r[..]), n))
		.collect();

	// Consensus per column.
	let mut columns: Vec<Vec<(FixedU128, FixedU128)>> = vec![Vec::new(); n];
	for (i, row) in weights.iter().enumerate() {
		for (c, w) in row {
			if let Some(col) = columns.get_mut(usize::from(*c)) {
				col.push((*w, stake[i]));
			}
		}
	}
	let consensus: Vec<FixedU128> = columns.into_iter().map(weighted_median).collect();

	// Clip, rank, trust, bond deltas.
	let mut ranks = vec![zero(); n];
	let mut trust = vec![zero(); validators];
	let mut deltas: Vec<Row> = Vec::with_capacity(validators);
	for (i, row) in weights.iter().enumerate() {
		let mut delta: Row = Vec::with_capacity(row.len());
		for (c, w) in row {
			let col = usize::from(*c);
			let clipped = (*w).min(consensus.get(col).copied().unwrap_or_else(zero));
			if clipped.is_zero() {
				continue;
			}
			let weighted = stake[i].saturating_mul(clipped);
			if let Some(r) = ranks.get_mut(col) {
				*r = r.saturating_add(weighted);
			}
			trust[i] = trust[i].saturating_add(clipped);
			delta.push((*c, weighted));
		}
		deltas.push(delta);
	}
	let incentive = normalise(&ranks);
	normalise_columns(&mut deltas, n);

	// Bonds: moving average of the old bonds and the deltas, per column normalised.
	let keep = FixedU128::one().saturating_sub(input.alpha);
	let mut bonds: Vec<Row> = Vec::with_capacity(validators);
	// One row of deltas per validator (`weights` has `validators` rows).
	for (i, validator_deltas) in deltas.iter().enumerate() {
		let mut row = vec![zero(); n];
		if let Some(old) = input.bonds.get(i) {
			for (c, b) in old {
				if let Some(v) = row.get_mut(usize::from(*c)) {
					*v = v.saturating_add(keep.saturating_mul(*b));
				}
			}
		}
		for (c, d) in validator_deltas {
			if let Some(v) = row.get_mut(usize::from(*c)) {
				*v = v.saturating_add(input.alpha.saturating_mul(*d));
			}
		}
		bonds.push(
			row.into_iter()
				.enumerate()
				.filter(|(_, v)| !v.is_zero())
				.map(|(c, v)| (c as u16, v))
				.collect(),
		);
	}
	normalise_columns(&mut bonds, n);

	let raw_dividends: Vec<FixedU128> = bonds
		.iter()
		.map(|row| {
			row.iter().fold(zero(), |acc, (c, b)| {
				acc.saturating_add(
					b.saturating_mul(incentive.get(usize::from(*c)).copied().unwrap_or_else(zero)),
				)
			})
		})
		.collect();
	let dividends = normalise(&raw_dividends);

	YumaOutput { consensus, incentive, trust, dividends, bonds }
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	fn f(n: u128, d: u128) -> FixedU128 {
		FixedU128::from_rational(n, d)
	}

	fn sum(values: &[FixedU128]) -> FixedU128 {
		values.iter().fold(zero(), |a, v| a.saturating_add(*v))
	}

	/// Within `n` units of the last place of 1 (the rounding of `n` divisions).
	fn is_one(x: FixedU128, n: u128) -> bool {
		let one = FixedU128::one().into_inner();
		x.into_inner() <= one && one - x.into_inner() <= n
	}

	#[test]
	fn the_median_is_stake_weighted() {
		// Weights 0.9 (stake 0.3), 0.5 (stake 0.3), 0.1 (stake 0.4): from the top, 0.3 < 1/2,
		// then 0.6 ≥ 1/2 at weight 0.5.
		let entries = vec![(f(1, 10), f(4, 10)), (f(9, 10), f(3, 10)), (f(5, 10), f(3, 10))];
		assert_eq!(weighted_median(entries), f(5, 10));
		// Less than half the stake weights the column at all: consensus is zero.
		assert_eq!(weighted_median(vec![(f(1, 1), f(4, 10))]), zero());
		assert_eq!(weighted_median(vec![]), zero());
	}

	#[test]
	fn rows_are_normalised_and_cleaned() {
		let row = normalise_row(&[(0, 1), (1, 3), (1, 5), (7, 9), (2, 0)], 3);
		assert_eq!(row, vec![(0, f(1, 4)), (1, f(3, 4))]);
		assert!(normalise_row(&[(0, 0)], 3).is_empty());
	}

	/// A worked epoch: three equal validators (neurons 0–2), two miners (3 and 4). Two validators put everything on
	/// miner 3; the third splits 50/50. Consensus on miner 3 is 1, on miner 4 zero (only 1/3 of
	/// the stake weights it), so the third validator's half on miner 4 is clipped away: all
	/// incentive goes to miner 3, and the third validator's bonds (and dividends) are half the
	/// others'.
	#[test]
	fn a_worked_epoch() {
		let input = YumaInput {
			neurons: 5,
			stake: vec![100, 100, 100],
			weights: vec![vec![(3, 10)], vec![(3, 7)], vec![(3, 1), (4, 1)]],
			bonds: vec![vec![], vec![], vec![]],
			alpha: FixedU128::one(),
		};
		let out = epoch(&input);
		assert_eq!(out.consensus[3], FixedU128::one());
		assert_eq!(out.consensus[4], zero());
		assert_eq!(out.incentive[3], FixedU128::one());
		assert_eq!(out.incentive[4], zero());
		assert_eq!(out.trust[2], f(1, 2));
		// Bond deltas on miner 3: 1/3, 1/3, 1/6 → normalised 2/5, 2/5, 1/5.
		assert!(out.bonds[0][0].1 > out.bonds[2][0].1);
		assert!(is_one(sum(&out.dividends), 10));
		let (d0, d2) = (out.dividends[0].into_inner(), out.dividends[2].into_inner());
		assert!(d0.abs_diff(2 * d2) <= 10, "{d0} vs 2 × {d2}");
	}

	#[test]
	fn no_weights_no_incentive() {
		let input = YumaInput {
			neurons: 3,
			stake: vec![1, 2],
			weights: vec![vec![], vec![]],
			bonds: vec![vec![], vec![]],
			alpha: f(1, 10),
		};
		let out = epoch(&input);
		assert!(out.incentive.iter().all(|i| i.is_zero()));
		assert!(out.dividends.iter().all(|d| d.is_zero()));
	}

	#[test]
	fn old_bonds_decay_by_alpha() {
		// Validator 0 was bonded to miner 1; now everyone weights miner 2.
		let input = YumaInput {
			neurons: 3,
			stake: vec![1, 1],
			weights: vec![vec![(2, 1)], vec![(2, 1)]],
			bonds: vec![vec![(1, FixedU128::one())], vec![]],
			alpha: f(1, 10),
		};
		let out = epoch(&input);
		// The old bond is the only one on miner 1: normalised it stays 1, but miner 1 has no
		// incentive, so it pays nothing; on miner 2 both hold half.
		assert_eq!(out.bonds[0], vec![(1, FixedU128::one()), (2, f(1, 2))]);
		assert_eq!(out.dividends, vec![f(1, 2), f(1, 2)]);
	}

	fn arbitrary_input() -> impl Strategy<Value = YumaInput> {
		(1usize..12, 1usize..6).prop_flat_map(|(neurons, validators)| {
			(
				proptest::collection::vec(0u128..1_000_000_000_000_000, validators),
				proptest::collection::vec(
					proptest::collection::vec((0u16..(neurons as u16 + 2), any::<u16>()), 0..14),
					validators,
				),
				proptest::collection::vec(
					proptest::collection::vec((0u16..neurons as u16, 0u128..=1_000), 0..6),
					validators,
				),
				0u128..=100,
			)
				.prop_map(move |(stake, weights, bonds, alpha)| YumaInput {
					neurons,
					stake,
					weights,
					bonds: bonds
						.into_iter()
						.map(|row| {
							let mut seen = vec![false; neurons];
							row.into_iter()
								.filter(|(c, _)| !core::mem::replace(&mut seen[*c as usize], true))
								.map(|(c, b)| (c, f(b, 1_000)))
								.collect()
						})
						.collect(),
					alpha: f(alpha, 100),
				})
		})
	}

	proptest! {
		/// Incentive and dividends are shares: they sum to 1 (up to rounding) or are all zero;
		/// consensus and trust stay in [0, 1]; every non-empty bond column sums to 1.
		#[test]
		fn outputs_are_normalised(input in arbitrary_input()) {
			let out = epoch(&input);
			let n = input.neurons as u128;
			let v = input.stake.len() as u128;
			prop_assert_eq!(out.incentive.len(), input.neurons);
			let si = sum(&out.incentive);
			prop_assert!(si.is_zero() || is_one(si, n + 1), "incentive sums to {:?}", si);
			let sd = sum(&out.dividends);
			prop_assert!(sd.is_zero() || is_one(sd, v + 1), "dividends sum to {:?}", sd);
			prop_assert!(out.consensus.iter().all(|c| *c <= FixedU128::one()));
			prop_assert!(out.trust.iter().all(|t| t.into_inner() <= FixedU128::one().into_inner() + n));
			let mut columns = vec![zero(); input.neurons];
			for row in &out.bonds {
				for (c, b) in row {
					columns[*c as usize] = columns[*c as usize].saturating_add(*b);
				}
			}
			for c in columns {
				prop_assert!(c.is_zero() || is_one(c, v + 1), "a bond column sums to {:?}", c);
			}
		}

		/// A validator that votes away from the majority earns less than one that votes with it,
		/// at equal stake.
		#[test]
		fn a_validator_far_from_consensus_earns_less(
			neurons in 3usize..10,
			majority in 2usize..5,
			honest_target in 0u16..3,
			stake in 1u128..1_000_000,
			epochs in 1usize..4,
		) {
			let validators = majority + 1;
			let deviant_target = (honest_target + 1) % neurons as u16;
			let mut weights = vec![vec![(honest_target, u16::MAX)]; majority];
			weights.push(vec![(deviant_target, u16::MAX)]);
			let mut bonds = vec![Row::new(); validators];
			let mut out = YumaOutput::default();
			for _ in 0..epochs {
				out = epoch(&YumaInput {
					neurons,
					stake: vec![stake; validators],
					weights: weights.clone(),
					bonds,
					alpha: f(1, 10),
				});
				bonds = out.bonds.clone();
			}
			prop_assert!(out.dividends[majority] < out.dividends[0]);
			prop_assert!(out.incentive[deviant_target as usize] < out.incentive[honest_target as usize]);
		}
	}
}
