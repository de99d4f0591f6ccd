#pragma once
// tgm/perp-pnl-leaderboard rows (reference §6.4): per-token PnL of traders. British spelling
// (`realised`) is the API's. Sign of holding/value for net shorts is unverified: kept as sent.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "infra/nansen/envelope.hpp"

namespace smartcopy::nansen {

struct pnl_leaderboard_row {
  std::string trader_address;  // lower case
  std::string label;           // "" when null
  double price_usd = 0;
  double pnl_usd_realised = 0;
  double pnl_usd_unrealised = 0;
  double pnl_usd_total = 0;
  double holding_amount = 0;      // coins, as sent (negative = net short, unverified)
  double position_value_usd = 0;  // as sent
  double max_balance_held = 0;
  double max_balance_held_usd = 0;
  double still_holding_balance_ratio = 0;  // 0..1
  double netflow_amount = 0;
  double netflow_amount_usd = 0;
  double roi_percent_total = 0;
  double roi_percent_realised = 0;
  double roi_percent_unrealised = 0;
  std::int64_t nof_trades = 0;  // inside the requested window (since 08-09-2026)
};

/// Required: trader_address and pnl_usd_total; every other number defaults to 0.
std::optional<pnl_leaderboard_row> parse_pnl_leaderboard_row(const boost::json::object& row,
                                                             std::string& reason);
parsed_page<pnl_leaderboard_row> parse_pnl_leaderboard_page(std::string_view body);

}  // namespace smartcopy::nansen
