// SPDX-License-Identifier: Apache-2.0
//! What the runtime's profile type must provide.

/// A chain profile's own rules: the values every chain must respect, whatever its preset.
pub trait ProfileRules {
	/// `Err` names the first value out of its range.
	fn check(&self) -> Result<(), &'static str>;
}
