//! The benchmark steps at a tiny scale, for every pallet: every call succeeds, the era
//! rotates, the ended era is paid to every staker exactly its share and the slash takes exactly
//! its fraction of each exposed stake (the runner checks each), so the benchmarks measure what
//! they are named for. Part of `cargo test`, unlike the benchmarks.

use palisade_benches::{
	palisade::Palisade,
	population::{Balance, Population, Scale},
	runner,
	staking_async::StakingAsync,
	subject::{Call, Exposed, Subject},
	upstream::Upstream,
};

fn every_step<S: Subject>() {
	let population = Population::new(Scale::TINY);
	let genesis = S::genesis(&population);
	let at_genesis = runner::sandbox::<S>(genesis.clone());
	for call in Call::ALL {
		let cost = runner::call::<S>(&at_genesis, &population, call);
		assert!(cost.writes > 0, "{}: {} wrote nothing", S::NAME, call.name());
		assert!(cost.proof_size > 0, "{}: {} read nothing", S::NAME, call.name());
	}

	let (rotation, blocks, growth) = runner::rotation::<S>(&at_genesis);
	assert!(rotation.writes > 0 && !blocks.blocks.is_empty());
	assert!(growth.added() > 0, "{}: the era stored no exposures", S::NAME);
	// The sandbox is wiped after each run: the same rotation again gives the same counts.
	let (again, _, _) = runner::rotation::<S>(&at_genesis);
	assert_eq!((again.reads, again.writes), (rotation.reads, rotation.writes));

	let after_rotation = runner::sandbox::<S>(runner::rotated::<S>(genesis));
	let (payout, _, paid) = runner::payout::<S>(&after_rotation, &population);
	assert_eq!(paid.nominators, Scale::TINY.nominators, "{}: every nominator is exposed", S::NAME);
	assert!(payout.writes >= paid.nominators, "{}: each nominator's reward is written", S::NAME);

	let (validator, _) = population.most_nominated();
	let (slash, _) = runner::slash::<S>(&at_genesis, &population, validator);
	assert!(slash.writes > 0);
}

#[test]
fn every_palisade_step_does_what_it_is_named_for() {
	every_step::<Palisade>();
}

#[test]
fn every_pallet_staking_step_does_what_it_is_named_for() {
	every_step::<Upstream>();
}

#[test]
fn every_pallet_staking_async_step_does_what_it_is_named_for() {
	every_step::<StakingAsync>();
}

/// The exposures of the active era, by validator, and what the payout of the next era
/// minted: the same for every pallet, which elected the same stakers with the same solution
/// and paid them by the same inflation curve.
fn exposures_and_minted<S: Subject>(population: &Population) -> (Vec<Exposed>, Balance) {
	let genesis = runner::sandbox::<S>(S::genesis(population));
	let (_, mut exposures) = genesis.run(|| (), |()| S::exposures(S::active_era()), |_| {});
	exposures.sort_by(|a, b| a.validator.cmp(&b.validator));
	for exposed in &mut exposures {
		exposed.nominators.sort();
	}
	let after_rotation = runner::sandbox::<S>(runner::rotated::<S>(S::genesis(population)));
	let (_, _, paid) = runner::payout::<S>(&after_rotation, population);
	(exposures, paid.minted)
}

#[test]
fn every_pallet_exposes_the_same_stakers_and_mints_the_same_reward() {
	let population = Population::new(Scale::TINY);
	let (exposures, minted) = exposures_and_minted::<Palisade>(&population);
	assert!(exposures.iter().all(|exposed| !exposed.nominators.is_empty()));
	for (name, (theirs, their_minted)) in [
		(Upstream::NAME, exposures_and_minted::<Upstream>(&population)),
		(StakingAsync::NAME, exposures_and_minted::<StakingAsync>(&population)),
	] {
		assert_eq!(exposures, theirs, "{name} exposes other stakers");
		assert!(
			minted.abs_diff(their_minted) <= minted / 1_000_000,
			"{name} minted {their_minted}, Palisade {minted}"
		);
	}
}
