#pragma once
// The evaluated signal of SPEC §4 with every field of the seed's Signal object, and the
// decision/reason codes stored in the `signals` table.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "messages/side.hpp"
#include "messages/time.hpp"
#include "messages/trade.hpp"

namespace smartcopy {

/// EXECUTE, DEFERRED (waiting for step 4), or the SKIP reason of the first failed step.
enum class decision {
  execute,
  deferred,
  skip_action_type,
  skip_add_no_open,
  skip_add_too_old,
  skip_size_too_small,
  skip_low_weight,
  skip_low_confidence,
  skip_reversed_after_delay,
  skip_slippage_exceeded,
  skip_stale_high_slippage,
  skip_too_old,
  skip_no_consensus,
  skip_max_positions,
  skip_max_exposure,
  skip_token_exposure,
  skip_already_in_token,
  skip_size_zero,
  skip_paused,        // entries paused by the operator (`smartcopy inspect pause`)
  skip_blacklisted,   // the source trader is blacklisted after a detected liquidation
  skip_order_failed,  // approved, but the exchange rejected the entry
};

inline constexpr decision all_decisions[] = {
    decision::execute,
    decision::deferred,
    decision::skip_action_type,
    decision::skip_add_no_open,
    decision::skip_add_too_old,
    decision::skip_size_too_small,
    decision::skip_low_weight,
    decision::skip_low_confidence,
    decision::skip_reversed_after_delay,
    decision::skip_slippage_exceeded,
    decision::skip_stale_high_slippage,
    decision::skip_too_old,
    decision::skip_no_consensus,
    decision::skip_max_positions,
    decision::skip_max_exposure,
    decision::skip_token_exposure,
    decision::skip_already_in_token,
    decision::skip_size_zero,
    decision::skip_paused,
    decision::skip_blacklisted,
    decision::skip_order_failed,
};

constexpr std::string_view to_string(decision d) {
  switch (d) {
    case decision::execute:
      return "EXECUTE";
    case decision::deferred:
      return "DEFERRED";
    case decision::skip_action_type:
      return "SKIP_ACTION_TYPE";
    case decision::skip_add_no_open:
      return "SKIP_ADD_NO_OPEN";
    case decision::skip_add_too_old:
      return "SKIP_ADD_TOO_OLD";
    case decision::skip_size_too_small:
      return "SKIP_SIZE_TOO_SMALL";
    case decision::skip_low_weight:
      return "SKIP_LOW_WEIGHT";
    case decision::skip_low_confidence:
      return "SKIP_LOW_CONFIDENCE";
    case decision::skip_reversed_after_delay:
      return "SKIP_REVERSED_AFTER_DELAY";
    case decision::skip_slippage_exceeded:
      return "SKIP_SLIPPAGE_EXCEEDED";
    case decision::skip_stale_high_slippage:
      return "SKIP_STALE_HIGH_SLIPPAGE";
    case decision::skip_too_old:
      return "SKIP_TOO_OLD";
    case decision::skip_no_consensus:
      return "SKIP_NO_CONSENSUS";
    case decision::skip_max_positions:
      return "SKIP_MAX_POSITIONS";
    case decision::skip_max_exposure:
      return "SKIP_MAX_EXPOSURE";
    case decision::skip_token_exposure:
      return "SKIP_TOKEN_EXPOSURE";
    case decision::skip_already_in_token:
      return "SKIP_ALREADY_IN_TOKEN";
    case decision::skip_size_zero:
      return "SKIP_SIZE_ZERO";
    case decision::skip_paused:
      return "SKIP_PAUSED";
    case decision::skip_blacklisted:
      return "SKIP_BLACKLISTED";
    case decision::skip_order_failed:
      return "SKIP_ORDER_FAILED";
  }
  return "UNKNOWN";
}

inline std::optional<decision> parse_decision(std::string_view text) {
  for (auto d : all_decisions)
    if (text == to_string(d)) return d;
  return std::nullopt;
}

/// The reason an EXECUTE signal carries between its persistence and its entry's outcome
/// (SPEC §6 step 1): a signal still holding it at start had its entry in flight at a crash.
inline constexpr std::string_view entry_in_flight_reason = "approved, entry sent";

/// How an approved entry is placed (SPEC §4 step 6, §6 step 3).
enum class order_type { market, limit };

constexpr std::string_view to_string(order_type t) {
  return t == order_type::market ? "market" : "limit";
}

inline std::optional<order_type> parse_order_type(std::string_view t) {
  if (t == "market") return order_type::market;
  if (t == "limit") return order_type::limit;
  return std::nullopt;
}

/// What step 9 sizing needs about the copied trader (SPEC §5), known when the trade is seen.
struct signal_context {
  double trader_account_value = 0;   // A of step 3
  double trader_position_value = 0;  // the trader's position in the token after the trade
  std::optional<double> trader_leverage;
};

struct signal {
  std::int64_t id = 0;  // assigned by the store
  std::string trader_address;
  std::string token_symbol;
  side position_side = side::long_;
  trade_action action = trade_action::open;
  double value_usd = 0;
  double position_weight = 0;
  utc_time timestamp{};       // the trade's time
  double age_seconds = 0;     // per entry.timing_reference at evaluation
  double trade_price = 0;     // the trader's (value-weighted) fill price
  double mark_price = 0;      // mark at the slippage check
  double slippage_check = 0;  // slippage percent measured in step 5
  double trader_score = 0;
  double trader_roi_7d = 0;
  double copy_size_usd = 0;
  double leverage = 0;  // the leverage we will use (0 until sized)
  std::optional<order_type> type;
  double max_slippage = 0;  // percent allowed through mark for the entry order
  decision outcome = decision::deferred;
  std::string reason;     // human-readable detail of the decision
  std::string trade_key;  // seen_trades key of the trade that produced it
  utc_time created_at{};
  std::optional<utc_time> due_at;  // when a deferred signal becomes confirmable
  // Stored with the signal so a deferred signal resumes after a restart with its sizing inputs.
  signal_context sizing;
};

}  // namespace smartcopy
