#include "infra/nansen/smart_money_parser.hpp"

#include "infra/nansen/json_values.hpp"

namespace smartcopy::nansen {

namespace json = boost::json;

namespace {

// "Sell - Close Long" → Long: the long form names the position's direction last.
std::optional<side> side_of_long_action(std::string_view action) {
  const auto space = action.rfind(' ');
  if (action.find(" - ") == std::string_view::npos || space == std::string_view::npos) {
    return std::nullopt;
  }
  return parse_side(action.substr(space + 1));
}

}  // namespace

std::optional<smart_money_trade> parse_smart_money_trade_row(const json::object& row,
                                                             std::string& reason) {
  smart_money_trade t;
  const auto address = address_field(row, "trader_address");
  if (!address) return reason = "missing or malformed trader_address", std::nullopt;
  t.trader_address = *address;
  const auto token = string_field(row, "token_symbol");
  if (!token || token->empty()) return reason = "missing token_symbol", std::nullopt;
  t.token = *token;
  const auto action = string_field(row, "action");
  if (!action) return reason = "missing action", std::nullopt;
  t.action = parse_trade_action(*action);
  if (t.action == trade_action::other) return reason = "unknown action", std::nullopt;
  const auto side_text = string_field(row, "side");
  auto s = side_text ? parse_side(*side_text) : std::nullopt;
  if (!s) s = side_of_long_action(*action);
  if (!s) return reason = "missing or unknown side", std::nullopt;
  t.position_side = *s;
  const auto amount = number_field(row, "token_amount");
  if (!amount || *amount < 0) return reason = "missing or negative token_amount", std::nullopt;
  t.token_amount = *amount;
  const auto price = number_field(row, "price_usd");
  if (!price || *price <= 0) return reason = "missing or non-positive price_usd", std::nullopt;
  t.price_usd = *price;
  const auto stamp = string_field(row, "block_timestamp");
  const auto when = stamp ? parse_iso8601(*stamp) : std::nullopt;
  if (!when) return reason = "missing or unparsable block_timestamp", std::nullopt;
  t.block_timestamp = *when;
  const auto hash = string_field(row, "transaction_hash");
  if (!hash || hash->empty()) return reason = "missing transaction_hash", std::nullopt;
  t.tx_hash = *hash;
  t.label = string_field(row, "trader_address_label").value_or("");
  t.value_usd = number_field(row, "value_usd").value_or(t.price_usd * t.token_amount);
  t.order_type = string_field(row, "type").value_or("");
  return t;
}

parsed_page<smart_money_trade> parse_smart_money_trades_page(std::string_view body) {
  return parse_list_page<smart_money_trade>(
      body, "smart-money/perp-trades",
      [](const json::object& o, std::string& why) { return parse_smart_money_trade_row(o, why); });
}

}  // namespace smartcopy::nansen
