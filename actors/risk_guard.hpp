#pragma once
// risk_guard: the owner of our book (SPEC §4 steps 8-9): equity, open positions and the
// reservations of approved entries that have not filled yet. Checking the portfolio limits,
// sizing within the headroom and reserving happen in one handler, so two signals racing for
// the last headroom cannot both pass.
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include <spdlog/logger.h>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/engine_context.hpp"
#include "messages/actor_interfaces.hpp"
#include "strategy/portfolio_limits.hpp"

namespace smartcopy {

/// How long after limit_order_ttl_minutes an unresolved reservation is dropped: the gateway
/// cancels an unfilled limit at the TTL and answers shortly after; the margin covers that
/// answer (and an ambiguous order's resolution) before the headroom is handed back.
inline constexpr std::chrono::minutes reservation_expiry_margin{2};

struct risk_guard_state {
  static inline const char* name = "risk_guard";
  double equity_usd = 0;
  std::map<std::int64_t, strategy::book_entry> reservations;  // by reservation id
  std::map<std::int64_t, strategy::book_entry> positions;     // by position id
  /// Net realized PnL (realized − fees) of each open position already added to equity, so
  /// profit tiers move equity when they fill and a close adds only the rest.
  std::map<std::int64_t, double> credited_pnl;
  std::map<std::string, utc_time> blacklisted_until;  // by trader address
  std::int64_t next_reservation_id = 1;
  std::shared_ptr<spdlog::logger> log;

  /// Positions and reservations together: what the limits of step 8 see.
  strategy::book current_book() const;
};

/// `starting_equity_usd`: account.paper_equity_usd in paper/backtest, the account value live.
/// Blacklists are persisted through `store` (blacklist_atom).
risk_guard_actor::behavior_type risk_guard(
    risk_guard_actor::stateful_pointer<risk_guard_state> self, engine_context ctx,
    store_actor store, double starting_equity_usd);

}  // namespace smartcopy
