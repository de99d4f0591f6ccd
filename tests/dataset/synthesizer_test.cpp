// `data synth` (SPEC §9.1): deterministic for a seed, and its fills are consistent with the
// price path — start_position chains, closed PnL from the prices, value = price × size, 0.045 %
// fees, unique transaction hashes, leaderboards from the fills.
#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "dataset_test_support.hpp"
#include "infra/dataset/synthesizer.hpp"

using namespace smartcopy;

namespace {

synth_options small(std::uint64_t seed) {
  synth_options o;
  o.seed = seed;
  o.traders = 6;
  o.days = 3;
  o.tokens = 3;
  o.interval = "1h";
  return o;
}

synth_options medium() {
  synth_options o;
  o.seed = 7;
  o.traders = 60;
  o.days = 20;
  o.tokens = 5;
  o.interval = "1h";
  return o;
}

bool grows(trade_action a) {
  return a == trade_action::open || a == trade_action::add;
}

std::size_t count_rows(const dataset& d) {
  std::size_t n = 0;
  for (const auto& [a, rows] : d.trades) n += rows.size();
  return n;
}

}  // namespace

TEST_CASE("SPEC 9.1: the same seed writes byte-identical files, another seed different ones") {
  temp_dir a("seed_a"), b("seed_b"), c("seed_c");
  write_dataset(synthesize(small(1)), a.path);
  write_dataset(synthesize(small(1)), b.path);
  write_dataset(synthesize(small(2)), c.path);
  const std::string fa = fingerprint(a.path);
  CHECK(fa.size() > 1000);
  CHECK(fa == fingerprint(b.path));
  CHECK(fa != fingerprint(c.path));
}

TEST_CASE("SPEC 9.1: the streamed synth writes the same bytes as the in-memory one") {
  temp_dir memory("synth_memory"), streamed("synth_streamed");
  synth_options o = small(5);
  o.interval = "15m";  // several candles per trade, so candles and fills interleave in the stream
  write_dataset(synthesize(o), memory.path);
  std::uint64_t last = 0, calls = 0;
  bool increasing = true;
  const synth_counts n = synthesize_to(o, streamed.path, [&](std::uint64_t done) {
    increasing = increasing && done > last;
    last = done;
    ++calls;
  });
  const std::string expected = fingerprint(memory.path);
  CHECK(expected.size() > 1000);
  CHECK(fingerprint(streamed.path) == expected);
  const dataset d = synthesize(o);
  CHECK(n.traders == d.trades.size());
  CHECK(n.trades == count_rows(d));
  CHECK(n.candles == 3 * 3 * 96);  // 3 tokens × 3 days × 96 quarter hours
  // Progress: one report per token path, token's candles and trader, ending at the total.
  CHECK(increasing);
  CHECK(calls == 3 + 3 + 6);
  CHECK(last == synth_work(o));
}

TEST_CASE("synth: streamed bad options throw before anything is written") {
  temp_dir dir("synth_bad");
  synth_options o = small(1);
  o.tokens = 0;
  CHECK_THROWS_AS(synthesize_to(o, dir.path / "out"), std::invalid_argument);
  CHECK_FALSE(std::filesystem::exists(dir.path / "out"));
}

TEST_CASE("SPEC 9.1: synth shape — manifest, candles over [start, end] only, realistic prices") {
  const synth_options o = small(3);
  const dataset d = synthesize(o);
  CHECK(d.manifest.start == o.start);
  CHECK(d.manifest.end == o.start + hours{72});
  CHECK(d.manifest.interval == "1h");
  CHECK(d.manifest.source == "synth seed=3");
  CHECK(d.trades.size() == 6);
  REQUIRE(d.candles.size() == 3);
  for (const auto& [token, candles] : d.candles) {
    REQUIRE(candles.size() == 72);  // 3 days of 1h bars
    CHECK(candles.front().open_time == to_ms(o.start));
    CHECK(candles.back().close_time == to_ms(d.manifest.end) - 1);
    for (std::size_t i = 0; i < candles.size(); ++i) {
      const auto& c = candles[i];
      CHECK(c.low <= std::min(c.open, c.close));
      CHECK(c.high >= std::max(c.open, c.close));
      CHECK(c.close_time == c.open_time + 3'599'999);
      if (i > 0) CHECK(c.open == candles[i - 1].close);
    }
  }
  // Starting prices in the realistic range (90 days of drift away from 100 000 / 3 500 / 180).
  CHECK(d.candles.at("BTC").front().open > 40'000);
  CHECK(d.candles.at("BTC").front().open < 250'000);
  CHECK(d.candles.at("ETH").front().open > 1'000);
  CHECK(d.candles.at("SOL").front().open > 40);
}

TEST_CASE("SPEC 9.1: every synthetic fill is consistent with its position and the prices") {
  const dataset d = synthesize(medium());
  std::set<std::string> hashes;
  std::size_t rows = 0, liquidations = 0, adds = 0, before_start = 0;
  for (const auto& [address, fills] : d.trades) {
    std::map<std::string, double> position, entry_value;  // signed size, |size| × avg entry
    utc_time last{};
    for (const trade& t : fills) {
      ++rows;
      CHECK(t.trader_address == address);
      CHECK(t.timestamp >= last);  // time order
      last = t.timestamp;
      if (t.timestamp < d.manifest.start) ++before_start;
      CHECK(t.timestamp >= d.manifest.start - hours{24 * synth_history_days});
      CHECK(t.timestamp < d.manifest.end);
      CHECK(hashes.insert(t.tx_hash).second);
      CHECK(t.tx_hash.size() == 66);
      CHECK(t.value_usd == doctest::Approx(t.price * t.size).epsilon(1e-12));
      CHECK(t.fee_usd == doctest::Approx(t.value_usd * 0.00045).epsilon(1e-12));
      CHECK(t.size > 0);
      const double dir = direction(t.position_side);
      double& pos = position[t.token];
      CHECK(t.start_position == doctest::Approx(pos).epsilon(1e-9));
      if (t.action == trade_action::open) CHECK(pos == 0);
      if (grows(t.action)) {
        CHECK(t.closed_pnl == 0);
        pos += dir * t.size;
        entry_value[t.token] += t.price * t.size;
      } else {
        // Close / Liquidation take the whole position at the weighted entry.
        CHECK(t.size == doctest::Approx(std::abs(pos)).epsilon(1e-9));
        const double avg_entry = entry_value[t.token] / std::abs(pos);
        CHECK(t.closed_pnl == doctest::Approx((t.price - avg_entry) * t.size * dir).epsilon(1e-6));
        if (t.action == trade_action::liquidation) {
          ++liquidations;
          CHECK(t.closed_pnl < 0);
        }
        pos = 0;
        entry_value[t.token] = 0;
      }
      adds += t.action == trade_action::add;
      // Inside [start, end] the fill price lies in the candle of its instant.
      if (t.timestamp >= d.manifest.start) {
        const auto& candles = d.candles.at(t.token);
        const auto index =
            static_cast<std::size_t>((to_ms(t.timestamp) - to_ms(d.manifest.start)) / 3'600'000);
        REQUIRE(index < candles.size());
        CHECK(t.price >= candles[index].low);
        CHECK(t.price <= candles[index].high);
      }
    }
  }
  CHECK(rows > 300);
  CHECK(before_start > rows / 2);  // 90 days of scoring history vs 20 replayed
  CHECK(adds > 0);
  CHECK(liquidations > 0);
}

TEST_CASE("SPEC 3/9.1: leaderboard windows end at start and match the fills") {
  const dataset d = synthesize(medium());
  REQUIRE(d.leaderboards.size() == 3);
  CHECK(d.leaderboards.at(90).size() >= d.leaderboards.at(30).size());
  CHECK(d.leaderboards.at(30).size() >= d.leaderboards.at(7).size());
  for (int days : {7, 30, 90}) {
    const auto& rows = d.leaderboards.at(days);
    REQUIRE(!rows.empty());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& r = rows[i];
      if (i > 0) CHECK(rows[i - 1].total_pnl >= r.total_pnl);
      double pnl = 0;
      for (const trade& t : d.trades.at(r.trader_address))
        if (t.timestamp >= d.manifest.start - hours{24 * days} && t.timestamp < d.manifest.start)
          pnl += t.closed_pnl - t.fee_usd;
      CHECK(r.total_pnl == doctest::Approx(pnl));
      CHECK(r.account_value > 0);
      CHECK(r.roi == doctest::Approx(r.total_pnl / r.account_value * 100));
    }
  }
}

TEST_CASE("synth: traders have a persistent edge — smart-money traders win more often") {
  synth_options o = medium();
  o.traders = 120;
  const dataset d = synthesize(o);
  REQUIRE(!d.smart_money.empty());
  const std::set<std::string> smart(d.smart_money.begin(), d.smart_money.end());
  double wins[2] = {0, 0}, closes[2] = {0, 0};
  for (const auto& [address, fills] : d.trades)
    for (const trade& t : fills)
      if (t.action == trade_action::close) {
        const int k = smart.count(address) ? 1 : 0;
        closes[k] += 1;
        wins[k] += t.closed_pnl > 0;
      }
  REQUIRE(closes[0] > 100);
  REQUIRE(closes[1] > 100);
  CHECK(wins[1] / closes[1] > wins[0] / closes[0] + 0.05);
}

TEST_CASE("SPEC 9.1: synth round-trips through the directory") {
  temp_dir dir("synth_rt");
  const dataset d = synthesize(small(4));
  write_dataset(d, dir.path);
  nansen::parse_stats stats;
  const dataset back = read_dataset(dir.path, &stats);
  CHECK(stats.skipped == 0);
  CHECK(count_rows(back) == count_rows(d));
  CHECK(back.smart_money == d.smart_money);
  const trade& a = d.trades.begin()->second.front();
  const trade& b = back.trades.at(d.trades.begin()->first).front();
  CHECK(b.price == a.price);
  CHECK(b.size == a.size);
  CHECK(b.timestamp == a.timestamp);
  CHECK(b.key() == a.key());
  CHECK(back.candles.at("ETH").back().close == d.candles.at("ETH").back().close);
  CHECK(back.leaderboards.at(90).front().roi == d.leaderboards.at(90).front().roi);
}

TEST_CASE("synth: bad options are a clear error") {
  synth_options o = small(1);
  o.interval = "2m";
  CHECK_THROWS_AS(synthesize(o), std::invalid_argument);
  o = small(1);
  o.traders = 0;
  CHECK_THROWS_WITH_AS(synthesize(o), doctest::Contains("positive"), std::invalid_argument);
}
