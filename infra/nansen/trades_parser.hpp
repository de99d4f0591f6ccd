#pragma once
// profiler/perp-trades rows → smartcopy::trade (reference §6.2). Public so the backtest parses
// recorded JSON Lines rows (SPEC §9.1 DIR/trades/<address>.jsonl) with the same code.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "infra/nansen/envelope.hpp"
#include "messages/trade.hpp"

namespace smartcopy::nansen {

/// One fill. Required: token_symbol, action (Open/Add/Reduce/Close/Liquidation, short or long
/// form), side, size >= 0, price > 0, timestamp (naive ISO = UTC), transaction_hash. Numbers may
/// be numeric strings. `user` gives the trader address (lower-cased) when present.
std::optional<trade> parse_trade_row(const boost::json::object& row, std::string& reason);
/// The same from one JSON text (a JSON Lines row); a malformed line is a skip reason.
std::optional<trade> parse_trade_row(std::string_view json_text, std::string& reason);

/// A whole response body. Throws nansen::error(bad_response) for a bad envelope.
parsed_page<trade> parse_trades_page(std::string_view body);

}  // namespace smartcopy::nansen
