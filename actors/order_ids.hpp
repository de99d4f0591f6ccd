#pragma once
// Client order ids (SPEC §6 step 1): 16 random bytes as "0x" + 32 lower-case hex digits,
// assigned and persisted before an order is sent so a retry can ask for it by cloid.
#include <random>
#include <string>

namespace smartcopy {

/// A fresh cloid drawn from `rng` (seeded by the gateway: fixed in tests, so ids repeat).
std::string new_cloid(std::mt19937_64& rng);

}  // namespace smartcopy
