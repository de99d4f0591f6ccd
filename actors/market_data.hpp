#pragma once
// market_data, live (SPEC §4 step 5, §7): polls Hyperliquid allMids every polling.monitor_sec
// and pushes the mark of each subscribed token to its positions. Blocking HTTP: spawn it with
// spawn_market_data, which detaches it when ctx.detach_blocking. Main-dex tokens only.
#include <spdlog/logger.h>
#include <caf/spawn_options.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "actors/engine_context.hpp"
#include "actors/mark_subscribers.hpp"
#include "infra/hyperliquid/info_client.hpp"
#include "messages/actor_interfaces.hpp"

namespace smartcopy {

struct market_data_state {
  static inline const char* name = "market";
  std::unique_ptr<hyperliquid::info_client> info;
  std::map<std::string, double> marks;  // the latest allMids
  mark_subscribers subscribers;
  std::shared_ptr<spdlog::logger> log;
};

/// tick: polls allMids now and pushes (mark, token, price) to every subscriber; the actor's own
/// tick re-arms itself every polling.monitor_sec, an extra tick from elsewhere only polls.
/// mark(token): the latest polled mid; a token not yet seen triggers one poll first; still
/// unknown (or the poll failed) → caf::error "no mark for TOKEN". A failed poll keeps the old
/// marks and is logged. Terminated subscribers are dropped.
market_data_actor::behavior_type market_data(
    market_data_actor::stateful_pointer<market_data_state> self, engine_context ctx);

template <class Spawner>
market_data_actor spawn_market_data(Spawner& spawner, const engine_context& ctx) {
  if (ctx.detach_blocking) return spawner.template spawn<caf::detached>(market_data, ctx);
  return spawner.spawn(market_data, ctx);
}

}  // namespace smartcopy
