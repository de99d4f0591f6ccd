#pragma once
// exchange_gateway for paper mode and the backtest (SPEC §6 "Paper mode", §9.2): the same
// interface as the live gateway, with fills simulated at mark ± slippage against us and the
// taker fee of simulation.taker_fee_percent. Nothing is ever sent to /exchange.
//
// Choices (documented here, tested in exchange_gateway_test.cpp):
// - Asset parameters come from asset_defaults.hpp (no `meta` in paper/sim).
// - Market entries are IOC limits at mark × (1 ± max slippage): they fill at the simulated fill
//   price, or not at all when that price is beyond the limit.
// - Limit entries are GTC at mark × (1 ± limit deviation), marketable when placed, so they fill
//   at once at the simulated fill price capped at their limit (no resting orders in paper).
// - Closes fill the requested size (not clipped to the simulated book, which is in memory only:
//   after a restart the restored positions must still close).
// - The account value is the paper equity plus realized PnL minus fees (no unrealized PnL).
// - Cloids come from a PRNG seeded with the anchor's UTC milliseconds: repeatable in tests and
//   in a backtest, different from one paper run to the next.
#include <spdlog/logger.h>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <deque>
#include <map>
#include <memory>
#include <random>
#include <string>

#include "actors/engine_context.hpp"
#include "messages/actor_interfaces.hpp"

namespace smartcopy {

/// Our simulated holding of one token.
struct sim_holding {
  double signed_size = 0;  // coins, + long, − short
  double avg_entry = 0;
};

struct simulated_exchange_state {
  static inline const char* name = "exchange.sim";
  store_actor store;
  market_data_actor market;
  std::mt19937_64 rng;
  double starting_equity = 0;
  double realized_pnl = 0;
  double fees = 0;
  std::map<std::string, sim_holding> holdings;
  std::deque<fill> recent_fills;  // oldest first, at most max_recent_fills
  std::shared_ptr<spdlog::logger> log;

  static constexpr std::size_t max_recent_fills = 100;
};

/// execute: SPEC §6 steps 1-3 simulated (leverage, order row persisted before the fill, size
/// rounded down to szDecimals, $10 minimum → not filled, detail "SKIP_SIZE_ZERO: ...").
/// close: fills req.size at mark ∓ slippage (reduce-only order row). stop: placed = false (the
/// position actor applies its stop). account: the simulated account. No mark, a store failure
/// or an unfillable IOC give a not-filled result whose detail says why.
exchange_gateway_actor::behavior_type simulated_exchange(
    exchange_gateway_actor::stateful_pointer<simulated_exchange_state> self, engine_context ctx,
    store_actor store, market_data_actor market);

}  // namespace smartcopy
