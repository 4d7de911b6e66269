// SPDX-License-Identifier: Apache-2.0
//! The version policy, enforced: `runtime/VERSIONS` records, for every `spec_version`, the hash
//! of the runtime's sources and the hash of its call encoding. A change of the runtime's code
//! without a new `spec_version`, or of a call's or the transaction extensions' encoding without
//! a new `transaction_version`, fails this test, which prints the line to record.
//!
//! Why sources and not the wasm: the wasm embeds the absolute paths of the checkout and of the
//! cargo registry (panic locations), so two builds of the same commit in two directories differ.
//!
//! The runtime's sources are: `rust-toolchain.toml`; the runtime's manifest, `build.rs` and
//! `src/` but its tests; every workspace pallet's manifest and `src/` but its tests, mock and
//! benchmarks (which no release build contains); and the `Cargo.lock` entries of every crate the
//! runtime depends on (name, version, checksum), so a dependency update counts and a node-only
//! one does not. The call encoding is the type registry of `RuntimeCall` and `TxExtension`
//! without docs and Rust type names (which no encoding depends on).

use crate::{RuntimeCall, TxExtension, VERSION};
use codec::Encode;
use scale_info::{form::PortableForm, PortableRegistry, Registry, TypeDef};
use sp_io::hashing::blake2_256;
use std::{
	collections::{BTreeMap, BTreeSet},
	fs,
	path::{Path, PathBuf},
};

const RECORD: &str = "runtime/VERSIONS";

fn workspace() -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the runtime is in the workspace").into()
}

/// Files under `dir` (recursively) whose path relative to the workspace passes `keep`.
fn files(root: &Path, dir: &str, keep: &dyn Fn(&str) -> bool, out: &mut BTreeSet<String>) {
	let mut stack = vec![root.join(dir)];
	while let Some(path) = stack.pop() {
		for entry in fs::read_dir(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())) {
			let path = entry.expect("a directory entry").path();
			if path.is_dir() {
				stack.push(path);
				continue;
			}
			let relative = path.strip_prefix(root).expect("under the root");
			let relative = relative.to_str().expect("a UTF-8 path").replace('\\', "/");
			if keep(&relative) {
				out.insert(relative);
			}
		}
	}
}

/// Test-only files of a pallet: never in a release build.
fn pallet_test_only(path: &str) -> bool {
	let name = path.rsplit('/').next().unwrap_or(path);
	path.contains("/src/tests/")
		|| matches!(name, "tests.rs" | "mock.rs" | "benchmarking.rs" | "test_doubles.rs")
}

/// The `Cargo.lock` entries of everything the runtime depends on, as "name version checksum".
fn locked_dependencies(lock: &str) -> Vec<String> {
	struct Package {
		version: String,
		checksum: String,
		dependencies: Vec<String>,
	}
	let mut packages: BTreeMap<(String, String), Package> = BTreeMap::new();
	for block in lock.split("[[package]]").skip(1) {
		let field = |key: &str| {
			block
				.lines()
				.find_map(|l| l.strip_prefix(&format!("{key} = \"")))
				.map(|v| v.trim_end_matches('"').to_string())
				.unwrap_or_default()
		};
		let dependencies = match block.split_once("dependencies = [") {
			Some((_, rest)) => rest
				.split(']')
				.next()
				.unwrap_or_default()
				.lines()
				.filter_map(|l| l.trim().strip_prefix('"'))
				.map(|l| l.trim_end_matches(',').trim_end_matches('"').to_string())
				.collect(),
			None => Vec::new(),
		};
		let (name, version) = (field("name"), field("version"));
		let package =
			Package { version: version.clone(), checksum: field("checksum"), dependencies };
		packages.insert((name, version), package);
	}
	// A dependency is "name", or "name version" when several versions are locked.
	let resolve = |dep: &str| -> (String, String) {
		let mut parts = dep.split(' ');
		let name = parts.next().unwrap_or_default().to_string();
		let version = match parts.next() {
			Some(v) => v.to_string(),
			None => packages
				.keys()
				.find(|(n, _)| *n == name)
				.map(|(_, v)| v.clone())
				.unwrap_or_else(|| panic!("{dep} is not in Cargo.lock")),
		};
		(name, version)
	};
	let mut seen = BTreeSet::new();
	let mut queue = vec![resolve("flywheel-runtime")];
	while let Some(key) = queue.pop() {
		if !seen.insert(key.clone()) {
			continue;
		}
		let package = packages.get(&key).unwrap_or_else(|| panic!("{key:?} is not in Cargo.lock"));
		queue.extend(package.dependencies.iter().map(|d| resolve(d)));
	}
	seen.into_iter()
		.map(|key| {
			let package = &packages[&key];
			format!("{} {} {}", key.0, package.version, package.checksum)
		})
		.collect()
}

/// The blake2-256 hash of the runtime's sources (see the module docs).
fn sources_hash() -> [u8; 32] {
	let root = workspace();
	let mut paths = BTreeSet::from(["rust-toolchain.toml".to_string()]);
	files(
		&root,
		"runtime",
		&|p| {
			p == "runtime/Cargo.toml"
				|| p == "runtime/build.rs"
				|| (p.starts_with("runtime/src/")
					&& !p.starts_with("runtime/src/tests/")
					&& p.ends_with(".rs"))
		},
		&mut paths,
	);
	files(
		&root,
		"pallets",
		&|p| {
			p.ends_with("/Cargo.toml")
				|| (p.contains("/src/") && p.ends_with(".rs") && !pallet_test_only(p))
		},
		&mut paths,
	);
	let mut input = Vec::new();
	for path in &paths {
		let text = fs::read(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
		(path.as_str(), text).encode_to(&mut input);
	}
	let lock = fs::read_to_string(root.join("Cargo.lock")).expect("Cargo.lock");
	locked_dependencies(&lock).encode_to(&mut input);
	blake2_256(&input)
}

/// The blake2-256 hash of how calls and transaction extensions encode (see the module docs).
fn call_encoding_hash() -> [u8; 32] {
	let mut registry = Registry::new();
	registry.register_type(&scale_info::meta_type::<RuntimeCall>());
	registry.register_type(&scale_info::meta_type::<TxExtension>());
	let mut portable: PortableRegistry = registry.into();
	for ty in portable.types.iter_mut() {
		let ty = &mut ty.ty;
		ty.docs.clear();
		let fields: Vec<&mut scale_info::Field<PortableForm>> = match &mut ty.type_def {
			TypeDef::Composite(c) => c.fields.iter_mut().collect(),
			TypeDef::Variant(v) => v
				.variants
				.iter_mut()
				.flat_map(|variant| {
					variant.docs.clear();
					variant.fields.iter_mut()
				})
				.collect(),
			_ => Vec::new(),
		};
		for field in fields {
			field.docs.clear();
			field.type_name = None;
		}
	}
	blake2_256(&portable.encode())
}

struct Recorded {
	spec_version: u32,
	transaction_version: u32,
	sources: String,
	calls: String,
	/// blake2-256 of the release wasm (`scripts/release.sh`), `-` where none was recorded.
	wasm: String,
}

fn recorded() -> Vec<Recorded> {
	let text = fs::read_to_string(workspace().join(RECORD)).expect(RECORD);
	text.lines()
		.filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
		.map(|l| {
			let f: Vec<&str> = l.split_whitespace().collect();
			assert_eq!(f.len(), 5, "{RECORD}: `{l}` is not `spec tx sources calls wasm`");
			Recorded {
				spec_version: f[0].parse().expect("spec_version"),
				transaction_version: f[1].parse().expect("transaction_version"),
				sources: f[2].to_string(),
				calls: f[3].to_string(),
				wasm: f[4].to_string(),
			}
		})
		.collect()
}

#[test]
fn the_runtime_version_follows_its_code() {
	let sources = format!("0x{}", hex(&sources_hash()));
	let calls = format!("0x{}", hex(&call_encoding_hash()));
	let line = format!(
		"{} {} {sources} {calls} <the blake2-256 that scripts/release.sh prints>",
		VERSION.spec_version, VERSION.transaction_version
	);
	println!("this runtime: {line}");
	let record = recorded();
	let Some(last) = record.last() else {
		panic!("{RECORD} records no version: add this line to it:\n{line}");
	};

	for pair in record.windows(2) {
		assert!(
			pair[1].spec_version > pair[0].spec_version,
			"{RECORD}: spec versions must increase"
		);
		match pair[1].calls == pair[0].calls {
			true => assert_eq!(
				pair[1].transaction_version, pair[0].transaction_version,
				"{RECORD}: spec {}: same call encoding, so the same transaction_version",
				pair[1].spec_version
			),
			false => assert!(
				pair[1].transaction_version > pair[0].transaction_version,
				"{RECORD}: spec {}: the call encoding changed, so transaction_version must increase",
				pair[1].spec_version
			),
		}
	}

	if last.spec_version != VERSION.spec_version {
		assert!(
			VERSION.spec_version > last.spec_version,
			"spec_version {} is below the last recorded one, {}",
			VERSION.spec_version,
			last.spec_version
		);
		panic!(
			"spec_version {} is not recorded: add this line to {RECORD}:\n{line}",
			VERSION.spec_version
		);
	}
	assert_eq!(
		last.transaction_version, VERSION.transaction_version,
		"{RECORD} records transaction_version {} for spec {}",
		last.transaction_version, last.spec_version
	);
	assert!(
		last.calls == calls,
		"the encoding of a call or transaction extension changed since spec_version {} was \
		 recorded: bump spec_version to {} and transaction_version to {} in runtime/src/lib.rs, \
		 then add this line to {RECORD}:\n{} {} {sources} {calls} <scripts/release.sh's hash>",
		last.spec_version,
		last.spec_version + 1,
		VERSION.transaction_version + 1,
		last.spec_version + 1,
		VERSION.transaction_version + 1
	);
	assert!(
		last.sources == sources,
		"the runtime's code changed since spec_version {} was recorded: bump spec_version in \
		 runtime/src/lib.rs to {}, then add this line to {RECORD}:\n{} {} {sources} {calls} \
		 <scripts/release.sh's hash>",
		last.spec_version,
		last.spec_version + 1,
		last.spec_version + 1,
		VERSION.transaction_version
	);
	let is_hash = |h: &str| {
		h.len() == 66 && h.starts_with("0x") && h[2..].chars().all(|c| c.is_ascii_hexdigit())
	};
	assert!(
		is_hash(&last.wasm),
		"spec_version {} has no release wasm hash in {RECORD} (`{}`): commit the runtime, run \
		 scripts/release.sh, put the blake2-256 it prints as the line's fifth column, and \
		 regenerate the chain specs with scripts/chain-specs.sh (they carry that wasm)",
		last.spec_version,
		last.wasm
	);
}

fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn the_lock_closure_follows_dependencies_and_skips_node_only_crates() {
	let lock = fs::read_to_string(workspace().join("Cargo.lock")).expect("Cargo.lock");
	let closure = locked_dependencies(&lock);
	let has = |name: &str| closure.iter().any(|l| l.split(' ').next() == Some(name));
	assert!(has("flywheel-runtime") && has("pallet-bonding") && has("frame-support"));
	assert!(has("parity-scale-codec"), "transitive dependencies are followed");
	assert!(!has("flywheel-node") && !has("sc-service") && !has("frame-remote-externalities"));
}
