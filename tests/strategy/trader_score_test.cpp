// SPEC §3 score components and compute_trader_score.
#include <doctest/doctest.h>

#include "strategy/trader_score.hpp"
#include "strategy_test_helpers.hpp"

using namespace smartcopy;
using namespace smartcopy::strategy;
using smartcopy::strategy::test::at_hours;
using smartcopy::strategy::test::inf;
using smartcopy::strategy::test::make_trade;
using smartcopy::strategy::test::qnan;

namespace {
trade close_with(double pnl, double value, double hours = 0) {
  auto t = make_trade(trade_action::close, "BTC", side::long_, hours, 1, value);
  t.closed_pnl = pnl;
  return t;
}

trader_position position(double value, std::optional<double> leverage) {
  trader_position p;
  p.token = "BTC";
  p.position_value_usd = value;
  p.leverage = leverage;
  return p;
}
}  // namespace

TEST_CASE("SPEC §3: closes, win rate and returns") {
  // Closes with pnl 10, −5, 0, 20 on values 100, 100, 0, 200; an Open is ignored.
  const std::vector<trade> trades{close_with(10, 100), close_with(-5, 100), close_with(0, 0),
                                  close_with(20, 200),
                                  make_trade(trade_action::open, "BTC", side::long_, 0)};
  const auto s = *summarize_closes(trades);
  CHECK(s.nof_trades == 4);
  CHECK(s.win_rate == doctest::Approx(0.5));  // 2 of 4 (0 pnl is not a win)
  REQUIRE(s.returns.size() == 3);             // value 0 has no return
  CHECK(s.returns[0] == doctest::Approx(0.1));
  CHECK(s.returns[1] == doctest::Approx(-0.05));
  CHECK(s.returns[2] == doctest::Approx(0.1));
  // No trades / one close only.
  CHECK(summarize_closes({})->win_rate == 0);
  CHECK(summarize_closes({})->nof_trades == 0);
  const auto one = *summarize_closes({close_with(5, 50)});
  CHECK(one.win_rate == 1);
  CHECK(one.returns.size() == 1);
  CHECK_FALSE(summarize_closes({close_with(qnan, 100)}));
  CHECK(summarize_closes({close_with(1, inf)}).error().find("value_usd") != std::string::npos);
}

TEST_CASE("SPEC §3: pseudo-Sharpe") {
  // mean 0.2, sample stdev 0.1 → 2 / 3.
  CHECK(*pseudo_sharpe({0.1, 0.2, 0.3}) == doctest::Approx(2.0 / 3));
  CHECK(*pseudo_sharpe({0.1}) == 0);  // fewer than 2 returns
  CHECK(*pseudo_sharpe({}) == 0);
  CHECK(*pseudo_sharpe({0.1, 0.1}) == 0);    // stdev 0
  CHECK(*pseudo_sharpe({1.0, 1.1}) == 1);    // 14.8 / 3 clamped to 1
  CHECK(*pseudo_sharpe({-0.1, -0.2}) == 0);  // negative clamped to 0
  CHECK_FALSE(pseudo_sharpe({0.1, qnan}));
}

TEST_CASE("SPEC §3: consistency_score") {
  CHECK(*consistency_score(5, 20, 60) == doctest::Approx(1.0));  // weekly [5,5,5], variance 0
  // weekly [10, 5, 5]: variance 50/9 → 0.7 + 0.3 − 0.0556.
  CHECK(*consistency_score(10, 20, 60) == doctest::Approx(0.7 + 0.3 - 50.0 / 9 / 100));
  CHECK(*consistency_score(50, 4, 12) == doctest::Approx(0.7));  // large variance: no bonus
  CHECK(*consistency_score(5, 20, -1) == 0.5);
  CHECK(*consistency_score(0, 20, 60) == 0.5);  // 0 is not > 0
  CHECK(*consistency_score(5, 0, -3) == 0.2);
  CHECK(*consistency_score(-1, -1, -1) == 0.2);
  CHECK_FALSE(consistency_score(qnan, 1, 1));
  CHECK_FALSE(consistency_score(1, 1, inf));
}

TEST_CASE("SPEC §3: smart-money bonus") {
  CHECK(smart_money_bonus("Fund", false) == 1.0);
  CHECK(smart_money_bonus("Smart HL Perps Trader", false) == 0.8);
  CHECK(smart_money_bonus("Whale", true) == 0.8);  // the feed is smart money [decision]
  CHECK(smart_money_bonus("", true) == 0.8);
  CHECK(smart_money_bonus("Whale", false) == 0.5);
  CHECK(smart_money_bonus("", false) == 0.0);
}

TEST_CASE("SPEC §3: risk management from value-weighted leverage") {
  // L = (5 × 10k + 10 × 30k) / 40k = 8.75 → 1 − 7.75 / 20.
  const std::vector<trader_position> ps{position(10'000, 5.0), position(-30'000, 10.0),
                                        position(50'000, std::nullopt)};
  CHECK(*value_weighted_leverage(ps) == doctest::Approx(8.75));
  CHECK(*risk_management_score(ps) == doctest::Approx(1 - 7.75 / 20));
  CHECK(*risk_management_score({}) == 1);                   // flat
  CHECK(*risk_management_score({position(1, 25.0)}) == 0);  // clamped
  CHECK_FALSE(risk_management_score({position(1, -2.0)}));
  CHECK_FALSE(risk_management_score({position(qnan, 2.0)}));
}

TEST_CASE("SPEC §3: recency decay") {
  const auto now = at_hours(28 * 24);
  CHECK(*recency_factor(at_hours(14 * 24), now, 14) == doctest::Approx(0.5));
  CHECK(*recency_factor(at_hours(21 * 24), now, 14) == doctest::Approx(std::sqrt(0.5)));
  CHECK(*recency_factor(now, now, 14) == 1);
  CHECK(*recency_factor(at_hours(30 * 24), now, 14) == 1);  // future: no amplification
  CHECK(*recency_factor(std::nullopt, now, 14) == 0);       // no trades
  CHECK_FALSE(recency_factor(now, now, 0));
  CHECK_FALSE(recency_factor(now, now, qnan));
}

TEST_CASE("SPEC §3: compute_trader_score") {
  const auto now = at_hours(100 * 24);
  trader_row merged;
  merged.address = "0xa";
  merged.label = "Fund";
  merged.roi_7d = 5;
  merged.roi_30d = 20;
  merged.roi_90d = 60;  // weekly [5, 5, 5]: consistency 1.0
  // Three winning closes with returns 0.1, 0.2, 0.3 and three non-winning closes of value 0
  // (no return): win rate 3/6 = 0.5; newest trade 14 days before now.
  std::vector<trade> trades{close_with(10, 100, 86 * 24), close_with(20, 100, 80 * 24),
                            close_with(30, 100, 70 * 24), close_with(-1, 0, 60 * 24),
                            close_with(-1, 0, 50 * 24),   close_with(0, 0, 40 * 24)};
  const auto profile = *build_trader_profile(merged, trades, {}, false, now);
  CHECK(profile.row.nof_trades == 6);
  CHECK(profile.row.win_rate == doctest::Approx(0.5));
  CHECK(profile.newest_trade_at == at_hours(86 * 24));
  CHECK(profile.mean_leverage == 1);

  const selection_settings sel;
  const auto s = *compute_trader_score(profile, sel, now);
  CHECK(s.components.roi == doctest::Approx(0.6));
  CHECK(s.components.sharpe == doctest::Approx(2.0 / 3));
  CHECK(s.components.win_rate == doctest::Approx(0.5));
  CHECK(s.components.consistency == doctest::Approx(1.0));
  CHECK(s.components.smart_money == 1.0);
  CHECK(s.components.risk == 1.0);
  const double raw = 0.25 * 0.6 + 0.20 * (2.0 / 3) + 0.15 * 0.5 + 0.20 + 0.10 + 0.10;
  CHECK(s.raw == doctest::Approx(raw));
  CHECK(s.recency == doctest::Approx(0.5));
  CHECK(s.score == doctest::Approx(raw * 0.5));
}

TEST_CASE("SPEC §3: score components are clamped and the win-rate window applies") {
  const auto now = at_hours(0);
  trader_profile p;
  p.row.roi_90d = 250;    // → 1
  p.row.win_rate = 0.85;  // inside: counts
  p.newest_trade_at = now;
  const selection_settings sel;
  CHECK(compute_trader_score(p, sel, now)->components.roi == 1);
  CHECK(compute_trader_score(p, sel, now)->components.win_rate == doctest::Approx(0.85));
  p.row.win_rate = 0.35;
  CHECK(compute_trader_score(p, sel, now)->components.win_rate == doctest::Approx(0.35));
  p.row.win_rate = 0.851;
  CHECK(compute_trader_score(p, sel, now)->components.win_rate == 0);
  p.row.win_rate = 0.349;
  CHECK(compute_trader_score(p, sel, now)->components.win_rate == 0);
  p.row.roi_90d = -40;
  CHECK(compute_trader_score(p, sel, now)->components.roi == 0);
  p.row.roi_90d = qnan;
  CHECK_FALSE(compute_trader_score(p, sel, now));
  p.row.roi_90d = 10;
  p.mean_leverage = 0;
  CHECK_FALSE(compute_trader_score(p, sel, now));
  p.mean_leverage = 1;
  selection_settings bad = sel;
  bad.weights.roi = -0.25;
  CHECK_FALSE(compute_trader_score(p, bad, now));
  // No trades: recency 0, so the score is 0 whatever the components.
  p.newest_trade_at.reset();
  CHECK(compute_trader_score(p, sel, now)->score == 0);
}
