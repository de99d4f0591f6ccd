#pragma once
// perp-leaderboard rows → leaderboard_row (reference §6.1). Public so the backtest reads
// DIR/leaderboard/<N>d.json (SPEC §9.1) with the same code.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "infra/nansen/envelope.hpp"
#include "messages/trader.hpp"

namespace smartcopy::nansen {

/// Required: trader_address (0x + 40 hex), total_pnl, roi (percent). A null/missing label is "",
/// a null/missing account_value is 0 (the API only has it for the top traders). Bad
/// `top_positions` items are dropped.
std::optional<leaderboard_row> parse_leaderboard_row(const boost::json::object& row,
                                                     std::string& reason);

parsed_page<leaderboard_row> parse_leaderboard_page(std::string_view body);

}  // namespace smartcopy::nansen
