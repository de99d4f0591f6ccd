#include "infra/nansen/screener_parser.hpp"

#include "infra/nansen/json_values.hpp"

namespace smartcopy::nansen {

namespace json = boost::json;

std::optional<screener_row> parse_screener_row(const json::object& row, std::string& reason) {
  screener_row r;
  const auto token = string_field(row, "token_symbol");
  if (!token || token->empty()) return reason = "missing token_symbol", std::nullopt;
  r.token = *token;
  const auto num = [&](std::string_view key) { return number_field(row, key); };
  r.trader_count = num("trader_count");
  r.mark_price = num("mark_price");
  r.funding = num("funding");
  r.open_interest = num("open_interest");
  r.previous_price_usd = num("previous_price_usd");
  r.volume = num("volume");
  r.buy_volume = num("buy_volume");
  r.sell_volume = num("sell_volume");
  r.buy_sell_pressure = num("buy_sell_pressure");
  r.smart_money_volume = num("smart_money_volume");
  r.smart_money_buy_volume = num("smart_money_buy_volume");
  r.smart_money_sell_volume = num("smart_money_sell_volume");
  r.net_position_change = num("net_position_change");
  r.current_smart_money_position_longs_usd = num("current_smart_money_position_longs_usd");
  r.current_smart_money_position_shorts_usd = num("current_smart_money_position_shorts_usd");
  r.smart_money_longs_count = num("smart_money_longs_count");
  r.smart_money_shorts_count = num("smart_money_shorts_count");
  return r;
}

parsed_page<screener_row> parse_screener_page(std::string_view body) {
  return parse_list_page<screener_row>(
      body, "perp-screener",
      [](const json::object& o, std::string& why) { return parse_screener_row(o, why); });
}

}  // namespace smartcopy::nansen
