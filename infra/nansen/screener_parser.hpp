#pragma once
// perp-screener rows (reference §6.6). A response uses either the all-traders or the
// smart-money column set, so every column is optional.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "infra/nansen/envelope.hpp"

namespace smartcopy::nansen {

struct screener_row {
  std::string token;  // token_symbol, HIP-3 markets keep their "dex:" prefix
  // both column sets
  std::optional<double> trader_count, mark_price, funding, open_interest, previous_price_usd;
  // all-traders columns
  std::optional<double> volume, buy_volume, sell_volume, buy_sell_pressure;
  // smart-money columns (shorts in USD are negative as sent)
  std::optional<double> smart_money_volume, smart_money_buy_volume, smart_money_sell_volume,
      net_position_change, current_smart_money_position_longs_usd,
      current_smart_money_position_shorts_usd, smart_money_longs_count, smart_money_shorts_count;

  bool is_smart_money_row() const { return smart_money_volume.has_value(); }
};

/// Required: token_symbol. Columns present but not numeric are left empty.
std::optional<screener_row> parse_screener_row(const boost::json::object& row, std::string& reason);
parsed_page<screener_row> parse_screener_page(std::string_view body);

}  // namespace smartcopy::nansen
