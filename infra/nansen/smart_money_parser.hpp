#pragma once
// smart-money/perp-trades rows (reference §6.5). `action` comes in the short form ("Open") in
// responses and the long filter form ("Buy - Open Long") elsewhere; both are accepted.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "infra/nansen/envelope.hpp"
#include "messages/side.hpp"
#include "messages/time.hpp"
#include "messages/trade.hpp"

namespace smartcopy::nansen {

struct smart_money_trade {
  std::string trader_address;  // lower case
  std::string label;           // smart-money label, "" when null
  std::string token;
  side position_side = side::long_;
  trade_action action = trade_action::other;
  double token_amount = 0;  // coins
  double price_usd = 0;
  double value_usd = 0;
  std::string order_type;  // "Market" / "Limit" as sent
  utc_time block_timestamp{};
  std::string tx_hash;
};

/// Required: trader_address, token_symbol, a known action, side (or the long action form's
/// direction), token_amount >= 0, price_usd > 0, block_timestamp ('T' or ' ', optional zone;
/// naive = UTC), transaction_hash.
std::optional<smart_money_trade> parse_smart_money_trade_row(const boost::json::object& row,
                                                             std::string& reason);
parsed_page<smart_money_trade> parse_smart_money_trades_page(std::string_view body);

}  // namespace smartcopy::nansen
