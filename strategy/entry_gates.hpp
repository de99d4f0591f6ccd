#pragma once
// SPEC §4 steps 1-7: the quality gates a new trade passes before it may become an entry. Each
// gate returns pass or the SPEC reason code of `decision` with a detail to log. Step 8 is in
// portfolio_limits.hpp, step 9 in sizing.hpp.
#include <optional>
#include <string>
#include <vector>

#include "messages/settings.hpp"
#include "messages/signal.hpp"
#include "messages/trade.hpp"
#include "messages/trader_position.hpp"
#include "strategy/checked.hpp"
#include "strategy/gate_result.hpp"

namespace smartcopy::strategy {

// ---- Step 1: action ------------------------------------------------------------------------

/// SPEC §4 step 1: the time of the same trader's latest `Open` of the add's token and side that
/// happened at or before the add, looked up in that trader's trades; nullopt when there is none.
std::optional<utc_time> find_open_for_add(const trade& add, const std::vector<trade>& history);

/// SPEC §4 step 1: `Open` passes; `Add` passes when its Open (`open_time`, from
/// find_open_for_add) is at most filters.add_max_age_hours older (SKIP_ADD_NO_OPEN,
/// SKIP_ADD_TOO_OLD); everything else is SKIP_ACTION_TYPE.
gate_result action_filter(const trade& t, std::optional<utc_time> open_time,
                          const filters_settings& filters);

// ---- Step 2: minimum size ------------------------------------------------------------------

/// SPEC §4 step 2: min_trade_value_usd[token], else its "_default"; nullopt when neither is set.
std::optional<double> min_trade_value_for(const std::string& token,
                                          const filters_settings& filters);

/// SPEC §4 step 2: value_usd ≥ the token's minimum (SKIP_SIZE_TOO_SMALL).
gate_result minimum_size_gate(const trade& t, const filters_settings& filters);

// ---- Step 3: weights -----------------------------------------------------------------------

/// SPEC §4 step 3: the account value A to weigh against — the positions snapshot's when it is a
/// positive number, else the leaderboard's; nullopt when neither is usable.
std::optional<double> account_value_for_weight(std::optional<double> snapshot_account_value,
                                               double leaderboard_account_value);

/// SPEC §4 step 3: the trader's position value in the trade's token and side after the trade —
/// from `snapshot` when it holds that position, else reconstructed as
/// (|start_position| + size) × price (SPEC §9.1), which for an Open is the trade's value.
checked<double> position_value_after_trade(const trade& t, const trader_snapshot* snapshot);

/// SPEC §4 step 3: position value / A.
checked<double> position_weight(double position_value_usd, double account_value);

/// SPEC §4 step 3: position_weight ≥ min_position_weight (SKIP_LOW_WEIGHT) and
/// value_usd / A ≥ min_trade_weight (SKIP_LOW_CONFIDENCE); a missing, zero or invalid A is
/// SKIP_LOW_WEIGHT.
gate_result weight_gate(double position_value_usd, double trade_value_usd,
                        std::optional<double> account_value, const filters_settings& filters);

// ---- Step 4: confirmation delay ------------------------------------------------------------

/// SPEC §4 step 4: trade time + copy_delay_minutes, when the signal becomes confirmable.
utc_time confirmation_due_at(utc_time trade_time, const entry_settings& entry);

/// SPEC §4 step 4: DEFERRED before the due time; afterwards the trader must still hold the
/// token on the trade's side in `fresh` (a positions call made at the check), else
/// SKIP_REVERSED_AFTER_DELAY. A missing snapshot counts as not holding.
gate_result confirmation_gate(const trade& t, utc_time now, const trader_snapshot* fresh,
                              const entry_settings& entry);

// ---- Step 5: slippage ----------------------------------------------------------------------

/// SPEC §4 step 5: |mark − trade price| / trade price × 100.
checked<double> slippage_percent(double mark, double trade_price);

/// SPEC §4 step 5: slippage ≤ max_price_slippage_percent (SKIP_SLIPPAGE_EXCEEDED).
gate_result slippage_gate(double mark, double trade_price, const entry_settings& entry);

// ---- Step 6: execution timing --------------------------------------------------------------

/// SPEC §4 step 6 [decision]: seconds since the confirmation moment (trade time + delay) with
/// timing_reference "confirmation", since the trade with "trade"; never negative (a clock that
/// runs behind the trade's timestamp must not make a signal younger than new).
double signal_age_seconds(utc_time trade_time, utc_time now, const entry_settings& entry);

struct timing_decision {
  gate_result gate;
  std::optional<order_type> type;   // set when gate.passed
  double max_slippage_percent = 0;  // allowed through mark by the entry order
};

/// SPEC §4 step 6: age < 2 min → market (market_max_slippage_percent); age < 10 min → limit
/// when slippage < limit_max_deviation_percent, else SKIP_STALE_HIGH_SLIPPAGE; older → limit
/// only when trader score > 0.8 and position weight > 0.25, else SKIP_TOO_OLD.
timing_decision execution_timing(double age_seconds, double slippage_pct, double trader_score,
                                 double position_weight, const entry_settings& entry);

// ---- Step 7: consensus ---------------------------------------------------------------------

/// SPEC §4 step 7: when enabled, at least consensus.min_traders distinct tracked traders hold
/// `token` on `s` in their latest snapshots; the signal's own trader always counts (step 4 saw
/// it holding). SKIP_NO_CONSENSUS otherwise.
gate_result consensus_gate(const std::string& token, side s, const std::string& source_trader,
                           const std::vector<trader_snapshot>& tracked_snapshots,
                           const consensus_settings& consensus);

}  // namespace smartcopy::strategy
