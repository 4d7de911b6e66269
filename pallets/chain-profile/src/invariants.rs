// SPDX-License-Identifier: Apache-2.0
//! `try_state`: the stored profile keeps its rules.

use crate::{Config, Pallet, Profile, ProfileRules};

impl<T: Config> Pallet<T> {
	/// The stored profile decodes and passes [`ProfileRules::check`].
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		if Profile::<T>::exists() && Profile::<T>::try_get().is_err() {
			return Err("the stored chain profile does not decode".into());
		}
		Profile::<T>::get().check().map_err(sp_runtime::TryRuntimeError::Other)
	}
}
