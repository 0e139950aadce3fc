//! The stakers of a benchmark: validators, nominators with 16 nominations each, and spare
//! funded accounts for calls that need a newcomer. Both pallets get the same ones.

/// Account ids of the benchmark runtimes: 32 bytes, as the runtime's.
pub type AccountId = sp_runtime::AccountId32;
/// Balances of the benchmark runtimes: 12 decimals, as PAL.
pub type Balance = u128;

/// One unit of the currency.
pub const UNIT: Balance = 1_000_000_000_000;
/// Nominations per nominator, as in both runtimes (`MaxNominations`).
pub const NOMINATIONS: u32 = 16;
/// Free balance of every account at genesis, beside its bond.
pub const FREE: Balance = 1_000_000 * UNIT;

/// The kinds of account, each hashed with its index into a 32-byte id.
const VALIDATOR: &[u8] = b"validator";
const NOMINATOR: &[u8] = b"nominator";
const SPARE: &[u8] = b"spare";
/// Spare accounts: funded, not bonded.
const SPARES: u32 = 64;

/// A size of the staker set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scale {
	pub validators: u32,
	pub nominators: u32,
}

impl Scale {
	/// The scales measured: past Kusama's 1,000 × 12,500 and Polkadot's 600 × 22,500 to
	/// 2,000 validators × 100,000 nominators, every nominator electing and paid.
	pub const ALL: [Scale; 3] = [
		Scale { validators: 1_000, nominators: 20_000 },
		Scale { validators: 1_000, nominators: 50_000 },
		Scale { validators: 2_000, nominators: 100_000 },
	];

	/// A small scale for the harness's own tests.
	pub const TINY: Scale = Scale { validators: 20, nominators: 60 };

	/// "100 × 1,000".
	pub fn label(&self) -> String {
		format!("{} × {}", thousands(self.validators), thousands(self.nominators))
	}
}

/// The stakers of one scale.
pub struct Population {
	pub scale: Scale,
	/// Each validator's bond.
	pub validators: Vec<(AccountId, Balance)>,
	/// Each nominator's bond and its 16 targets.
	pub nominators: Vec<(AccountId, Balance, Vec<AccountId>)>,
}

impl Population {
	/// The stakers of `scale`: bonds spread over 1,000–10,999 units for nominators and
	/// 10,000–19,999 for validators, targets picked by a fixed pseudo-random sequence, so
	/// every run and both pallets see the same set.
	pub fn new(scale: Scale) -> Self {
		let mut random = Lcg(0x5eed);
		let validators = (0..scale.validators)
			.map(|i| (validator(i), (10_000 + random.below(10_000)) * UNIT))
			.collect();
		let per_nominator = NOMINATIONS.min(scale.validators);
		let nominators = (0..scale.nominators)
			.map(|i| {
				let mut targets = Vec::with_capacity(per_nominator as usize);
				while targets.len() < per_nominator as usize {
					let target = validator(random.below(scale.validators.into()) as u32);
					if !targets.contains(&target) {
						targets.push(target);
					}
				}
				(nominator(i), (1_000 + random.below(10_000)) * UNIT, targets)
			})
			.collect();
		Self { scale, validators, nominators }
	}

	/// Every account with a balance at genesis: stakers and spares.
	pub fn endowed(&self) -> Vec<(AccountId, Balance)> {
		let stakers = self
			.validators
			.iter()
			.cloned()
			.chain(self.nominators.iter().map(|(who, bond, _)| (who.clone(), *bond)));
		stakers
			.map(|(who, bond)| (who, bond + FREE))
			.chain((0..SPARES).map(|i| (spare(i), FREE)))
			.chain([(crate::params::TREASURY, FREE)])
			.collect()
	}

	/// The first 16 validators: the targets of a newcomer's nominations.
	pub fn first_targets(&self) -> Vec<AccountId> {
		self.validators
			.iter()
			.take(NOMINATIONS as usize)
			.map(|(who, _)| who.clone())
			.collect()
	}

	/// The validator with the most nominators, and how many nominate it.
	pub fn most_nominated(&self) -> (AccountId, u32) {
		let mut counts = std::collections::BTreeMap::<AccountId, u32>::new();
		for (_, _, targets) in &self.nominators {
			for target in targets {
				*counts.entry(target.clone()).or_default() += 1;
			}
		}
		counts
			.into_iter()
			.max_by_key(|(who, count)| (*count, who.clone()))
			.unwrap_or((validator(0), 0))
	}
}

/// The `i`-th validator.
pub fn validator(i: u32) -> AccountId {
	account(VALIDATOR, i)
}

/// The `i`-th nominator.
pub fn nominator(i: u32) -> AccountId {
	account(NOMINATOR, i)
}

/// The `i`-th spare account: funded, never bonded at genesis.
pub fn spare(i: u32) -> AccountId {
	assert!(i < SPARES, "only {SPARES} spare accounts");
	account(SPARE, i)
}

/// The `i`-th account of `kind`: the hash of both, spread over the key space as real
/// accounts are (the storage maps of `Twox64Concat` keys keep the id in the key).
fn account(kind: &[u8], i: u32) -> AccountId {
	AccountId::new(sp_io::hashing::blake2_256(&[kind, &i.to_le_bytes()].concat()))
}

/// A number unique to `who` among the benchmark's accounts: its session key.
pub fn key_of(who: &AccountId) -> u64 {
	let bytes: &[u8; 32] = who.as_ref();
	u64::from_le_bytes(bytes[..8].try_into().unwrap_or_default())
}

/// Every spare account.
pub fn spares() -> impl Iterator<Item = AccountId> {
	(0..SPARES).map(spare)
}

/// "20,000".
pub fn thousands(n: u32) -> String {
	let digits = n.to_string();
	let mut out = String::new();
	for (i, digit) in digits.chars().enumerate() {
		if i > 0 && (digits.len() - i) % 3 == 0 {
			out.push(',');
		}
		out.push(digit);
	}
	out
}

/// A linear congruential generator: the same sequence on every machine.
struct Lcg(u64);

impl Lcg {
	fn below(&mut self, bound: u128) -> u128 {
		self.0 = self
			.0
			.wrapping_mul(6_364_136_223_846_793_005)
			.wrapping_add(1_442_695_040_888_963_407);
		u128::from(self.0 >> 33) % bound
	}
}
