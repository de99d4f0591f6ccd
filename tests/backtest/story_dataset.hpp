#pragma once
// A hand-made dataset with a known story, shared by the backtest tests: one scored trader, one
// Open Long of `token` two minutes in, a price path that rises to 115 000 by hour 2 then
// reverses through the trailing stop at hour 3 (SPEC §7 exits), the trader's Close at +8 h.
#include <fstream>
#include <iterator>
#include <string>

#include "actors/trader_dataset.hpp"
#include "infra/dataset/dataset_dir.hpp"

namespace story {

using namespace smartcopy;

inline const std::string copied = "0xc0c0000000000000000000000000000000000007";
inline const utc_time start = *parse_iso8601("2026-01-01T00:00:00Z");

inline hyperliquid::candle hour(const std::string& token, int h, double o, double hi, double lo,
                                double c) {
  hyperliquid::candle k;
  k.open_time = to_ms(start + hours(h));
  k.close_time = k.open_time + 3'599'999;
  k.coin = token;
  k.interval = "1h";
  k.open = o;
  k.high = hi;
  k.low = lo;
  k.close = c;
  k.volume = 10;
  k.trades = 100;
  return k;
}

/// The story on `token`, its data ending after `hours_of_data` (1 to 10) hourly candles (10: the
/// whole story; 3: before the reversal, with the position still open).
inline dataset make(const std::string& token = "BTC", int hours_of_data = 10) {
  dataset d;
  d.manifest = {start, start + hours(hours_of_data), 100000, "1h", "hand-made story"};
  // 90 days of history the scorer selects: 60 ETH round trips, 40 winners, $400k account.
  auto& rows = d.trades[copied];
  for (int i = 0; i < 60; ++i) {
    const utc_time open_at = start - hours(24 * 89) + hours(34 * i);
    rows.push_back(trade_row(copied, "ETH", trade_action::open, side::long_, 10, 3000, open_at));
    trade close = trade_row(copied, "ETH", trade_action::close, side::long_, 10, 3000,
                            open_at + hours(20), 10);
    close.closed_pnl = i % 3 == 2 ? -300 : 600;
    rows.push_back(close);
  }
  // The story: Open Long $60k (weight 0.15) two minutes in; closed by the trader at +8 h.
  rows.push_back(
      trade_row(copied, token, trade_action::open, side::long_, 0.6, 100000, start + minutes(2)));
  rows.push_back(trade_row(copied, token, trade_action::close, side::long_, 0.6, 105000,
                           start + hours(8), 0.6));
  for (int w : {7, 30, 90})
    d.leaderboards[w] = {leaderboard_entry(copied, w == 7 ? 15 : 30, 400000)};
  auto& candles = d.candles[token];
  candles = {hour(token, 0, 100000, 100600, 99900, 100500),
             hour(token, 1, 100500, 110000, 100400, 109000),
             hour(token, 2, 109000, 115000, 108500, 114000),   // best 115 000: trail 105 800
             hour(token, 3, 114000, 114500, 104000, 105000)};  // reversal through the trail
  for (int h = 4; h < 10; ++h) candles.push_back(hour(token, h, 105000, 105100, 104900, 105000));
  candles.resize(static_cast<std::size_t>(hours_of_data));
  return d;
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace story
