#pragma once
// nansen_gateway over a trader_dataset (SPEC §9.1, §9.2): answers exactly what the live API
// would have answered at the actor clock's "now" — a trade is visible once its timestamp is at or
// before now. Serves the backtest and the deterministic engine tests.
#include <spdlog/logger.h>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <memory>

#include "actors/engine_context.hpp"
#include "actors/trader_dataset.hpp"
#include "messages/actor_interfaces.hpp"

namespace smartcopy {

struct replay_nansen_gateway_state {
  static inline const char* name = "nansen.replay";
  std::shared_ptr<const trader_dataset> data;
  std::unique_ptr<snapshot_index> snapshots;  // over `data`: positions without a history pass
  std::shared_ptr<spdlog::logger> log;
};

/// leaderboard(days): the dataset's rows of that window (error when the dataset has none).
/// trades(address, from): rows with from <= timestamp <= now, aggregated per SPEC §4, newest
/// first. positions(address): reconstruct_snapshot at now. smart_money: the dataset's list.
nansen_gateway_actor::behavior_type replay_nansen_gateway(
    nansen_gateway_actor::stateful_pointer<replay_nansen_gateway_state> self, engine_context ctx,
    std::shared_ptr<const trader_dataset> data);

}  // namespace smartcopy
