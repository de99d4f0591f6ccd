// SPEC §9.3: the report tells the truth about positions still open when the data ends — they
// are valued at their token's last candle close, and the end equity includes that unrealized
// PnL, stated apart from the realized equity.
#include <doctest/doctest.h>

#include <boost/json.hpp>
#include <cmath>

#include "backtest/story_dataset.hpp"
#include "backtest/synth_backtest.hpp"
#include "support/run_binary.hpp"
#include "support/temp_dir.hpp"

TEST_CASE("a position open at the end is marked at the last close, in the end equity") {
  temp_dir dir;
  // The story cut after hour 2: the Long took its 115 000 profit tier and is still open at
  // 114 000, the last close.
  smartcopy::write_dataset(story::make("BTC", 3), dir.file("data"));
  const auto r = run_smartcopy(
      "backtest --data " + dir.file("data") + " --out " + dir.file("out") + " --set log.level=warn",
      "", dir.path.string());
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("unrealized +") != std::string::npos);
  const auto report = boost::json::parse(story::read_text(dir.file("out/report.json"))).as_object();
  CHECK(report.at("trades").as_int64() == 0);
  REQUIRE(report.at("still_open").as_int64() == 1);
  const auto& open = report.at("open_positions").at(0).as_object();
  CHECK(open.at("mark_price").as_double() == 114000);
  // 0.075 BTC bought near 100 021, a quarter sold at the tier: 0.05625 BTC × (114 000 − entry).
  const double entry = open.at("entry_price").as_double();
  const double remaining = open.at("remaining_size").as_double();
  CHECK(remaining == doctest::Approx(0.05625).epsilon(0.03));
  const double unrealized = report.at("unrealized_pnl_usd").as_double();
  CHECK(unrealized == doctest::Approx((114000 - entry) * remaining).epsilon(1e-9));
  CHECK(unrealized == doctest::Approx(786).epsilon(0.05));
  // The tier's realized profit, net of fees, is in the realized equity; the end equity adds the
  // unrealized PnL (a realized-only report would say 100 000 and hide both).
  const double realized_equity = report.at("realized_end_equity_usd").as_double();
  CHECK(realized_equity - 100000 == doctest::Approx(0.01875 * (115000 - entry)).epsilon(0.1));
  const double end_equity = report.at("end_equity_usd").as_double();
  CHECK(end_equity == doctest::Approx(realized_equity + unrealized).epsilon(1e-12));
  CHECK(report.at("total_return_percent").as_double() ==
        doctest::Approx((end_equity / 100000 - 1) * 100).epsilon(1e-9));
  const auto& curve = report.at("equity_curve").as_array();
  CHECK(curve.back().at(0).as_string() == "2026-01-01T03:00:00.000Z");
  CHECK(curve.back().at(1).as_double() == end_equity);
}

TEST_CASE("the equity curve is marked to market at every UTC midnight, not only at closes") {
  const auto& report = synthesized().report;
  const auto& curve = report.at("equity_curve").as_array();
  const auto& closed = report.at("closed_positions").as_array();
  REQUIRE(closed.size() > 0);
  // SPEC §9.3 Sharpe and Sortino use daily returns: the 14 days' 13 inner midnights are points.
  int midnights = 0, marked = 0;
  for (const auto& point : curve) {
    const std::string t(point.at(0).as_string());
    if (t.substr(10) != "T00:00:00.000Z" || t == report.at("start").as_string() ||
        t == report.at("end").as_string())
      continue;
    ++midnights;
    // The realized-only equity then: the start plus the PnL of the positions closed by t.
    double realized = report.at("start_equity_usd").as_double();
    for (const auto& p : closed)
      if (std::string(p.at("closed_at").as_string()) <= t) realized += p.at("pnl_usd").as_double();
    // More than the entry fees of the few positions open at once: a price move.
    marked += std::abs(point.at(1).as_double() - realized) > 50;
  }
  CHECK(midnights == 13);
  // Open positions move the equity between closes (a realized-only curve never would).
  CHECK(marked >= 3);
}
