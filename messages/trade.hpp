#pragma once
// A trader's fill as Nansen's profiler/perp-trades reports it, and the aggregated trade of
// SPEC §4 ("A trade": rows sharing tx hash, token, action and side).
#include <cstdint>
#include <string>
#include <string_view>

#include "messages/side.hpp"
#include "messages/time.hpp"

namespace smartcopy {

enum class trade_action { open, add, reduce, close, liquidation, other };

constexpr std::string_view to_string(trade_action a) {
  switch (a) {
    case trade_action::open:
      return "Open";
    case trade_action::add:
      return "Add";
    case trade_action::reduce:
      return "Reduce";
    case trade_action::close:
      return "Close";
    case trade_action::liquidation:
      return "Liquidation";
    case trade_action::other:
      break;
  }
  return "Other";
}

/// Short form ("Open") or Nansen's long filter form ("Buy - Open Long"); unknown → other.
inline trade_action parse_trade_action(std::string_view text) {
  if (const auto dash = text.rfind(" - "); dash != std::string_view::npos) {
    text.remove_prefix(dash + 3);
    if (const auto space = text.find(' '); space != std::string_view::npos)
      text = text.substr(0, space);
  }
  for (auto a : {trade_action::open, trade_action::add, trade_action::reduce, trade_action::close,
                 trade_action::liquidation})
    if (text == to_string(a)) return a;
  return trade_action::other;
}

struct trade {
  std::string trader_address;  // lower-case 0x address
  std::string token;           // token_symbol, e.g. "BTC" or "xyz:TSLA"
  trade_action action = trade_action::other;
  side position_side = side::long_;
  double size = 0;            // coins, absolute
  double price = 0;           // USD, value-weighted when aggregated
  double value_usd = 0;       // price × size
  double start_position = 0;  // signed position before the fill
  double closed_pnl = 0;
  double fee_usd = 0;
  utc_time timestamp{};  // earliest row's time when aggregated
  std::string tx_hash;
  std::int64_t oid = 0;

  /// `<tx_hash>:<token>:<action>:<side>` — the `seen_trades` key of SPEC §4.
  std::string key() const {
    std::string k = tx_hash;
    k.append(":").append(token).append(":").append(to_string(action)).append(":");
    k.append(to_string(position_side));
    return k;
  }
};

}  // namespace smartcopy
