// SPDX-License-Identifier: Apache-2.0
//! `try_state` invariants (also run after every unit test).

use crate::*;
use frame_support::ensure;
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Σ DC balances + Σ escrows = DC minted − DC burned; no zero entries; the current epoch's
	/// totals within the lifetime totals and not also in history. Iterates every balance and
	/// escrow (off-chain only).
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut held: u128 = 0;
		for (_, b) in DcBalances::<T>::iter() {
			ensure!(b > 0, "a zero DC balance is stored");
			held = held.checked_add(u128::from(b)).ok_or("DC balances overflow")?;
		}
		for (_, _, e) in Escrows::<T>::iter() {
			ensure!(e > 0, "an empty escrow is stored");
			held = held.checked_add(u128::from(e)).ok_or("DC escrows overflow")?;
		}
		let ledger = Ledger::<T>::get();
		let supply = ledger.supply;
		ensure!(supply.burned <= supply.minted, "more DC burned than minted");
		ensure!(
			held == supply.minted.saturating_sub(supply.burned),
			"DC balances + escrows differ from DC minted - burned"
		);
		ensure!(
			ledger.epoch_totals.dc_minted <= supply.minted
				&& ledger.epoch_totals.dc_burned <= supply.burned,
			"epoch totals exceed lifetime totals"
		);
		ensure!(
			!EpochTotalsOf::<T>::contains_key(ledger.epoch),
			"the current epoch is also in history"
		);
		// Every payer's window is part of the breaker's: both take the same mints and decay
		// alike (each rounded up once, so a payer's may exceed by a planck).
		let now = Self::block_number();
		let window = ledger.settings.breaker.window;
		let total = ledger.breaker.decayed(now, window);
		for (_, payer) in PayerWindows::<T>::iter() {
			ensure!(payer.last_block <= now, "a payer window from the future");
			ensure!(
				payer.decayed(now, window) <= total.saturating_add(1),
				"a payer minted more in the window than everyone"
			);
		}
		Ok(())
	}
}
