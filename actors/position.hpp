#pragma once
// position.<id>: one open position under SPEC §7 — trailing stop, time stop, profit tiers, the
// hard stop (on the exchange live; applied here in paper/backtest), the copied trader's exit or
// liquidation, ratcheting the exchange stop (§7.3) and close_position.
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include <spdlog/logger.h>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include "actors/engine_context.hpp"
#include "actors/engine_handles.hpp"
#include "messages/actor_interfaces.hpp"
#include "strategy/exits.hpp"

namespace smartcopy {

/// SPEC §7 close_position: how many close orders one attempt sends for the remainder before
/// waiting for the next monitor tick (verify-then-retry, never an unbounded loop).
inline constexpr int max_close_orders_per_attempt = 3;

struct position_state {
  static inline const char* name = "position";
  our_position pos;
  std::optional<double> last_mark;
  bool stop_on_exchange = false;  // live: the hard stop rests on the exchange
  bool stop_known = false;        // the gateway answered the first stop request
  bool trader_exited = false;     // the source trader closed normally (SPEC §7 step 6)
  std::optional<utc_time> last_ratchet_at;
  std::vector<strategy::tier_fill> pending_tiers;  // reduce orders still to send, lowest first
  bool reducing = false;                           // a reduce order is in flight
  std::optional<close_reason> closing;             // set once a close is decided
  bool close_in_flight = false;
  std::optional<utc_time> exit_at;  // the exchange's fill time of an exit it made (a stop)
  int close_orders = 0;             // close orders sent in the current attempt
  double close_filled = 0;          // coins filled by the closing order(s)
  double close_value = 0;           // their notional, for the value-weighted exit price
  std::vector<caf::typed_response_promise<bool>> close_waiters;
  std::shared_ptr<spdlog::logger> log;
};

/// Manages `pos` (persisted, with its id): uses handles.market (subscription), exchange (stops,
/// reduces, closes, account), nansen (the source trader's positions and trades), risk
/// (changed, blacklist) and store (rows and events). A `restored` position (from its row, at
/// start or after a failure) is first reconciled with the exchange's account (SPEC §8).
position_actor::behavior_type position_worker(position_actor::stateful_pointer<position_state> self,
                                              engine_context ctx, engine_handles handles,
                                              our_position pos, bool restored);

}  // namespace smartcopy
