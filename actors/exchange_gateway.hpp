#pragma once
// exchange_gateway, live (SPEC §6, §7 close_position, §7.3; reference hyperliquid-api.md):
// every order on Hyperliquid. Each order row (with a fresh cloid) is persisted through the store
// BEFORE it is sent; an ambiguous send (timeout, reset, 5xx) is never re-sent blindly but
// resolved by orderStatus(cloid) and the account's fills. Blocking HTTP: spawn it with
// spawn_exchange_gateway, which detaches it when ctx.detach_blocking.
#include <spdlog/logger.h>
#include <caf/actor.hpp>
#include <caf/spawn_options.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <random>
#include <string>

#include "actors/engine_context.hpp"
#include "infra/hyperliquid/exchange_client.hpp"
#include "infra/hyperliquid/info_client.hpp"
#include "messages/actor_interfaces.hpp"

namespace smartcopy {

/// Knobs of the live gateway beyond the config (tests shrink the timeouts).
struct live_exchange_options {
  std::chrono::milliseconds read_timeout{10'000};
  std::chrono::milliseconds total_timeout{30'000};
  int max_status_checks = 10;  // orderStatus polls of an ambiguous order
  caf::timespan status_check_interval = std::chrono::seconds(1);
  int max_close_attempts = 3;  // verify-then-retry of close_position
};

struct exchange_gateway_state {
  static inline const char* name = "exchange";
  store_actor store;
  live_exchange_options options;
  std::unique_ptr<hyperliquid::info_client> info;
  std::unique_ptr<hyperliquid::exchange_client> exchange;  // null without a usable key
  std::string setup_error;                                 // why it is null
  std::string account;                                     // whose book we trade
  hyperliquid::asset_universe universe;
  std::map<std::uint32_t, int> leverage_set;  // asset → isolated leverage we last set
  caf::actor timer;                           // wake_timer for the waits
  std::mt19937_64 rng;
  std::shared_ptr<spdlog::logger> log;
};

/// execute: SPEC §6 steps 1-3 (meta, isolated updateLeverage before the entry, IOC at mark ±
/// market slippage or GTC at mark ± limit deviation cancelled after limit_order_ttl_minutes).
/// close: reduce-only IOC at mark ∓ 1 %, verified against clearinghouseState and retried for the
/// remainder; when the token's position is gone, its stop orders are cancelled. stop: a reduce-
/// only stop-market trigger (tpsl "sl"); a new stop for a position replaces (cancels) its old
/// one after placement (§7.3). account: clearinghouseState + userFills. Refusals and unknown
/// outcomes give not-filled results whose detail says why; nothing here crashes the actor.
exchange_gateway_actor::behavior_type exchange_gateway(
    exchange_gateway_actor::stateful_pointer<exchange_gateway_state> self, engine_context ctx,
    store_actor store, live_exchange_options options);

template <class Spawner>
exchange_gateway_actor spawn_exchange_gateway(Spawner& spawner, const engine_context& ctx,
                                              store_actor store,
                                              live_exchange_options options = {}) {
  if (ctx.detach_blocking)
    return spawner.template spawn<caf::detached>(exchange_gateway, ctx, store, options);
  return spawner.spawn(exchange_gateway, ctx, store, options);
}

}  // namespace smartcopy
