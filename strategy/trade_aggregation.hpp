#pragma once
// SPEC §4 "A trade": Nansen returns one row per fill; the rows sharing (transaction_hash,
// token_symbol, action, side) of one trader form one trade.
#include <string>
#include <vector>

#include "messages/trade.hpp"

namespace smartcopy::strategy {

/// A row refused by aggregate_trades, with the reason to log and count (SPEC §11).
struct rejected_row {
  trade row;
  std::string reason;
};

struct aggregated_trades {
  std::vector<trade> trades;  // ordered by (timestamp, key) so replays are deterministic
  std::vector<rejected_row> rejected;
};

/// SPEC §4: groups rows by trader and `trade::key()`; size, value_usd, closed_pnl and fee_usd are
/// summed, price is value-weighted, timestamp, start_position and oid are the earliest row's.
/// Rows with a non-finite or negative size, price or value, or with no tx hash, are rejected.
aggregated_trades aggregate_trades(const std::vector<trade>& rows);

}  // namespace smartcopy::strategy
