// SPEC §6 step 4 and §7; execution-plan Phase 10.1, 10.2, 10.6.
#include <doctest/doctest.h>

#include "strategy/exits.hpp"
#include "strategy_test_helpers.hpp"

using namespace smartcopy;
using namespace smartcopy::strategy;
using smartcopy::strategy::test::at_hours;
using smartcopy::strategy::test::inf;
using smartcopy::strategy::test::make_trade;
using smartcopy::strategy::test::qnan;

TEST_CASE("Phase 10.1 / SPEC §6 step 4: hard stop and initial trailing stop") {
  const stops_settings s;  // 5 % stop, 8 % trail
  CHECK(*hard_stop_price(100, side::long_, s) == doctest::Approx(95));
  CHECK(*hard_stop_price(100, side::short_, s) == doctest::Approx(105));
  CHECK(*initial_trailing_stop(100, side::long_, s) == doctest::Approx(92));
  CHECK(*initial_trailing_stop(100, side::short_, s) == doctest::Approx(108));
  for (double bad : {0.0, -100.0, qnan, inf}) {
    CHECK_FALSE(hard_stop_price(bad, side::long_, s));
    CHECK_FALSE(initial_trailing_stop(bad, side::short_, s));
  }
  stops_settings negative;
  negative.stop_loss_percent = -5;
  CHECK_FALSE(hard_stop_price(100, side::long_, negative));
}

TEST_CASE("Phase 10.1 / SPEC §7 step 1: trailing stop follows new highs and never loosens") {
  const stops_settings s;
  trailing_state st{100, 92};
  st = *update_trailing_stop(st, side::long_, 115, s);
  CHECK(st.best_price == 115);
  CHECK(st.trail_price == doctest::Approx(105.8));  // 115 × 0.92
  st = *update_trailing_stop(st, side::long_, 112, s);
  CHECK(st.best_price == 115);
  CHECK(st.trail_price == doctest::Approx(105.8));
  // A new high whose 8 % trail (101 × 0.92 = 92.92) is below the current trail (99, e.g. after a
  // ratchet) moves the best price but not the trail: the trail never loosens.
  trailing_state high_trail{100, 99};
  high_trail = *update_trailing_stop(high_trail, side::long_, 101, s);
  CHECK(high_trail.best_price == 101);
  CHECK(high_trail.trail_price == 99);
}

TEST_CASE("SPEC §7 step 1: short trailing stop mirrors") {
  const stops_settings s;
  trailing_state st{100, 108};
  st = *update_trailing_stop(st, side::short_, 90, s);
  CHECK(st.best_price == 90);
  CHECK(st.trail_price == doctest::Approx(97.2));  // 90 × 1.08
  st = *update_trailing_stop(st, side::short_, 95, s);
  CHECK(st.trail_price == doctest::Approx(97.2));
  CHECK_FALSE(update_trailing_stop(st, side::short_, qnan, s));
  CHECK_FALSE(update_trailing_stop(st, side::short_, -1, s));
  CHECK_FALSE(update_trailing_stop({0, 0}, side::short_, 90, s));
}

TEST_CASE("SPEC §7 step 2: trailing trigger") {
  CHECK(*trailing_stop_triggered(side::long_, 105.8, 105.8));  // touching triggers
  CHECK(*trailing_stop_triggered(side::long_, 100, 105.8));
  CHECK_FALSE(*trailing_stop_triggered(side::long_, 106, 105.8));
  CHECK(*trailing_stop_triggered(side::short_, 97.2, 97.2));
  CHECK(*trailing_stop_triggered(side::short_, 99, 97.2));
  CHECK_FALSE(*trailing_stop_triggered(side::short_, 96, 97.2));
  const auto bad = trailing_stop_triggered(side::long_, qnan, 100);
  CHECK_FALSE(bad);
  CHECK(bad.error().find("mark") != std::string::npos);
}

TEST_CASE("Phase 10.2 / SPEC §7 step 3: time stop") {
  const stops_settings s;  // 72 h
  CHECK(time_stop_due(at_hours(0), at_hours(73), s));
  CHECK_FALSE(time_stop_due(at_hours(0), at_hours(71), s));
  CHECK(time_stop_due(at_hours(0), at_hours(72), s));  // exactly 72 h: "≥"
  CHECK_FALSE(time_stop_due(at_hours(0), at_hours(71.999), s));
}

TEST_CASE("SPEC §7 step 4: unrealized percent") {
  CHECK(*unrealized_percent(100, 110, side::long_) == doctest::Approx(10));
  CHECK(*unrealized_percent(100, 90, side::short_) == doctest::Approx(10));
  CHECK(*unrealized_percent(100, 110, side::short_) == doctest::Approx(-10));
  CHECK_FALSE(unrealized_percent(0, 110, side::long_));
  CHECK_FALSE(unrealized_percent(100, inf, side::long_));
}

TEST_CASE("SPEC §7 step 4: profit tiers fire once, lowest first, on the remaining size") {
  const stops_settings s;  // [10 %, 0.25] [20 %, 0.33] [40 %, 0.50]
  // +9.99 %: nothing.
  CHECK(profit_tier_fills(100, 109.99, side::long_, 0, 1.0, s)->empty());
  // +10 % exactly: tier 1 on 1.0 → close 0.25, 0.75 left.
  const auto one = *profit_tier_fills(100, 110, side::long_, 0, 1.0, s);
  REQUIRE(one.size() == 1);
  CHECK(one[0].tier_number == 1);
  CHECK(one[0].close_size == doctest::Approx(0.25));
  CHECK(one[0].remaining_after == doctest::Approx(0.75));
  // Tier 1 taken already: +15 % fires nothing more.
  CHECK(profit_tier_fills(100, 115, side::long_, 1, 0.75, s)->empty());
  // A jump to +45 % from nothing taken: three tiers on one update.
  // 1.0 → −0.25 → 0.75 → −0.2475 (0.33 × 0.75) → 0.5025 → −0.25125 → 0.25125.
  const auto all = *profit_tier_fills(100, 145, side::long_, 0, 1.0, s);
  REQUIRE(all.size() == 3);
  CHECK(all[1].tier_number == 2);
  CHECK(all[1].close_size == doctest::Approx(0.2475));
  CHECK(all[2].tier_number == 3);
  CHECK(all[2].close_size == doctest::Approx(0.25125));
  CHECK(all[2].remaining_after == doctest::Approx(0.25125));
  // Shorts gain when the mark falls: 100 → 80 is +20 %: tiers 2 after tier 1.
  const auto shorts = *profit_tier_fills(100, 80, side::short_, 1, 0.75, s);
  REQUIRE(shorts.size() == 1);
  CHECK(shorts[0].tier_number == 2);
  // All taken: nothing even far above.
  CHECK(profit_tier_fills(100, 500, side::long_, 3, 0.25, s)->empty());
}

TEST_CASE("SPEC §7 step 4: tiers configured out of order fire lowest first; bad tiers refused") {
  stops_settings s;
  s.profit_tiers = {{40, 0.5}, {10, 0.25}};
  const auto f = *profit_tier_fills(100, 111, side::long_, 0, 2.0, s);
  REQUIRE(f.size() == 1);
  CHECK(f[0].gain_percent == 10);
  CHECK(f[0].close_size == doctest::Approx(0.5));
  s.profit_tiers.clear();  // an empty list disables tiers
  CHECK(profit_tier_fills(100, 200, side::long_, 0, 1.0, s)->empty());
  s.profit_tiers = {{10, 1.5}};
  CHECK_FALSE(profit_tier_fills(100, 200, side::long_, 0, 1.0, s));
  s.profit_tiers = {{qnan, 0.5}};
  CHECK_FALSE(profit_tier_fills(100, 200, side::long_, 0, 1.0, s));
  s.profit_tiers = {{10, 0.5}};
  CHECK_FALSE(profit_tier_fills(100, 200, side::long_, 0, qnan, s));
  CHECK_FALSE(profit_tier_fills(100, 200, side::long_, -1, 1.0, s));
}

TEST_CASE("Phase 10.6 / SPEC §7 step 6: copied trader gone") {
  trader_snapshot snap;
  snap.address = "0xtrader";
  trader_position p;
  p.token = "BTC";
  p.position_side = side::long_;
  snap.positions.push_back(p);
  const auto now = at_hours(10);
  CHECK(trader_gone_decision("BTC", side::long_, snap, {}, now) == trader_exit::still_holds);

  const trader_snapshot flat;
  CHECK(trader_gone_decision("BTC", side::long_, flat, {}, now) == trader_exit::liquidated);
  const std::vector<trade> closed_recently{
      make_trade(trade_action::close, "BTC", side::long_, 9.5)};
  CHECK(trader_gone_decision("BTC", side::long_, flat, closed_recently, now) ==
        trader_exit::exited_normally);
  const std::vector<trade> exactly_an_hour{make_trade(trade_action::close, "BTC", side::long_, 9)};
  CHECK(trader_gone_decision("BTC", side::long_, flat, exactly_an_hour, now) ==
        trader_exit::exited_normally);
  const std::vector<trade> old_close{make_trade(trade_action::close, "BTC", side::long_, 8.9)};
  CHECK(trader_gone_decision("BTC", side::long_, flat, old_close, now) == trader_exit::liquidated);
  const std::vector<trade> unrelated{
      make_trade(trade_action::close, "ETH", side::long_, 9.5),
      make_trade(trade_action::close, "BTC", side::short_, 9.5),
      make_trade(trade_action::reduce, "BTC", side::long_, 9.5),
      make_trade(trade_action::liquidation, "BTC", side::long_, 9.5)};
  CHECK(trader_gone_decision("BTC", side::long_, flat, unrelated, now) == trader_exit::liquidated);
}

TEST_CASE("SPEC §7.3: ratchet the exchange stop to the trailing level") {
  const stops_settings s;
  const auto now = at_hours(5);
  // Long: stop 95, trail 105.8 → 11.4 % tighter: replace.
  CHECK(ratchet_decision(side::long_, 105.8, 95, std::nullopt, now, s).replace);
  // 0.5 % exactly is not "more than 0.5 %" (stop 100, trail 100.5).
  CHECK_FALSE(ratchet_decision(side::long_, 100.5, 100, std::nullopt, now, s).replace);
  CHECK(ratchet_decision(side::long_, 100.51, 100, std::nullopt, now, s).replace);
  // Trail looser than the stop: never.
  CHECK_FALSE(ratchet_decision(side::long_, 92, 95, std::nullopt, now, s).replace);
  // Short: stop 105, trail 97.2 is tighter.
  CHECK(ratchet_decision(side::short_, 97.2, 105, std::nullopt, now, s).replace);
  CHECK_FALSE(ratchet_decision(side::short_, 108, 105, std::nullopt, now, s).replace);
  // At most once per 5 min.
  const auto recent = ratchet_decision(side::long_, 105.8, 95, now - minutes{4}, now, s);
  CHECK_FALSE(recent.replace);
  CHECK(recent.detail.find("5 min") != std::string::npos);
  CHECK(ratchet_decision(side::long_, 105.8, 95, now - minutes{5}, now, s).replace);
  stops_settings off;
  off.ratchet_exchange_stop = false;
  CHECK_FALSE(ratchet_decision(side::long_, 105.8, 95, std::nullopt, now, off).replace);
  CHECK_FALSE(ratchet_decision(side::long_, qnan, 95, std::nullopt, now, s).replace);
  CHECK_FALSE(ratchet_decision(side::long_, 105.8, 0, std::nullopt, now, s).replace);
}
