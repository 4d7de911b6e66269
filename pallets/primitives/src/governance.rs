// SPDX-License-Identifier: Apache-2.0
//! Governance within bounds: how far an admin origin reaches, and the hard ranges the
//! `tokenomics_admin` track must stay within.
//!
//! Each tokenomics pallet's `AdminOrigin` succeeds with an [`AdminScope`]: the root track gets
//! [`AdminScope::Full`] and may set any valid value; the `tokenomics_admin` track gets
//! [`AdminScope::Bounded`] and may set only values inside the runtime's [`Bounds`]. Outside them
//! only the root track may act.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{Perbill, Permill};

/// How far the origin of an admin call reaches.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum AdminScope {
	/// Only values within the runtime's governance bounds (the `tokenomics_admin` track).
	Bounded,
	/// Any valid value, and the changes that have no range (keys, authorities): the root track.
	Full,
}

impl AdminScope {
	/// Whether `value` may be set by this scope under `bounds`.
	pub fn allows<P: WithinBounds>(self, value: &P, bounds: &Bounds<P>) -> bool {
		self == AdminScope::Full || bounds.contains(value)
	}

	/// Whether this scope may make a change that has no range (a key or an authority).
	pub fn is_full(self) -> bool {
		self == AdminScope::Full
	}
}

/// An inclusive range of a parameter; for a struct, field by field.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct Bounds<P> {
	/// The lowest value (for a struct, each field's lowest).
	pub min: P,
	/// The highest value (for a struct, each field's highest).
	pub max: P,
}

impl<P: WithinBounds> Bounds<P> {
	/// Whether `value` lies within `min..=max`.
	pub fn contains(&self, value: &P) -> bool {
		value.within(&self.min, &self.max)
	}
}

impl<P> Bounds<P> {
	/// The bounds of one field of a struct parameter.
	pub fn map<F>(&self, field: impl Fn(&P) -> F) -> Bounds<F> {
		Bounds { min: field(&self.min), max: field(&self.max) }
	}
}

/// A parameter whose value can be checked against a `min` and a `max` of its own type.
pub trait WithinBounds {
	/// Whether `self` lies within `min..=max`. A struct checks each field; a flag or an enum is
	/// within when it equals `min` or `max` (so `min == max` fixes it).
	fn within(&self, min: &Self, max: &Self) -> bool;
}

macro_rules! ordered_within_bounds {
	($($t:ty),*) => {$(
		impl WithinBounds for $t {
			fn within(&self, min: &Self, max: &Self) -> bool {
				min <= self && self <= max
			}
		}
	)*};
}
ordered_within_bounds!(u8, u16, u32, u64, u128, Perbill, Permill);

impl WithinBounds for bool {
	fn within(&self, min: &Self, max: &Self) -> bool {
		self == min || self == max
	}
}

/// Implements [`WithinBounds`] for a struct, field by field (every field listed).
#[macro_export]
macro_rules! within_bounds_by_fields {
	($t:ty { $($field:ident),* $(,)? }) => {
		impl $crate::governance::WithinBounds for $t {
			fn within(&self, min: &Self, max: &Self) -> bool {
				true $(&& $crate::governance::WithinBounds::within(
					&self.$field, &min.$field, &max.$field,
				))*
			}
		}
	};
}

/// Implements [`WithinBounds`] for a fieldless enum: within when equal to `min` or `max`.
#[macro_export]
macro_rules! within_bounds_by_equality {
	($t:ty) => {
		impl $crate::governance::WithinBounds for $t {
			fn within(&self, min: &Self, max: &Self) -> bool {
				self == min || self == max
			}
		}
	};
}

#[cfg(test)]
mod tests {
	use super::*;

	#[derive(PartialEq, Debug)]
	struct Pair {
		a: u32,
		b: Perbill,
		on: bool,
	}
	within_bounds_by_fields!(Pair { a, b, on });

	#[test]
	fn a_number_is_within_its_inclusive_range() {
		let bounds = Bounds { min: 2u32, max: 5 };
		assert!(!bounds.contains(&1));
		assert!(bounds.contains(&2));
		assert!(bounds.contains(&5));
		assert!(!bounds.contains(&6));
	}

	#[test]
	fn a_struct_is_within_when_every_field_is() {
		let bounds = Bounds {
			min: Pair { a: 1, b: Perbill::from_percent(10), on: false },
			max: Pair { a: 3, b: Perbill::from_percent(20), on: false },
		};
		assert!(bounds.contains(&Pair { a: 3, b: Perbill::from_percent(10), on: false }));
		assert!(!bounds.contains(&Pair { a: 4, b: Perbill::from_percent(10), on: false }));
		assert!(!bounds.contains(&Pair { a: 2, b: Perbill::from_percent(21), on: false }));
		// A flag fixed by `min == max`.
		assert!(!bounds.contains(&Pair { a: 2, b: Perbill::from_percent(15), on: true }));
		// One field's bounds.
		assert_eq!(bounds.map(|p| p.a), Bounds { min: 1, max: 3 });
	}

	#[test]
	fn full_scope_ignores_the_bounds_and_bounded_scope_keeps_them() {
		let bounds = Bounds { min: 2u32, max: 5 };
		assert!(AdminScope::Full.allows(&100, &bounds));
		assert!(!AdminScope::Bounded.allows(&100, &bounds));
		assert!(AdminScope::Bounded.allows(&4, &bounds));
		assert!(AdminScope::Full.is_full());
		assert!(!AdminScope::Bounded.is_full());
	}
}
