#pragma once
// SPEC §4 step 8: the portfolio limits the risk guard applies to its book before it reserves
// an approved entry.
#include <string>
#include <vector>

#include "messages/settings.hpp"
#include "messages/side.hpp"
#include "messages/trade.hpp"
#include "strategy/gate_result.hpp"
#include "strategy/sizing.hpp"

namespace smartcopy::strategy {

/// One line of the risk guard's book: an open position, or a reservation for an approved entry
/// that has not filled yet (reservations count like positions so two racing signals cannot
/// both pass, SPEC §4 step 8).
struct book_entry {
  std::string token;
  side position_side = side::long_;
  std::string source_trader;
  double notional_usd = 0;
};

struct book {
  double equity_usd = 0;
  std::vector<book_entry> entries;
};

/// The entry asking to be let in.
struct entry_candidate {
  std::string token;
  side position_side = side::long_;
  trade_action action = trade_action::open;
  std::string source_trader;
};

/// Distinct tokens in the book: the number of positions (one per token, SPEC §4 step 8).
int open_position_count(const book& b);

/// SPEC §4 step 9 input: total and token notional of the book for `token`.
exposure_headroom headroom_for(const book& b, const std::string& token);

/// SPEC §4 step 8, in this order: a token we already hold is SKIP_ALREADY_IN_TOKEN unless the
/// candidate is an Add by the same source trader on the same side (checked first because it is
/// the most specific reason: such a signal would not open a new position); then a new position
/// needs open positions < max_total_positions (SKIP_MAX_POSITIONS); then total exposure <
/// max_total_exposure_ratio × equity (SKIP_MAX_EXPOSURE) and token exposure <
/// max_exposure_per_token × equity (SKIP_TOKEN_EXPOSURE).
gate_result portfolio_limits_gate(const entry_candidate& c, const book& b,
                                  const entry_settings& entry);

}  // namespace smartcopy::strategy
