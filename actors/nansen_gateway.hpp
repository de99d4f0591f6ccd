#pragma once
// nansen_gateway, live (SPEC §3, §4, §7 step 6; reference nansen-api.md): every Nansen call of
// the engine through one infra/nansen client (its rate limiter, retries and backoff). Blocking
// HTTP: spawn it with spawn_nansen_gateway, which detaches it when ctx.detach_blocking.
#include <spdlog/logger.h>
#include <caf/spawn_options.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <memory>

#include "actors/engine_context.hpp"
#include "infra/nansen/client.hpp"
#include "messages/actor_interfaces.hpp"

namespace smartcopy {

struct nansen_gateway_state {
  static inline const char* name = "nansen";
  std::unique_ptr<nansen::client> client;
  std::shared_ptr<spdlog::logger> log;
};

/// leaderboard(days): the window of `days` days ending now (date-only range). trades(address,
/// from): date.from = from, date.to = now as full UTC datetimes, aggregated per SPEC §4, newest
/// first. positions(address): profiler/perp-positions. smart_money: the distinct addresses of
/// the smart-money perp-trades feed. A Nansen failure is answered with a caf::error carrying the
/// client's message (path, HTTP status, server message — never the key) and is logged.
nansen_gateway_actor::behavior_type nansen_gateway(
    nansen_gateway_actor::stateful_pointer<nansen_gateway_state> self, engine_context ctx);

/// Spawns the live gateway from an actor_system or an actor (`*self`), detached when
/// ctx.detach_blocking (blocking HTTP must not hold a scheduler thread).
template <class Spawner>
nansen_gateway_actor spawn_nansen_gateway(Spawner& spawner, const engine_context& ctx) {
  if (ctx.detach_blocking) return spawner.template spawn<caf::detached>(nansen_gateway, ctx);
  return spawner.spawn(nansen_gateway, ctx);
}

}  // namespace smartcopy
