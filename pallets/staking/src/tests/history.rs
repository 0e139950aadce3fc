//! Era history: what is older than `HistoryDepth` eras is removed in bounded steps; reward
//! points are recorded for the active era.

use super::rewards::{end_era_zero, two_validators_one_nominator};
use crate::{
	history::{era_history, NOT_ERA_HISTORY},
	mock::*,
	ClaimedRewards, ErasRewardPaid, ErasRewardPoints, ErasStakersOverview, ErasStakersPaged,
	ErasStartSessionIndex, ErasTotalStake, ErasUnpaidBackings, NominatorSlashInEra,
	OldestUnprunedEra, ValidatorSlashInEra,
};
use frame_support::{__private::metadata_ir::StorageEntryTypeIR, weights::Weight};
use pallet_authorship::EventHandler;
use scale_info::{meta_type, TypeDef};
use sp_runtime::Perbill;

#[test]
fn every_era_keyed_item_is_era_history_or_says_why_not() {
	let history: Vec<&str> = era_history::<Test>().map(|item| item.name).collect();
	let exempt: Vec<&str> = NOT_ERA_HISTORY.iter().map(|(name, _)| *name).collect();
	let mut keyed_by_u32 = Vec::new();
	for entry in Staking::storage_metadata().entries {
		let StorageEntryTypeIR::Map { key, .. } = entry.ty else { continue };
		let first_key = match key.type_info().type_def {
			TypeDef::Tuple(tuple) => tuple.fields.first().copied(),
			_ => Some(key),
		};
		if first_key == Some(meta_type::<u32>()) {
			keyed_by_u32.push(entry.name);
		}
	}
	for name in &keyed_by_u32 {
		assert!(
			history.contains(name) ^ exempt.contains(name),
			"{name} is keyed by a u32: list it in exactly one of era_history and NOT_ERA_HISTORY"
		);
	}
	for name in history.iter().chain(&exempt) {
		assert!(keyed_by_u32.contains(name), "{name} is listed but is not keyed by a u32");
	}
}

#[test]
fn pruning_an_era_removes_every_item_of_its_history() {
	HistoryDepth::set(4);
	two_validators_one_nominator().build_and_execute(|| {
		end_era_zero();
		run_to_block(System::block_number() + AutoPayoutDelay::get() + 3);
		// Era 0 was paid; what no path of this chain wrote for it is written by hand.
		assert!(ClaimedRewards::<Test>::contains_key(0, ALICE));
		assert!(ErasRewardPaid::<Test>::get(0) > 0);
		ErasUnpaidBackings::<Test>::insert(0, DAVE, crate::UnpaidBackings::<Test>::default());
		ValidatorSlashInEra::<Test>::insert(0, ALICE, (Perbill::from_percent(1), 0));
		NominatorSlashInEra::<Test>::insert(0, DAVE, 1);
		for item in era_history::<Test>() {
			assert!((item.holds)(0), "era 0 has keys in {}", item.name);
		}

		start_active_era(6);
		run_to_block(System::block_number() + 1);

		assert_eq!(OldestUnprunedEra::<Test>::get(), 2);
		for item in era_history::<Test>() {
			assert!(!(item.holds)(0), "era 0 was removed from {}", item.name);
			assert!(!(item.holds)(1), "era 1 was removed from {}", item.name);
		}
		assert!(ErasStakersOverview::<Test>::contains_key(2, ALICE), "era 2 is kept");
	});
	HistoryDepth::set(84);
}

#[test]
fn eras_older_than_the_history_depth_are_removed() {
	HistoryDepth::set(4);
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.nominator(BOB, 500, vec![ALICE])
		.build_and_execute(|| {
			start_active_era(7);
			// The era's first block gives its spare weight to pruning.
			run_to_block(System::block_number() + 1);
			// Eras 3..=7 are kept (the active era and the 4 before it).
			assert_eq!(OldestUnprunedEra::<Test>::get(), 3);
			for era in 0..3 {
				assert!(ErasStakersOverview::<Test>::iter_prefix(era).next().is_none());
				assert!(ErasStakersPaged::<Test>::iter_prefix((era,)).next().is_none());
				assert_eq!(ErasStartSessionIndex::<Test>::get(era), None);
				assert_eq!(ErasTotalStake::<Test>::get(era), 0);
			}
			for era in 3..=7 {
				assert!(ErasStakersOverview::<Test>::get(era, ALICE).is_some());
			}
		});
	HistoryDepth::set(84);
}

#[test]
fn pruning_spreads_over_blocks_when_spare_weight_is_short() {
	HistoryDepth::set(3);
	let mut builder = ExtBuilder::default().validator(ALICE, 1_000).validator_count(1);
	for who in 10..40 {
		builder = builder.funded(who, INITIAL_BALANCE).nominator(who, 100, vec![ALICE]);
	}
	MaxExposurePageSize::set(1);
	builder.build_and_execute(|| {
		// Enough spare weight for about ten keys per block.
		let base = <() as crate::WeightInfo>::clear_era_keys(0);
		let per_key = <() as crate::WeightInfo>::clear_era_keys(1).saturating_sub(base);
		IdleWeight::set(
			Weight::from_parts(1_000_000_000, 0)
				.saturating_add(base)
				.saturating_add(per_key.saturating_mul(10)),
		);
		start_active_era(4);
		// Era 0 (31 pages and more) is being removed, a few keys per block.
		let pages_left = ErasStakersPaged::<Test>::iter_prefix((0,)).count();
		assert_eq!(OldestUnprunedEra::<Test>::get(), 0);
		run_to_block(System::block_number() + 1);
		let pages_then = ErasStakersPaged::<Test>::iter_prefix((0,)).count();
		assert!(pages_then < pages_left, "pruning progressed");
		run_to_block(System::block_number() + 10);
		assert_eq!(OldestUnprunedEra::<Test>::get(), 1);
		assert_eq!(ErasStakersPaged::<Test>::iter_prefix((0,)).count(), 0);
		IdleWeight::set(Weight::MAX);
	});
	MaxExposurePageSize::set(64);
	HistoryDepth::set(84);
}

#[test]
fn block_authors_earn_points_in_the_active_era() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 500)
		.build_and_execute(|| {
			Staking::note_author(ALICE);
			Staking::note_author(ALICE);
			Staking::note_author(BOB);
			let points = ErasRewardPoints::<Test>::get(0);
			assert_eq!(points.total, 60);
			assert_eq!(points.individual.get(&ALICE), Some(&40));
			assert_eq!(points.individual.get(&BOB), Some(&20));
			start_active_era(1);
			Staking::note_author(BOB);
			assert_eq!(ErasRewardPoints::<Test>::get(1).total, 20);
		});
}

#[test]
fn a_key_left_under_a_pruned_era_fails_the_invariants() {
	HistoryDepth::set(4);
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		start_active_era(6);
		run_to_block(System::block_number() + 1);
		assert_eq!(OldestUnprunedEra::<Test>::get(), 2);
		assert_eq!(Staking::do_try_state(), Ok(()));

		NominatorSlashInEra::<Test>::insert(1, BOB, 1);
		assert_eq!(
			Staking::do_try_state(),
			Err("an item of the era history keeps a key of a pruned era".into())
		);
		NominatorSlashInEra::<Test>::remove(1, BOB);
	});
	HistoryDepth::set(84);
}
