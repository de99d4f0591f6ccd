// SPEC §9: `smartcopy backtest` on a hand-made dataset with a known story — one scored trader,
// one Open BTC Long, a price path that rises then reverses — through the real binary.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "backtest/story_dataset.hpp"
#include "support/run_binary.hpp"
#include "support/temp_dir.hpp"

using namespace smartcopy;
using story::read_text;

TEST_CASE("the story: entered, one profit tier, closed TRAILING_STOP with the expected PnL") {
  temp_dir dir;
  write_dataset(story::make(), dir.file("data"));
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
  write_dataset(story::make(), dir.file("data"));
  const std::string base = "backtest --data " + dir.file("data") + " --set log.level=warn --out ";
  REQUIRE(run_smartcopy(base + dir.file("a"), "", dir.path.string()).exit_code == 0);
  REQUIRE(run_smartcopy(base + dir.file("b"), "", dir.path.string()).exit_code == 0);
  const std::string a = read_text(dir.file("a/report.json"));
  CHECK_FALSE(a.empty());
  CHECK(a == read_text(dir.file("b/report.json")));
  // SPEC §9.3: report.html is drawn from the same values, so it repeats byte for byte too.
  const std::string html = read_text(dir.file("a/report.html"));
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html == read_text(dir.file("b/report.html")));

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
