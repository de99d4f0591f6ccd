// SPEC §3 "style": average hold time and classify_trader_style.
#include <doctest/doctest.h>

#include "strategy/trader_style.hpp"
#include "strategy_test_helpers.hpp"

using namespace smartcopy;
using namespace smartcopy::strategy;
using smartcopy::strategy::test::at_hours;
using smartcopy::strategy::test::make_trade;
using smartcopy::strategy::test::qnan;

TEST_CASE("SPEC §3: average hold time matches each Open with the first later unused Close") {
  const auto now = at_hours(100);
  CHECK(average_hold_hours({}, now) == 0);  // no opens
  // Given out of order: BTC long opens at 0 and 2, closes at 5 and 9 → holds 5 and 7.
  // ETH short open at 10 never closed → 90 h until now. A BTC short close is not a match.
  const std::vector<trade> trades{
      make_trade(trade_action::close, "BTC", side::long_, 9),
      make_trade(trade_action::open, "BTC", side::long_, 2),
      make_trade(trade_action::close, "BTC", side::short_, 3),
      make_trade(trade_action::open, "ETH", side::short_, 10),
      make_trade(trade_action::open, "BTC", side::long_, 0),
      make_trade(trade_action::close, "BTC", side::long_, 5),
  };
  CHECK(average_hold_hours(trades, now) == doctest::Approx((5.0 + 7.0 + 90.0) / 3));
  // A Close before its Open is not "later": the open runs until now.
  const std::vector<trade> early_close{make_trade(trade_action::close, "SOL", side::long_, 1),
                                       make_trade(trade_action::open, "SOL", side::long_, 2)};
  CHECK(average_hold_hours(early_close, now) == doctest::Approx(98));
  // One close only, no open: 0.
  CHECK(average_hold_hours({make_trade(trade_action::close, "SOL", side::long_, 1)}, now) == 0);
  // An Open stamped after now counts 0 h, not negative.
  CHECK(average_hold_hours({make_trade(trade_action::open, "SOL", side::long_, 101)}, now) == 0);
}

TEST_CASE("SPEC §3: style thresholds") {
  CHECK(style_for(5.1, 3.9) == trader_style::hft);
  CHECK(style_for(5.0, 3.9) == trader_style::swing);    // "> 5" per day
  CHECK(style_for(5.1, 4.0) == trader_style::swing);    // "< 4" hours
  CHECK(style_for(0.3, 335.9) == trader_style::swing);  // "≥ 0.3"
  CHECK(style_for(0.29, 10) == trader_style::position);
  CHECK(style_for(1, 336) == trader_style::position);  // "< 336"
}

TEST_CASE("SPEC §3: classify_trader_style over 90 days") {
  const auto now = at_hours(90 * 24);
  // 460 trades in 90 days (5.11/day), 230 open/close pairs held 1 h: HFT.
  std::vector<trade> busy;
  for (int i = 0; i < 230; ++i) {
    busy.push_back(make_trade(trade_action::open, "BTC", side::long_, i * 9.0));
    busy.push_back(make_trade(trade_action::close, "BTC", side::long_, i * 9.0 + 1));
  }
  const auto hft = *classify_trader_style(busy, now);
  CHECK(hft.trades_per_day == doctest::Approx(460.0 / 90));
  CHECK(hft.avg_hold_hours == doctest::Approx(1));
  CHECK(hft.style == trader_style::hft);
  // 30 trades (0.33/day), held 24 h: SWING.
  std::vector<trade> swing;
  for (int i = 0; i < 15; ++i) {
    swing.push_back(make_trade(trade_action::open, "ETH", side::short_, i * 100.0));
    swing.push_back(make_trade(trade_action::close, "ETH", side::short_, i * 100.0 + 24));
  }
  CHECK(classify_trader_style(swing, now)->style == trader_style::swing);
  // No trades at all: 0/day → POSITION.
  CHECK(classify_trader_style({}, now)->style == trader_style::position);
  CHECK_FALSE(classify_trader_style(swing, now, 0));
  CHECK_FALSE(classify_trader_style(swing, now, qnan));
}
