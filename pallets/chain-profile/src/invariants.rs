// SPDX-License-Identifier: Apache-2.0
//! `try_state`: the stored profile keeps its rules.

use crate::{Config, Pallet, Profile, ProfileRules};

impl<T: Config> Pallet<T> {
	/// The profile in force passes [`ProfileRules::check`].
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		Profile::<T>::get().check().map_err(sp_runtime::TryRuntimeError::Other)
	}
}
