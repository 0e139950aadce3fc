//! Storage migrations, one module per storage version.
//!
//! Each change of what the pallet stores, or of what its stored values mean, raises
//! [`crate::pallet::STORAGE_VERSION`] and comes with a module `vN` whose migration is wrapped in
//! [`frame_support::migrations::VersionedMigration`]: it runs only on a chain whose stored
//! version is the one before, then stores the new version, so a runtime may keep listing it
//! after it has run. Under `try-runtime`, each migration checks the state before and after
//! (`pre_upgrade`, `post_upgrade`), and after it the pallet's `do_try_state` must hold.
//!
//! A runtime lists the migrations of the versions its chains may still be at in its
//! `Executive` (see `runtime/src/lib.rs`). Chains start at the current version; a chain at
//! version 1 upgrades through a runtime that carries `v2` first (in this repository's history,
//! before version 3).

pub mod v3;
pub mod v4;
