// SPEC §9.1-§9.2: a dataset's contents become the replay gateways' inputs.
#include <doctest/doctest.h>

#include <cctype>

#include "actors/dataset_replay.hpp"
#include "infra/dataset/synthesizer.hpp"

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

namespace {

synth_options replay_sample() {
  synth_options o;
  o.seed = 11;
  o.traders = 12;
  o.days = 4;
  o.tokens = 3;
  o.interval = "1h";
  return o;
}

bool same_snapshot(const trader_snapshot& a, const trader_snapshot& b) {
  if (a.address != b.address || a.account_value != b.account_value || a.taken_at != b.taken_at ||
      a.positions.size() != b.positions.size())
    return false;
  for (std::size_t i = 0; i < a.positions.size(); ++i) {
    const auto &p = a.positions[i], &q = b.positions[i];
    if (p.address != q.address || p.token != q.token || p.position_side != q.position_side ||
        p.size != q.size || p.position_value_usd != q.position_value_usd ||
        p.entry_price != q.entry_price || p.last_seen_at != q.last_seen_at)
      return false;
  }
  return true;
}

}  // namespace

TEST_CASE("SPEC §9.1: snapshot_index rebuilds the positions reconstruct_snapshot does") {
  const dataset d = synthesize(replay_sample());
  const auto replay = replay_traders(d);
  snapshot_index index(replay);
  const utc_time first = d.manifest.start - hours(24 * synth_history_days) - hours(1);
  int compared = 0, holding = 0;
  // Every trader, hour by hour over history and replay: forward, then a look back in time,
  // then an upper-case address (the index keys by lower case like the dataset).
  for (const auto& [address, rows] : d.trades) {
    for (utc_time t = first; t <= d.manifest.end; t += hours(7)) {
      const auto expected = reconstruct_snapshot(*replay, address, t);
      CHECK(same_snapshot(index.at(address, t), expected));
      holding += !expected.positions.empty();
      ++compared;
    }
    const utc_time back = d.manifest.start - hours(30);
    CHECK(same_snapshot(index.at(address, back), reconstruct_snapshot(*replay, address, back)));
  }
  std::string upper = d.trades.begin()->first;
  for (std::size_t i = 2; i < upper.size(); ++i)
    upper[i] = static_cast<char>(std::toupper(upper[i]));
  CHECK(same_snapshot(index.at(upper, d.manifest.start),
                      reconstruct_snapshot(*replay, upper, d.manifest.start)));
  CHECK(index.at("0xunknown", d.manifest.start).positions.empty());
  CHECK(compared > 1000);
  CHECK(holding > compared / 10);  // the comparisons include real open positions
}

TEST_CASE("SPEC §9.2: price_path_reader answers what the price_path answers, in any order") {
  const dataset d = synthesize(replay_sample());
  const auto path = replay_prices(d, side::long_);
  price_path_reader reader(path);
  auto points = [&](const std::string& token, utc_time from, utc_time to) {
    std::vector<double> out;
    reader.for_points_between(token, from, to,
                              [&](const price_point& p) { out.push_back(p.price); });
    return out;
  };
  auto expected = [&](const std::string& token, utc_time from, utc_time to) {
    std::vector<double> out;
    for (const auto& p : path->points_between(token, from, to)) out.push_back(p.price);
    return out;
  };
  const utc_time start = d.manifest.start;
  int changes = 0;
  // Forward in uneven steps (inside a candle, across several), as the replay's clock moves.
  utc_time prev = start - minutes(30);
  for (utc_time t = prev; t <= d.manifest.end + hours(1); t += minutes(7 + (changes % 5) * 53)) {
    CHECK(reader.next_change_after(t) == path->next_change_after(t));
    CHECK(points("BTC", prev, t) == expected("BTC", prev, t));
    CHECK(points("SOL", prev, t) == expected("SOL", prev, t));
    prev = t;
    ++changes;
  }
  // Backwards and repeated queries, an empty range and an unknown token.
  for (utc_time t : {start + hours(50), start + hours(3), start + hours(3), start - hours(1)}) {
    CHECK(reader.next_change_after(t) == path->next_change_after(t));
    CHECK(points("ETH", t - hours(2), t + hours(5)) == expected("ETH", t - hours(2), t + hours(5)));
  }
  CHECK(points("ETH", start + hours(2), start + hours(2)).empty());
  CHECK(points("DOGE", start, start + hours(5)).empty());
  CHECK_FALSE(reader.next_change_after(d.manifest.end));
  CHECK(changes > 20);
  CHECK(points("BTC", start, start + hours(2)).size() == 8);  // two candles, four points each
}
