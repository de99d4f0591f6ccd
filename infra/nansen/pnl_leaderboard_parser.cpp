#include "infra/nansen/pnl_leaderboard_parser.hpp"

#include "infra/nansen/json_values.hpp"

namespace smartcopy::nansen {

namespace json = boost::json;

std::optional<pnl_leaderboard_row> parse_pnl_leaderboard_row(const json::object& row,
                                                             std::string& reason) {
  pnl_leaderboard_row r;
  const auto address = address_field(row, "trader_address");
  if (!address) return reason = "missing or malformed trader_address", std::nullopt;
  r.trader_address = *address;
  const auto total = number_field(row, "pnl_usd_total");
  if (!total) return reason = "missing pnl_usd_total", std::nullopt;
  r.pnl_usd_total = *total;
  r.label = string_field(row, "trader_address_label").value_or("");
  const auto num = [&](std::string_view key) { return number_field(row, key).value_or(0.0); };
  r.price_usd = num("price_usd");
  r.pnl_usd_realised = num("pnl_usd_realised");
  r.pnl_usd_unrealised = num("pnl_usd_unrealised");
  r.holding_amount = num("holding_amount");
  r.position_value_usd = num("position_value_usd");
  r.max_balance_held = num("max_balance_held");
  r.max_balance_held_usd = num("max_balance_held_usd");
  r.still_holding_balance_ratio = num("still_holding_balance_ratio");
  r.netflow_amount = num("netflow_amount");
  r.netflow_amount_usd = num("netflow_amount_usd");
  r.roi_percent_total = num("roi_percent_total");
  r.roi_percent_realised = num("roi_percent_realised");
  r.roi_percent_unrealised = num("roi_percent_unrealised");
  r.nof_trades = integer_field(row, "nof_trades").value_or(0);
  return r;
}

parsed_page<pnl_leaderboard_row> parse_pnl_leaderboard_page(std::string_view body) {
  return parse_list_page<pnl_leaderboard_row>(
      body, "tgm/perp-pnl-leaderboard",
      [](const json::object& o, std::string& why) { return parse_pnl_leaderboard_row(o, why); });
}

}  // namespace smartcopy::nansen
