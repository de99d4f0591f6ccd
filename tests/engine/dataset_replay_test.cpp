// SPEC §9.1-§9.2: a dataset's contents become the replay gateways' inputs.
#include <doctest/doctest.h>

#include "actors/dataset_replay.hpp"

using namespace smartcopy;

namespace {

hyperliquid::candle candle_of(std::int64_t t, double o, double h, double l, double c) {
  hyperliquid::candle k;
  k.open_time = t;
  k.close_time = t + 3'599'999;  // a 1h candle: T = next open − 1
  k.coin = "BTC";
  k.interval = "1h";
  k.open = o;
  k.high = h;
  k.low = l;
  k.close = c;
  return k;
}

}  // namespace

TEST_CASE("SPEC §9.2: each candle is open → adverse → favourable → close for the chosen side") {
  dataset d;
  const std::int64_t t0 = 1'767'225'600'000;  // 2026-01-01T00:00Z
  d.candles["BTC"] = {candle_of(t0, 100, 110, 90, 105), candle_of(t0 + 3'600'000, 105, 106, 80, 81),
                      candle_of(t0 + 7'200'000, 81, 70, 90, 85)};  // high < low: skipped
  int skipped = 0;
  const auto longs = replay_prices(d, side::long_, &skipped);
  CHECK(skipped == 1);
  CHECK(*longs->price_at("BTC", utc_from_ms(t0)) == 100);
  CHECK(*longs->price_at("BTC", utc_from_ms(t0 + 1'199'999)) == 90);  // low first for a long
  CHECK(*longs->price_at("BTC", utc_from_ms(t0 + 2'399'998)) == 110);
  CHECK(*longs->price_at("BTC", utc_from_ms(t0 + 3'599'999)) == 105);
  CHECK(*longs->price_at("BTC", utc_from_ms(t0 + 3'600'000)) == 105);  // the next open
  const auto shorts = replay_prices(d, side::short_);
  CHECK(*shorts->price_at("BTC", utc_from_ms(t0 + 1'199'999)) == 110);  // high first for a short
  CHECK_FALSE(longs->price_at("BTC", utc_from_ms(t0 - 1)));
  CHECK_FALSE(longs->price_at("ETH", utc_from_ms(t0)));
}

TEST_CASE(
    "SPEC §9.1: leaderboards, trades and smart money carry over; account values from the "
    "leaderboard") {
  dataset d;
  const std::string a = "0xaaaa000000000000000000000000000000000001";
  const utc_time t = utc_from_ms(1'767'225'600'000);
  d.leaderboards[7] = {leaderboard_entry(a, 12, 250000)};
  d.leaderboards[30] = {leaderboard_entry(a, 20, 240000)};
  d.trades[a] = {trade_row(a, "BTC", trade_action::open, side::long_, 1, 100000, t - hours(2)),
                 trade_row(a, "BTC", trade_action::close, side::long_, 1, 101000, t + hours(2), 1)};
  d.smart_money = {a};
  const auto replay = replay_traders(d);
  CHECK(replay->leaderboards.at(7).at(0).roi == 12);
  CHECK(replay->trades_by_trader.at(a).size() == 2);
  CHECK(replay->smart_money == std::vector<std::string>{a});
  CHECK(*replay->account_value(a) == 250000);                   // the freshest window
  CHECK(replay->rows_between(a, t - hours(3), t).size() == 1);  // only the history before start
}
