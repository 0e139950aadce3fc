//! The benchmark steps at a tiny scale, for both pallets: every call succeeds, the era
//! rotates, the ended era is paid and the slash is applied (the runner checks each), so the
//! benchmarks measure what they are named for. Part of `cargo test`, unlike the benchmarks.

use palisade_benches::{
	palisade::Palisade,
	population::{Population, Scale},
	runner,
	population::AccountId,
	sandbox::Sandbox,
	staking_async::StakingAsync,
	subject::{Call, Subject},
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

	let (rotation, blocks) = runner::rotation::<S>(&at_genesis);
	assert!(rotation.writes > 0 && !blocks.blocks.is_empty());
	// The sandbox is wiped after each run: the same rotation again gives the same counts.
	let (again, _) = runner::rotation::<S>(&at_genesis);
	assert_eq!((again.reads, again.writes), (rotation.reads, rotation.writes));

	let after_rotation = runner::sandbox::<S>(runner::rotated::<S>(genesis));
	let (payout, _, nominators) = runner::payout::<S>(&after_rotation);
	assert_eq!(nominators, Scale::TINY.nominators, "{}: every nominator is exposed", S::NAME);
	assert!(payout.writes >= nominators, "{}: each nominator's reward is written", S::NAME);

	let (validator, _) = population.most_nominated();
	let (slash, _) = runner::slash::<S>(&at_genesis, validator);
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

#[test]
fn both_pallets_expose_the_same_nominators_behind_each_validator() {
	let population = Population::new(Scale::TINY);
	let palisade = runner::sandbox::<Palisade>(Palisade::genesis(&population));
	let upstream = runner::sandbox::<Upstream>(Upstream::genesis(&population));
	let behind_each = |sandbox: &Sandbox, exposed: fn(u32, Option<AccountId>) -> u32| {
		let validators = population.validators.iter().map(|(validator, _)| validator.clone());
		let (_, counts) = sandbox.run(
			|| (),
			|()| validators.map(|validator| exposed(0, Some(validator))).collect::<Vec<_>>(),
			|_| {},
		);
		counts
	};
	let palisade = behind_each(&palisade, Palisade::nominators_exposed);
	assert_eq!(palisade, behind_each(&upstream, Upstream::nominators_exposed));
	assert!(palisade.iter().all(|nominators| *nominators > 0));
}
