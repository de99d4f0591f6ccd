#include "infra/nansen/trades_parser.hpp"

#include <boost/json/parse.hpp>

#include "infra/nansen/json_values.hpp"

namespace smartcopy::nansen {

namespace json = boost::json;

std::optional<trade> parse_trade_row(const json::object& row, std::string& reason) {
  trade t;
  const auto token = string_field(row, "token_symbol");
  if (!token || token->empty()) return reason = "missing token_symbol", std::nullopt;
  t.token = *token;
  const auto action = string_field(row, "action");
  if (!action) return reason = "missing action", std::nullopt;
  t.action = parse_trade_action(*action);
  if (t.action == trade_action::other) return reason = "unknown action", std::nullopt;
  const auto side_text = string_field(row, "side");
  const auto s = side_text ? parse_side(*side_text) : std::nullopt;
  if (!s) return reason = "missing or unknown side", std::nullopt;
  t.position_side = *s;
  const auto size = number_field(row, "size");
  if (!size || *size < 0) return reason = "missing or negative size", std::nullopt;
  t.size = *size;
  const auto price = number_field(row, "price");
  if (!price || *price <= 0) return reason = "missing or non-positive price", std::nullopt;
  t.price = *price;
  const auto stamp = string_field(row, "timestamp");
  const auto when = stamp ? parse_iso8601(*stamp) : std::nullopt;
  if (!when) return reason = "missing or unparsable timestamp", std::nullopt;
  t.timestamp = *when;
  const auto hash = string_field(row, "transaction_hash");
  if (!hash || hash->empty()) return reason = "missing transaction_hash", std::nullopt;
  t.tx_hash = *hash;
  t.value_usd = number_field(row, "value_usd").value_or(t.price * t.size);
  t.start_position = number_field(row, "start_position").value_or(0.0);
  t.closed_pnl = number_field(row, "closed_pnl").value_or(0.0);
  t.fee_usd = number_field(row, "fee_usd").value_or(0.0);
  t.oid = integer_field(row, "oid").value_or(0);
  t.trader_address = address_field(row, "user").value_or("");
  return t;
}

std::optional<trade> parse_trade_row(std::string_view json_text, std::string& reason) {
  json::error_code ec;
  const json::value v = json::parse(json_text, ec);
  if (ec) return reason = "row is not valid JSON", std::nullopt;
  if (!v.is_object()) return reason = "row is not an object", std::nullopt;
  return parse_trade_row(v.get_object(), reason);
}

parsed_page<trade> parse_trades_page(std::string_view body) {
  return parse_list_page<trade>(
      body, "profiler/perp-trades",
      [](const json::object& o, std::string& why) { return parse_trade_row(o, why); });
}

}  // namespace smartcopy::nansen
