#include "strategy/portfolio_limits.hpp"

#include <set>

#include "strategy/checked.hpp"
#include "strategy/describe.hpp"

namespace smartcopy::strategy {

int open_position_count(const book& b) {
  std::set<std::string> tokens;
  for (const auto& e : b.entries) tokens.insert(e.token);
  return static_cast<int>(tokens.size());
}

exposure_headroom headroom_for(const book& b, const std::string& token) {
  exposure_headroom h{b.equity_usd, 0, 0};
  for (const auto& e : b.entries) {
    h.total_exposure_usd += e.notional_usd;
    if (e.token == token) h.token_exposure_usd += e.notional_usd;
  }
  return h;
}

gate_result portfolio_limits_gate(const entry_candidate& c, const book& b,
                                  const entry_settings& entry) {
  if (auto e = require_positive("equity_usd", b.equity_usd); !e.empty())
    return gate_result::fail(decision::skip_max_exposure, e);
  for (const auto& e : b.entries)
    if (auto why = require_non_negative("book notional_usd", e.notional_usd); !why.empty())
      return gate_result::fail(decision::skip_max_exposure, why + " (" + e.token + ")");

  bool held = false;
  for (const auto& e : b.entries) {
    if (e.token != c.token) continue;
    held = true;
    const bool scales_in = c.action == trade_action::add && e.source_trader == c.source_trader &&
                           e.position_side == c.position_side;
    if (!scales_in)
      return gate_result::fail(decision::skip_already_in_token,
                               "already holding " + c.token + " (from " + e.source_trader + ")");
  }
  const int count = open_position_count(b);
  if (!held && count >= entry.max_total_positions)
    return gate_result::fail(decision::skip_max_positions,
                             std::to_string(count) + " positions open (max " +
                                 std::to_string(entry.max_total_positions) + ")");
  const auto h = headroom_for(b, c.token);
  const double total_limit = entry.max_total_exposure_ratio * b.equity_usd;
  if (!(h.total_exposure_usd < total_limit))
    return gate_result::fail(decision::skip_max_exposure,
                             "exposure " + describe_number(h.total_exposure_usd) +
                                 " USD >= " + describe_number(total_limit));
  const double token_limit = entry.max_exposure_per_token * b.equity_usd;
  if (!(h.token_exposure_usd < token_limit))
    return gate_result::fail(decision::skip_token_exposure,
                             c.token + " exposure " + describe_number(h.token_exposure_usd) +
                                 " USD >= " + describe_number(token_limit));
  return gate_result::pass(std::to_string(count) + " positions, exposure " +
                           describe_number(h.total_exposure_usd) + " USD");
}

}  // namespace smartcopy::strategy
