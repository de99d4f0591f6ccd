#include "infra/nansen/positions_parser.hpp"

#include <cmath>

#include "infra/nansen/envelope.hpp"
#include "infra/nansen/errors.hpp"
#include "infra/nansen/json_values.hpp"

namespace smartcopy::nansen {

namespace json = boost::json;

std::optional<trader_position> parse_position_row(const json::object& position,
                                                  std::string& reason) {
  trader_position p;
  const auto token = string_field(position, "token_symbol");
  if (!token || token->empty()) return reason = "missing token_symbol", std::nullopt;
  p.token = *token;
  const auto size = number_field(position, "size");
  if (!size) return reason = "missing or non-numeric size", std::nullopt;
  if (*size == 0) return reason = "zero size", std::nullopt;
  p.position_side = *size < 0 ? side::short_ : side::long_;
  p.size = std::fabs(*size);
  // The docs example reports a short's value as positive; take abs() whatever the sign.
  p.position_value_usd = std::fabs(number_field(position, "position_value_usd").value_or(0.0));
  p.entry_price = number_field(position, "entry_price_usd").value_or(0.0);
  p.leverage = number_field(position, "leverage_value");
  p.unrealized_pnl_usd = number_field(position, "unrealized_pnl_usd").value_or(0.0);
  return p;
}

positions_result parse_positions(std::string_view body, const std::string& address, utc_time now) {
  const json::object envelope = parse_body_object(body, "profiler/perp-positions");
  const auto* data = envelope.if_contains("data");
  if (!data || !data->is_object()) {
    throw error(error_kind::bad_response, "profiler/perp-positions: `data` is not an object");
  }
  const auto& account = data->get_object();
  const auto* list = account.if_contains("asset_positions");
  if (!list || !list->is_array()) {
    throw error(error_kind::bad_response,
                "profiler/perp-positions: `asset_positions` is missing or not an array");
  }
  positions_result out;
  out.snapshot.address = address;
  const auto stamp = integer_field(account, "timestamp");
  out.snapshot.taken_at = stamp ? utc_from_ms(*stamp) : now;
  auto value = number_field(account, "margin_summary_account_value_usd");
  if (!value) value = number_field(account, "cross_margin_summary_account_value_usd");
  if (!value) out.stats.skip("missing account value");
  out.snapshot.account_value = value.value_or(0.0);
  for (const auto& item : list->get_array()) {
    const auto* position = item.is_object() ? item.get_object().if_contains("position") : nullptr;
    if (!position || !position->is_object()) {
      out.stats.skip("asset_positions item without a position object");
      continue;
    }
    std::string reason;
    if (auto p = parse_position_row(position->get_object(), reason)) {
      p->address = address;
      p->last_seen_at = out.snapshot.taken_at;
      out.snapshot.positions.push_back(std::move(*p));
      ++out.stats.parsed;
    } else {
      out.stats.skip(reason);
    }
  }
  return out;
}

}  // namespace smartcopy::nansen
