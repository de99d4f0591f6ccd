#pragma once
// profiler/perp-positions → trader_snapshot (reference §6.3): numbers are JSON strings, `size`
// is signed (negative = short), account value is data.margin_summary_account_value_usd.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "infra/nansen/parse_stats.hpp"
#include "messages/trader_position.hpp"

namespace smartcopy::nansen {

struct positions_result {
  trader_snapshot snapshot;
  parse_stats stats;
};

/// One `asset_positions[].position` object. Required: token_symbol and a non-zero signed size;
/// the side comes from the sign, size and position value are made absolute.
std::optional<trader_position> parse_position_row(const boost::json::object& position,
                                                  std::string& reason);

/// A whole body for `address`. `taken_at` stays `now` when the body has no `timestamp`. A
/// missing account value falls back to the cross-margin one, else 0 with a counted reason.
/// Throws nansen::error(bad_response) for a bad envelope (no `data` object or no
/// `asset_positions` array).
positions_result parse_positions(std::string_view body, const std::string& address, utc_time now);

}  // namespace smartcopy::nansen
