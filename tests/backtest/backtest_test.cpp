// SPEC §9: `smartcopy backtest` on a hand-made dataset with a known story — one scored trader,
// one Open BTC Long, a price path that rises then reverses — through the real binary.
#include <doctest/doctest.h>

#include <boost/json.hpp>
#include <fstream>
#include <iterator>

#include "actors/trader_dataset.hpp"
#include "infra/dataset/dataset_dir.hpp"
#include "support/run_binary.hpp"
#include "support/temp_dir.hpp"

using namespace smartcopy;

namespace {

const std::string copied = "0xc0c0000000000000000000000000000000000007";
const utc_time start = *parse_iso8601("2026-01-01T00:00:00Z");

hyperliquid::candle hour(int h, double o, double hi, double lo, double c) {
  hyperliquid::candle k;
  k.open_time = to_ms(start + hours(h));
  k.close_time = k.open_time + 3'599'999;
  k.coin = "BTC";
  k.interval = "1h";
  k.open = o;
  k.high = hi;
  k.low = lo;
  k.close = c;
  k.volume = 10;
  k.trades = 100;
  return k;
}

dataset story() {
  dataset d;
  d.manifest = {start, start + hours(10), 100000, "1h", "hand-made story"};
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
  // The story: Open BTC Long $60k (weight 0.15) two minutes in; closed by the trader at +8 h.
  rows.push_back(
      trade_row(copied, "BTC", trade_action::open, side::long_, 0.6, 100000, start + minutes(2)));
  rows.push_back(trade_row(copied, "BTC", trade_action::close, side::long_, 0.6, 105000,
                           start + hours(8), 0.6));
  for (int w : {7, 30, 90})
    d.leaderboards[w] = {leaderboard_entry(copied, w == 7 ? 15 : 30, 400000)};
  d.candles["BTC"] = {hour(0, 100000, 100600, 99900, 100500),
                      hour(1, 100500, 110000, 100400, 109000),
                      hour(2, 109000, 115000, 108500, 114000),   // best 115 000: trail 105 800
                      hour(3, 114000, 114500, 104000, 105000)};  // reversal through the trail
  for (int h = 4; h < 10; ++h) d.candles["BTC"].push_back(hour(h, 105000, 105100, 104900, 105000));
  return d;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("the story: entered, one profit tier, closed TRAILING_STOP with the expected PnL") {
  temp_dir dir;
  write_dataset(story(), dir.file("data"));
  const auto r = run_smartcopy(
      "backtest --data " + dir.file("data") + " --out " + dir.file("out") + " --set log.level=warn",
      "", dir.path.string());
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("report: ") != std::string::npos);
  const auto report = boost::json::parse(read_text(dir.file("out/report.json"))).as_object();
  CHECK(report.at("trades").as_int64() == 1);
  CHECK(report.at("winners").as_int64() == 1);
  CHECK(report.at("still_open").as_int64() == 0);
  CHECK(report.at("exits_by_reason").at("TRAILING_STOP").as_int64() == 1);
  CHECK(report.at("signals_by_decision").at("EXECUTE").as_int64() == 1);
  // 7 500 USD at ~100 021 (0.075 BTC): a quarter sold at the 115 000 tier, the rest at the
  // 104 000 low that crossed the 105 800 trail, less slippage and 0.045 % fees ≈ +497 USD.
  const double pnl = report.at("our_pnl_usd").as_double();
  CHECK(pnl == doctest::Approx(497).epsilon(0.03));
  CHECK(report.at("end_equity_usd").as_double() == doctest::Approx(100000 + pnl).epsilon(1e-9));
  // Had we exited with the trader at 105 000: 0.075 × (105 000 − 100 021) − fees ≈ +363 USD.
  CHECK(report.at("trader_exit_pnl_usd").as_double() == doctest::Approx(363).epsilon(0.05));
}

TEST_CASE("the same data twice gives a byte-identical report; a longer delay changes it") {
  temp_dir dir;
  write_dataset(story(), dir.file("data"));
  const std::string base = "backtest --data " + dir.file("data") + " --set log.level=warn --out ";
  REQUIRE(run_smartcopy(base + dir.file("a"), "", dir.path.string()).exit_code == 0);
  REQUIRE(run_smartcopy(base + dir.file("b"), "", dir.path.string()).exit_code == 0);
  const std::string a = read_text(dir.file("a/report.json"));
  CHECK_FALSE(a.empty());
  CHECK(a == read_text(dir.file("b/report.json")));

  // Confirming 8 h 20 min after the trade finds the trader's BTC position closed at +8 h.
  REQUIRE(run_smartcopy(base + dir.file("c") + " --set entry.copy_delay_minutes=500", "",
                        dir.path.string())
              .exit_code == 0);
  const auto delayed = boost::json::parse(read_text(dir.file("c/report.json"))).as_object();
  CHECK(delayed.at("trades").as_int64() == 0);
  CHECK(delayed.at("signals_by_decision").at("SKIP_REVERSED_AFTER_DELAY").as_int64() == 1);
}

TEST_CASE("a missing dataset is a clear error") {
  temp_dir dir;
  const auto r = run_smartcopy("backtest --data " + dir.path.string(), "", dir.path.string());
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("manifest.json") != std::string::npos);
}
