//! Builds the runtime to WASM, named by its features so that every variant sits side by side in
//! one target directory and building one never replaces another:
//! - without the development features (the runtime a real network runs):
//!   `palisade_runtime_production.*`, and with its benchmarks (`runtime-benchmarks` alone, which
//!   the election pallets' weights are measured in) `palisade_runtime_production_benchmarks.*`;
//! - with `fast-runtime` alone (short eras, no sudo, every check of a runtime upgrade on):
//!   `palisade_runtime_fast.*`, the runtime the live upgrade test moves a network to;
//! - with any other development feature: the default `palisade_runtime.*` the node embeds.
fn main() {
	#[cfg(feature = "std")]
	{
		let enabled =
			|feature: &str| std::env::var_os(format!("CARGO_FEATURE_{feature}")).is_some();
		let benchmarks = enabled("RUNTIME_BENCHMARKS");
		let fast = enabled("FAST_RUNTIME");
		let development = ["SUDO", "TRY_RUNTIME"].iter().any(|feature| enabled(feature));
		let builder = substrate_wasm_builder::WasmBuilder::init_with_defaults();
		let name = match (development, fast, benchmarks) {
			(false, false, false) => "palisade_runtime_production",
			(false, false, true) => "palisade_runtime_production_benchmarks",
			(false, true, false) => "palisade_runtime_fast",
			_ => {
				builder.build();
				return;
			},
		};
		// The builder names both the WASM files and the Rust file that embeds them; the
		// runtime includes `wasm_binary.rs`, which here includes that file.
		builder.set_file_name(name).build();
		// A build script, never runtime code: cargo always sets a writable `OUT_DIR` for it, and
		// failing the build is the right answer if it did not; qed.
		let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it"));
		let include = format!("include!(concat!(env!(\"OUT_DIR\"), \"/{name}\"));\n");
		std::fs::write(out_dir.join("wasm_binary.rs"), include).expect("OUT_DIR is writable");
	}
}
