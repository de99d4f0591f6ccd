// SPEC §9.3: report metrics.
#include <doctest/doctest.h>

#include <cmath>

#include "strategy/metrics.hpp"
#include "strategy_test_helpers.hpp"

using namespace smartcopy;
using namespace smartcopy::strategy;
using smartcopy::strategy::test::at_hours;
using smartcopy::strategy::test::qnan;

namespace {
closed_trade trade_of(std::int64_t id, const std::string& token, side s, const std::string& trader,
                      double entry, double size, double pnl, double fees, double hours,
                      close_reason reason, double trader_exit) {
  closed_trade t;
  t.position_id = id;
  t.token = token;
  t.position_side = s;
  t.source_trader = trader;
  t.opened_at = at_hours(0);
  t.closed_at = at_hours(hours);
  t.entry_price = entry;
  t.size = size;
  t.pnl_usd = pnl;
  t.fees_usd = fees;
  t.reason = reason;
  t.trader_exit_price = trader_exit;
  return t;
}

// 100k → 110k (day 0, 12:00) → 99k (day 1, 12:00) → nothing on day 2 → 121k (day 3).
std::vector<equity_point> curve() {
  return {{at_hours(0), 100'000},
          {at_hours(12), 110'000},
          {at_hours(36), 99'000},
          {at_hours(72), 121'000}};
}
}  // namespace

TEST_CASE("SPEC §9.3: daily returns carry quiet days and start from the first point") {
  const auto r = *daily_returns(curve());
  // Day-end equity: start 100k, day0 110k, day1 99k, day2 99k (carried), day3 121k.
  REQUIRE(r.size() == 4);
  CHECK(r[0] == doctest::Approx(0.1));
  CHECK(r[1] == doctest::Approx(-0.1));
  CHECK(r[2] == doctest::Approx(0.0));
  CHECK(r[3] == doctest::Approx(121.0 / 99 - 1));
  CHECK(daily_returns({{at_hours(0), 100}})->size() == 1);  // one point: one zero return
}

TEST_CASE("SPEC §9.3: max drawdown with start and end") {
  const auto dd = *max_drawdown(curve());
  CHECK(dd.percent == doctest::Approx(10));  // 110k → 99k
  CHECK(dd.peak_at == at_hours(12));
  CHECK(dd.trough_at == at_hours(36));
  const auto rising = *max_drawdown({{at_hours(0), 1}, {at_hours(1), 2}});
  CHECK(rising.percent == 0);
  CHECK(rising.peak_at == at_hours(0));
}

TEST_CASE("SPEC §9.3: Sharpe and Sortino on daily returns, √365") {
  // mean 0.02, sample stdev √2 × 0.01 → √2 × √365 = √730.
  CHECK(*sharpe_ratio({0.01, 0.03}) == doctest::Approx(std::sqrt(730.0)));
  // mean 0.005, downside √(0.0001 / 2) → 0.005 / 0.00707 × √365 = √182.5.
  CHECK(*sortino_ratio({0.02, -0.01}) == doctest::Approx(std::sqrt(182.5)));
  CHECK_FALSE(sharpe_ratio({0.01}));         // one return
  CHECK_FALSE(sharpe_ratio({0.01, 0.01}));   // no variance
  CHECK_FALSE(sortino_ratio({0.01, 0.03}));  // no losing day
}

TEST_CASE("SPEC §9.3: trade statistics, exits by reason, our exits vs the traders'") {
  const std::vector<closed_trade> trades{
      // Long 10 BTC @ 100, net +50; the trader left at 110: 10 × 10 − 2 fees = 98.
      trade_of(1, "BTC", side::long_, "0xa", 100, 10, 50, 2, 10, close_reason::trailing_stop, 110),
      // Short 1 ETH @ 200, net −20; the trader left at 190: 10 − 1 = 9.
      trade_of(2, "ETH", side::short_, "0xa", 200, 1, -20, 1, 30, close_reason::stop_loss, 190),
      // Break-even BTC, time stop after 72 h.
      trade_of(3, "BTC", side::long_, "0xb", 100, 1, 0, 0, 72, close_reason::time_stop, 100)};
  const auto m = *compute_metrics(trades, curve());
  CHECK(m.trades == 3);
  CHECK(m.winners == 1);
  CHECK(m.losers == 1);
  CHECK(*m.win_rate == doctest::Approx(1.0 / 3));
  CHECK(*m.profit_factor == doctest::Approx(50.0 / 20));
  CHECK(*m.expectancy_usd == doctest::Approx(30.0 / 3));
  CHECK(*m.average_duration_hours == doctest::Approx((10.0 + 30 + 72) / 3));
  CHECK(m.exits_by_reason.at("TRAILING_STOP") == 1);
  CHECK(m.exits_by_reason.at("STOP_LOSS") == 1);
  CHECK(m.exits_by_reason.at("TIME_STOP") == 1);
  CHECK(m.by_token.at("BTC").trades == 2);
  CHECK(m.by_token.at("BTC").pnl_usd == 50);
  CHECK(m.by_trader.at("0xa").winners == 1);
  CHECK(m.by_trader.at("0xa").pnl_usd == 30);  // 50 − 20
  CHECK(m.our_pnl_usd == doctest::Approx(30));
  CHECK(m.trader_exit_pnl_usd == doctest::Approx(98 + 9 + 0));
  CHECK(trader_exit_pnl(trades[1]) == doctest::Approx(9));

  CHECK(m.start_equity_usd == 100'000);
  CHECK(m.end_equity_usd == 121'000);
  CHECK(m.total_return_percent == doctest::Approx(21));
  CHECK(m.max_drawdown.percent == doctest::Approx(10));
  REQUIRE(m.cagr_percent);
  REQUIRE(m.calmar);
  CHECK(*m.calmar == doctest::Approx(*m.cagr_percent / 10));
  CHECK(m.sharpe);
  CHECK(m.sortino);
}

TEST_CASE("SPEC §9.3: CAGR over whole years") {
  const auto one_year =
      *compute_metrics({}, {{at_hours(0), 100'000}, {at_hours(365 * 24), 121'000}});
  CHECK(*one_year.cagr_percent == doctest::Approx(21));
  const auto two_years =
      *compute_metrics({}, {{at_hours(0), 100'000}, {at_hours(730 * 24), 121'000}});
  CHECK(*two_years.cagr_percent == doctest::Approx(10));
  CHECK_FALSE(two_years.calmar);  // no drawdown: undefined, not infinite
}

TEST_CASE("SPEC §9.3: no trades and a single point give undefined ratios, not numbers") {
  const auto m = *compute_metrics({}, {{at_hours(0), 100'000}});
  CHECK(m.trades == 0);
  CHECK_FALSE(m.win_rate);
  CHECK_FALSE(m.profit_factor);
  CHECK_FALSE(m.expectancy_usd);
  CHECK_FALSE(m.average_duration_hours);
  CHECK_FALSE(m.cagr_percent);
  CHECK_FALSE(m.sharpe);
  CHECK(m.total_return_percent == 0);
}

TEST_CASE("SPEC §9.3: bad inputs are rejected with a reason") {
  CHECK(compute_metrics({}, {}).error() == "equity curve is empty");
  CHECK_FALSE(compute_metrics({}, {{at_hours(0), 0}}));
  CHECK_FALSE(compute_metrics({}, {{at_hours(0), 100}, {at_hours(1), qnan}}));
  CHECK(
      compute_metrics({}, {{at_hours(1), 100}, {at_hours(0), 100}}).error().find("back in time") !=
      std::string::npos);
  auto t = trade_of(9, "BTC", side::long_, "0xa", 100, 1, qnan, 0, 1, close_reason::manual, 100);
  CHECK(compute_metrics({t}, curve()).error().find("position 9") != std::string::npos);
  t.pnl_usd = 1;
  t.closed_at = at_hours(-1);
  CHECK_FALSE(compute_metrics({t}, curve()));
  t.closed_at = at_hours(1);
  t.trader_exit_price = 0;
  CHECK_FALSE(compute_metrics({t}, curve()));
}

TEST_CASE("SPEC §9.3: signals by decision reason") {
  const auto counts =
      count_by_decision({decision::execute, decision::skip_too_old, decision::skip_too_old});
  CHECK(counts.at("EXECUTE") == 1);
  CHECK(counts.at("SKIP_TOO_OLD") == 2);
  CHECK(counts.size() == 2);
}

TEST_CASE("SPEC §9.3: the trader's exit is its first Close of the token and side after our entry") {
  const utc_time t0 = *parse_iso8601("2026-01-01T00:00:00Z");
  const auto row = [&](const char* token, side s, trade_action a, double price, int h) {
    trade t;
    t.token = token;
    t.position_side = s;
    t.action = a;
    t.price = price;
    t.timestamp = t0 + hours(h);
    return t;
  };
  const std::vector<trade> trades{
      row("BTC", side::long_, trade_action::close, 90000, -1),  // before our entry
      row("BTC", side::short_, trade_action::close, 91000, 1),  // other side
      row("ETH", side::long_, trade_action::close, 3000, 2),    // other token
      row("BTC", side::long_, trade_action::reduce, 92000, 3),  // not a Close
      row("BTC", side::long_, trade_action::close, 105000, 4),  // this one
      row("BTC", side::long_, trade_action::close, 99000, 6)};
  CHECK(trader_exit_price(trades, "BTC", side::long_, t0, 100) == 105000);
  CHECK(trader_exit_price(trades, "BTC", side::long_, t0 + hours(5), 100) == 99000);
  CHECK(trader_exit_price(trades, "BTC", side::long_, t0 + hours(7), 100) == 100);  // the end
  CHECK(trader_exit_price({}, "SOL", side::short_, t0, 150) == 150);
}
