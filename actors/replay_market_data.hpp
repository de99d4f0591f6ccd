#pragma once
// market_data over a price_path (SPEC §9.2): the simulated clock reaches each price change
// through a delayed_send to itself, then the new mark is pushed to the positions subscribed to
// that token. Serves the backtest and the deterministic engine tests.
#include <spdlog/logger.h>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "actors/engine_context.hpp"
#include "actors/mark_subscribers.hpp"
#include "actors/price_path.hpp"
#include "messages/actor_interfaces.hpp"

namespace smartcopy {

struct replay_market_data_state {
  static inline const char* name = "market.replay";
  price_path_reader path;  // read forward, as the clock moves
  mark_subscribers subscribers;
  utc_time pushed_until{};          // changes up to here have been pushed
  std::optional<utc_time> wake_at;  // the pending self-tick, if any
  std::shared_ptr<spdlog::logger> log;
};

/// mark(token): the latest price at or before now (error when the path has none yet).
/// subscribe/unsubscribe(token, position): a subscriber gets (mark, token, price) for every later
/// point of that token, in order, even when the clock jumped over several; terminated subscribers
/// are dropped. tick: push the changes due (it is also the actor's own timer message, so an extra
/// tick is harmless).
market_data_actor::behavior_type replay_market_data(
    market_data_actor::stateful_pointer<replay_market_data_state> self, engine_context ctx,
    std::shared_ptr<const price_path> path);

}  // namespace smartcopy
