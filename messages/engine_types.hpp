#pragma once
// Value types that travel between the engine's actors (requests, results and notices of
// SPEC §4-§8) on top of the domain types. Plain structs: no CAF here.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "messages/order.hpp"
#include "messages/position.hpp"
#include "messages/signal.hpp"
#include "messages/trade.hpp"
#include "messages/trader.hpp"
#include "messages/trader_position.hpp"

namespace smartcopy {

/// Steps 8-9 asked of the risk guard in one message, so checking the limits, sizing within
/// the headroom and reserving happen atomically (two racing signals cannot both pass).
struct reservation_request {
  std::int64_t signal_id = 0;
  std::string token;
  side position_side = side::long_;
  trade_action action = trade_action::open;
  std::string source_trader;
  signal_context context;
  double trader_roi_7d = 0;
};

struct reservation_result {
  decision outcome = decision::skip_size_zero;  // execute, or the SKIP reason of step 8/9
  std::string detail;
  double size_usd = 0;
  std::int64_t reservation_id = 0;  // valid when outcome == execute
  double equity_usd = 0;            // our equity when the guard decided
};

/// An approved entry handed to the exchange gateway (SPEC §6).
struct entry_request {
  signal approved;  // copy_size_usd, leverage, order type and max slippage are set
  signal_context context;
};

/// What the exchange gateway reports for an entry: filled (fully or partly) or not.
struct entry_result {
  bool filled = false;
  std::string cloid;
  double filled_size = 0;  // coins
  double avg_price = 0;
  double fee_usd = 0;
  double leverage = 1;
  std::string detail;  // why not filled (rejected, limit expired...) or the fill's context
};

/// Close or reduce `size` coins of a position (SPEC §7 close_position, profit tiers).
struct close_request {
  std::int64_t position_id = 0;
  std::string token;
  side position_side = side::long_;
  double size = 0;
  order_kind kind = order_kind::close;  // close or reduce
  std::string reason;                   // e.g. "TRAILING_STOP", "PROFIT_TIER_1"
};

struct close_result {
  double filled_size = 0;
  double avg_price = 0;
  double fee_usd = 0;
  bool complete = false;  // the requested size is entirely filled
  std::string detail;
};

/// Place (or move) a position's hard stop on the exchange (SPEC §6 step 4, §7.3).
struct stop_request {
  std::int64_t position_id = 0;
  std::string token;
  side position_side = side::long_;
  double size = 0;
  double trigger_price = 0;
};

struct stop_result {
  bool placed = false;  // paper/sim: false, the position actor applies its stop itself
  std::string cloid;
  std::string detail;
};

/// Our account on the exchange: positions by token (signed size), for stop-hit detection and
/// reconciliation (SPEC §7 step 5, §8).
struct account_snapshot {
  /// True when this is the exchange's own account state (live). A paper/sim gateway answers
  /// its in-memory book, which a restart empties, so it cannot prove a position gone.
  bool authoritative = false;
  double account_value = 0;
  std::map<std::string, double> signed_size_by_token;
  std::vector<fill> recent_fills;
};

/// An approved signal whose entry was in flight at a crash, with its order rows (SPEC §8).
struct in_flight_entry {
  signal sig;
  std::vector<order> orders;
};

/// Everything the engine restores at start (SPEC §8).
struct persisted_state {
  std::vector<trader_row> traders;
  std::vector<our_position> open_positions;
  std::vector<signal> deferred_signals;
  /// Approved signals whose entry was sent but whose outcome was not recorded (a crash).
  std::vector<in_flight_entry> in_flight;
  std::vector<order> unresolved_orders;
};

}  // namespace smartcopy
