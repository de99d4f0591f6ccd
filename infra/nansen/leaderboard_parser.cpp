#include "infra/nansen/leaderboard_parser.hpp"

#include <cmath>

#include "infra/nansen/json_values.hpp"

namespace smartcopy::nansen {

namespace json = boost::json;

namespace {

std::optional<leaderboard_position> parse_top_position(const json::value& item) {
  if (!item.is_object()) return std::nullopt;
  const auto& o = item.get_object();
  const auto coin = string_field(o, "coin");
  const auto side_text = string_field(o, "side");
  const auto s = side_text ? parse_side(*side_text) : std::nullopt;
  const auto size = number_field(o, "size_base");
  if (!coin || coin->empty() || !s || !size) return std::nullopt;
  leaderboard_position p;
  p.token = *coin;
  p.position_side = *s;
  p.size = std::fabs(*size);
  p.position_value_usd = std::fabs(number_field(o, "position_value_usd").value_or(0.0));
  p.entry_price = number_field(o, "entry_price").value_or(0.0);
  p.unrealized_pnl_usd = number_field(o, "unrealized_pnl_usd").value_or(0.0);
  return p;
}

}  // namespace

std::optional<leaderboard_row> parse_leaderboard_row(const json::object& row, std::string& reason) {
  leaderboard_row r;
  const auto address = address_field(row, "trader_address");
  if (!address) return reason = "missing or malformed trader_address", std::nullopt;
  r.trader_address = *address;
  const auto pnl = number_field(row, "total_pnl");
  if (!pnl) return reason = "missing total_pnl", std::nullopt;
  r.total_pnl = *pnl;
  const auto roi = number_field(row, "roi");
  if (!roi) return reason = "missing roi", std::nullopt;
  r.roi = *roi;
  r.label = string_field(row, "trader_address_label").value_or("");
  r.account_value = number_field(row, "account_value").value_or(0.0);
  if (const auto* top = row.if_contains("top_positions"); top && top->is_array()) {
    for (const auto& item : top->get_array()) {
      if (auto p = parse_top_position(item)) r.top_positions.push_back(std::move(*p));
    }
  }
  return r;
}

parsed_page<leaderboard_row> parse_leaderboard_page(std::string_view body) {
  return parse_list_page<leaderboard_row>(
      body, "perp-leaderboard",
      [](const json::object& o, std::string& why) { return parse_leaderboard_row(o, why); });
}

}  // namespace smartcopy::nansen
