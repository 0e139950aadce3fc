//! Builds the runtime to WASM. A runtime built without the development features (the one a
//! real network runs) is written as `palisade_runtime_production.*`, and the same runtime with
//! its benchmarks (`runtime-benchmarks` alone, which the election pallets' weights are measured
//! in) as `palisade_runtime_production_benchmarks.*`, so that they and the development runtime
//! the node embeds sit side by side in one target directory, and building one never replaces
//! another.
fn main() {
	#[cfg(feature = "std")]
	{
		let enabled =
			|feature: &str| std::env::var_os(format!("CARGO_FEATURE_{feature}")).is_some();
		let development =
			["FAST_RUNTIME", "SUDO", "TRY_RUNTIME"].iter().any(|feature| enabled(feature));
		let builder = substrate_wasm_builder::WasmBuilder::init_with_defaults();
		if development {
			builder.build();
			return;
		}
		let name = if enabled("RUNTIME_BENCHMARKS") {
			"palisade_runtime_production_benchmarks"
		} else {
			"palisade_runtime_production"
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
