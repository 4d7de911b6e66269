// SPDX-License-Identifier: Apache-2.0
//! A runtime upgrade refuses a wasm of another chain (another `spec_name`) and one that does
//! not raise `spec_version`, by the call and by an authorized upgrade: the runtime's own wasm
//! with its embedded version rewritten.

use super::*;
use codec::Encode;
use sp_version::RuntimeVersion;

/// Reads the version a wasm embeds (its `runtime_version` custom section), as the node's
/// executor does before `set_code` accepts the wasm.
struct EmbeddedVersion;

impl sp_core::traits::ReadRuntimeVersion for EmbeddedVersion {
	fn read_runtime_version(
		&self,
		wasm: &[u8],
		_: &mut dyn sp_core::traits::Externalities,
	) -> Result<Vec<u8>, String> {
		sections(wasm)
			.into_iter()
			.find_map(|(id, body)| custom_payload(id, body, b"runtime_version"))
			.map(<[u8]>::to_vec)
			.ok_or_else(|| "no runtime_version section".into())
	}
}

/// An unsigned LEB128 number at the start of `bytes`: its value and length.
fn leb128(bytes: &[u8]) -> Option<(usize, usize)> {
	let mut value = 0usize;
	for (i, byte) in bytes.iter().enumerate().take(5) {
		value |= usize::from(byte & 0x7f) << (7 * i);
		if byte & 0x80 == 0 {
			return Some((value, i + 1));
		}
	}
	None
}

fn encode_leb128(mut value: usize, out: &mut Vec<u8>) {
	loop {
		let byte = (value & 0x7f) as u8;
		value >>= 7;
		if value == 0 {
			out.push(byte);
			return;
		}
		out.push(byte | 0x80);
	}
}

/// A wasm module's sections after its 8-byte header, as `(id, body)`.
fn sections(wasm: &[u8]) -> Vec<(u8, &[u8])> {
	let mut out = Vec::new();
	let mut rest = wasm.get(8..).unwrap_or_default();
	while let Some((&id, after)) = rest.split_first() {
		let Some((size, n)) = leb128(after) else { break };
		let Some(body) = after.get(n..n + size) else { break };
		out.push((id, body));
		rest = &after[n + size..];
	}
	out
}

/// The payload of a custom section (id 0) named `name`.
fn custom_payload<'a>(id: u8, body: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
	let (len, n) = leb128(body)?;
	(id == 0 && body.get(n..n + len)? == name).then(|| &body[n + len..])
}

/// The runtime's wasm with its embedded version replaced by `version`.
fn wasm_with(version: &RuntimeVersion) -> Vec<u8> {
	let wasm = crate::WASM_BINARY_BLOATY.expect("the tests' build includes the wasm");
	let mut out = wasm[..8].to_vec();
	for (id, body) in sections(wasm) {
		if custom_payload(id, body, b"runtime_version").is_some() {
			continue;
		}
		out.push(id);
		encode_leb128(body.len(), &mut out);
		out.extend_from_slice(body);
	}
	let mut body = Vec::new();
	encode_leb128(b"runtime_version".len(), &mut body);
	body.extend_from_slice(b"runtime_version");
	body.extend_from_slice(&version.encode());
	out.push(0);
	encode_leb128(body.len(), &mut out);
	out.extend_from_slice(&body);
	out
}

fn upgrade_ext() -> sp_io::TestExternalities {
	let mut ext = local_ext();
	ext.register_extension(sp_core::traits::ReadRuntimeVersionExt::new(EmbeddedVersion));
	ext
}

#[test]
fn an_upgrade_to_another_chains_wasm_or_the_same_version_is_refused() {
	upgrade_ext().execute_with(|| {
		use frame_system::CanSetCodeResult;
		let next = RuntimeVersion { spec_version: VERSION.spec_version + 1, ..VERSION };
		let ok = wasm_with(&next);
		let same = wasm_with(&VERSION);
		let other = wasm_with(&RuntimeVersion {
			spec_name: alloc::borrow::Cow::Borrowed("flywheel-dev"),
			..next.clone()
		});
		// The embedded version reads back as written.
		assert_eq!(sp_io::misc::runtime_version(&ok), Some(next.encode()));
		assert!(matches!(System::can_set_code(&ok, true), CanSetCodeResult::Ok));
		let root = || RuntimeOrigin::root();
		assert_noop!(
			System::set_code(root(), other.clone()),
			frame_system::Error::<Runtime>::InvalidSpecName
		);
		assert_noop!(
			System::set_code(root(), same),
			frame_system::Error::<Runtime>::SpecVersionNeedsToIncrease
		);
		// An authorized upgrade (the referendum's path) checks the same when it is applied: the
		// wasm is rejected with the reason, the authorization dropped, the code unchanged.
		let code_before = sp_io::storage::get(sp_core::storage::well_known_keys::CODE);
		let hash = sp_io::hashing::blake2_256(&other);
		assert_ok!(System::authorize_upgrade(root(), hash.into()));
		assert_ok!(System::apply_authorized_upgrade(RuntimeOrigin::none(), other.clone()));
		System::assert_last_event(
			frame_system::Event::RejectedInvalidAuthorizedUpgrade {
				code_hash: hash.into(),
				error: frame_system::Error::<Runtime>::InvalidSpecName.into(),
			}
			.into(),
		);
		assert_noop!(
			System::apply_authorized_upgrade(RuntimeOrigin::none(), other),
			frame_system::Error::<Runtime>::NothingAuthorized
		);
		assert_eq!(sp_io::storage::get(sp_core::storage::well_known_keys::CODE), code_before);
	});
}
