// SPEC §4 steps 1-7 and execution-plan Phase 10.3 / 10.5.
#include <doctest/doctest.h>

#include "strategy/entry_gates.hpp"
#include "strategy_test_helpers.hpp"

using namespace smartcopy;
using namespace smartcopy::strategy;
using smartcopy::strategy::test::at_hours;
using smartcopy::strategy::test::inf;
using smartcopy::strategy::test::make_trade;
using smartcopy::strategy::test::qnan;

namespace {
trader_snapshot holding(const std::string& address, const std::string& token, side s,
                        double value = 50'000) {
  trader_snapshot snap;
  snap.address = address;
  snap.account_value = 500'000;
  trader_position p;
  p.address = address;
  p.token = token;
  p.position_side = s;
  p.position_value_usd = value;
  snap.positions.push_back(p);
  return snap;
}
}  // namespace

TEST_CASE("Phase 10.5 / SPEC §4 step 1: action filter") {
  const filters_settings f;  // add_max_age_hours = 2
  const auto open = make_trade(trade_action::open, "BTC", side::long_, 0);
  CHECK(action_filter(open, std::nullopt, f).passed);

  const auto add_1h = make_trade(trade_action::add, "BTC", side::long_, 1);
  const auto add_2h = make_trade(trade_action::add, "BTC", side::long_, 2);
  const auto add_3h = make_trade(trade_action::add, "BTC", side::long_, 3);
  CHECK(action_filter(add_1h, at_hours(0), f).passed);
  CHECK(action_filter(add_2h, at_hours(0), f).passed);  // exactly add_max_age_hours: "at most"
  const auto too_old = action_filter(add_3h, at_hours(0), f);
  CHECK_FALSE(too_old.passed);
  CHECK(too_old.code == decision::skip_add_too_old);
  CHECK(action_filter(add_1h, std::nullopt, f).code == decision::skip_add_no_open);
  CHECK(action_filter(add_1h, at_hours(1.5), f).code == decision::skip_add_no_open);

  for (auto a : {trade_action::reduce, trade_action::close, trade_action::liquidation,
                 trade_action::other}) {
    const auto r = action_filter(make_trade(a, "BTC", side::long_, 0), at_hours(0), f);
    CHECK_FALSE(r.passed);
    CHECK(r.code == decision::skip_action_type);
  }
}

TEST_CASE("SPEC §4 step 1: the Open look-up for an Add") {
  const auto add = make_trade(trade_action::add, "BTC", side::long_, 5);
  std::vector<trade> history{
      make_trade(trade_action::open, "BTC", side::long_, 1),
      make_trade(trade_action::open, "BTC", side::long_, 4),     // the latest before the add
      make_trade(trade_action::open, "BTC", side::long_, 6),     // after the add: ignored
      make_trade(trade_action::open, "BTC", side::short_, 4.5),  // other side
      make_trade(trade_action::open, "ETH", side::long_, 4.5),   // other token
      make_trade(trade_action::add, "BTC", side::long_, 4.8),    // not an Open
  };
  auto other_trader = make_trade(trade_action::open, "BTC", side::long_, 4.9);
  other_trader.trader_address = "0xsomeoneelse";
  history.push_back(other_trader);
  const auto found = find_open_for_add(add, history);
  REQUIRE(found);
  CHECK(*found == at_hours(4));
  CHECK_FALSE(find_open_for_add(add, {}));
}

TEST_CASE("SPEC §4 step 2: minimum trade value per token") {
  const filters_settings f;  // BTC 50k, ETH 25k, SOL 10k, HYPE 5k, default 5k
  CHECK(*min_trade_value_for("BTC", f) == 50'000);
  CHECK(*min_trade_value_for("DOGE", f) == 5'000);
  auto btc = make_trade(trade_action::open, "BTC", side::long_, 0, 0.5, 100'000);  // 50 000
  CHECK(minimum_size_gate(btc, f).passed);  // exactly the minimum passes (≥)
  btc.value_usd = 49'999.99;
  CHECK(minimum_size_gate(btc, f).code == decision::skip_size_too_small);
  auto doge = make_trade(trade_action::open, "DOGE", side::long_, 0, 10'000, 0.4);  // 4 000
  CHECK(minimum_size_gate(doge, f).code == decision::skip_size_too_small);
  doge.value_usd = qnan;
  CHECK(minimum_size_gate(doge, f).code == decision::skip_size_too_small);
  filters_settings no_default;
  no_default.min_trade_value_usd = {{"BTC", 50'000}};
  CHECK_FALSE(min_trade_value_for("DOGE", no_default));
  const auto closed =
      minimum_size_gate(make_trade(trade_action::open, "DOGE", side::long_, 0, 1e9, 1), no_default);
  CHECK(closed.code == decision::skip_size_too_small);  // fails closed without a threshold
}

TEST_CASE("SPEC §4 step 3: account value, position value and weights") {
  CHECK(*account_value_for_weight(400'000.0, 500'000) == 400'000);
  CHECK(*account_value_for_weight(0.0, 500'000) == 500'000);
  CHECK(*account_value_for_weight(qnan, 500'000) == 500'000);
  CHECK(*account_value_for_weight(std::nullopt, 500'000) == 500'000);
  CHECK_FALSE(account_value_for_weight(std::nullopt, 0));
  CHECK_FALSE(account_value_for_weight(-1.0, qnan));

  // Open without a snapshot: the trade's own value (start_position 0): 2 × 100 = 200.
  auto open = make_trade(trade_action::open, "BTC", side::long_, 0, 2, 100);
  CHECK(*position_value_after_trade(open, nullptr) == 200);
  // Add reconstructed: (|−3| + 2) × 100 = 500 (a short's start_position is negative).
  auto add = make_trade(trade_action::add, "BTC", side::short_, 0, 2, 100);
  add.start_position = -3;
  CHECK(*position_value_after_trade(add, nullptr) == 500);
  // With a snapshot holding it: the whole position's value.
  const auto snap = holding("0xtrader", "BTC", side::short_, 80'000);
  CHECK(*position_value_after_trade(add, &snap) == 80'000);
  add.start_position = qnan;
  CHECK_FALSE(position_value_after_trade(add, nullptr));

  const filters_settings f;  // position ≥ 0.10, trade ≥ 0.05
  // A = 500k: position 60k → 0.12, trade 30k → 0.06: passes.
  CHECK(weight_gate(60'000, 30'000, 500'000.0, f).passed);
  CHECK(weight_gate(50'000, 25'000, 500'000.0, f).passed);  // exactly 0.10 and 0.05
  CHECK(weight_gate(40'000, 30'000, 500'000.0, f).code == decision::skip_low_weight);
  // An Add into a big position: position weight 0.2 but the add itself 0.02.
  CHECK(weight_gate(100'000, 10'000, 500'000.0, f).code == decision::skip_low_confidence);
  CHECK(weight_gate(60'000, 30'000, std::nullopt, f).code == decision::skip_low_weight);
  CHECK(weight_gate(60'000, 30'000, 0.0, f).code == decision::skip_low_weight);
  CHECK(weight_gate(qnan, 30'000, 500'000.0, f).code == decision::skip_low_weight);
  CHECK(weight_gate(60'000, -1, 500'000.0, f).code == decision::skip_low_confidence);
  CHECK(*position_weight(60'000, 500'000) == doctest::Approx(0.12));
  CHECK_FALSE(position_weight(60'000, 0));
}

TEST_CASE("SPEC §4 step 4: confirmation delay defers, then needs the position still held") {
  const entry_settings e;  // 15 min
  const auto t = make_trade(trade_action::open, "ETH", side::long_, 0);
  CHECK(confirmation_due_at(t.timestamp, e) == at_hours(0.25));
  const auto snap = holding("0xtrader", "ETH", side::long_);
  const auto early = confirmation_gate(t, at_hours(0.2), &snap, e);
  CHECK_FALSE(early.passed);
  CHECK(early.code == decision::deferred);
  CHECK(confirmation_gate(t, at_hours(0.25), &snap, e).passed);  // due exactly now
  const auto flipped = holding("0xtrader", "ETH", side::short_);
  CHECK(confirmation_gate(t, at_hours(0.3), &flipped, e).code ==
        decision::skip_reversed_after_delay);
  CHECK(confirmation_gate(t, at_hours(0.3), nullptr, e).code ==
        decision::skip_reversed_after_delay);
}

TEST_CASE("Phase 10.3 / SPEC §4 step 5: slippage gate") {
  const entry_settings e;  // 2.0 %
  CHECK(*slippage_percent(101.5, 100) == doctest::Approx(1.5));
  CHECK(*slippage_percent(98.5, 100) == doctest::Approx(1.5));  // either direction
  CHECK(slippage_gate(101.5, 100, e).passed);
  const auto fail = slippage_gate(102.5, 100, e);
  CHECK_FALSE(fail.passed);
  CHECK(fail.code == decision::skip_slippage_exceeded);
  CHECK(slippage_gate(102, 100, e).passed);  // exactly 2.0 % passes (≤)
  CHECK(slippage_gate(51, 50, e).passed);    // exactly 2.0 % again
  CHECK_FALSE(slippage_gate(102.0001, 100, e).passed);
  for (double bad : {0.0, -1.0, qnan, inf}) {
    CHECK(slippage_gate(bad, 100, e).code == decision::skip_slippage_exceeded);
    CHECK(slippage_gate(100, bad, e).code == decision::skip_slippage_exceeded);
  }
  CHECK(slippage_gate(qnan, 100, e).detail.find("mark") != std::string::npos);
}

TEST_CASE("SPEC §4 step 6: signal age under both timing references") {
  entry_settings e;  // delay 15 min
  const auto trade_time = at_hours(0);
  const auto now = at_hours(0.3);  // 18 min after the trade, 3 min after confirmation
  e.timing = timing_reference::confirmation;
  CHECK(signal_age_seconds(trade_time, now, e) == doctest::Approx(180));
  e.timing = timing_reference::trade;
  CHECK(signal_age_seconds(trade_time, now, e) == doctest::Approx(1080));
  CHECK(signal_age_seconds(at_hours(1), at_hours(0), e) == 0);  // clock behind: not negative
}

TEST_CASE("SPEC §4 step 6: execution timing") {
  const entry_settings e;  // market 0.5 %, limit deviation 0.3 %
  const auto fresh = execution_timing(60, 1.0, 0.5, 0.1, e);
  CHECK(fresh.gate.passed);
  CHECK(fresh.type == order_type::market);
  CHECK(fresh.max_slippage_percent == 0.5);
  // 2 min exactly is no longer "< 2 min": limit territory.
  const auto limit = execution_timing(120, 0.2, 0.5, 0.1, e);
  CHECK(limit.type == order_type::limit);
  CHECK(limit.max_slippage_percent == 0.3);
  const auto stale = execution_timing(300, 0.3, 0.5, 0.1, e);  // 0.3 is not < 0.3
  CHECK(stale.gate.code == decision::skip_stale_high_slippage);
  CHECK_FALSE(stale.type);
  // ≥ 10 min: limit only for score > 0.8 and weight > 0.25.
  CHECK(execution_timing(600, 0.1, 0.81, 0.26, e).type == order_type::limit);
  CHECK(execution_timing(600, 0.1, 0.8, 0.26, e).gate.code == decision::skip_too_old);
  CHECK(execution_timing(600, 0.1, 0.81, 0.25, e).gate.code == decision::skip_too_old);
  CHECK(execution_timing(qnan, 0.1, 0.9, 0.3, e).gate.code == decision::skip_too_old);
  CHECK_FALSE(execution_timing(60, qnan, 0.9, 0.3, e).gate.passed);
}

TEST_CASE("SPEC §4 step 7: consensus") {
  consensus_settings c;  // disabled by default
  CHECK(consensus_gate("SOL", side::long_, "0xa", {}, c).passed);
  c.enabled = true;
  c.min_traders = 2;
  CHECK(consensus_gate("SOL", side::long_, "0xa", {}, c).code == decision::skip_no_consensus);
  const std::vector<trader_snapshot> snaps{holding("0xa", "SOL", side::long_),
                                           holding("0xb", "SOL", side::short_),
                                           holding("0xc", "ETH", side::long_)};
  // Only 0xa (the source) holds SOL long: 1 < 2.
  CHECK(consensus_gate("SOL", side::long_, "0xa", snaps, c).code == decision::skip_no_consensus);
  auto more = snaps;
  more.push_back(holding("0xd", "SOL", side::long_));
  more.push_back(holding("0xd", "SOL", side::long_));  // duplicate snapshot counts once
  CHECK(consensus_gate("SOL", side::long_, "0xa", more, c).passed);
  c.min_traders = 3;
  CHECK(consensus_gate("SOL", side::long_, "0xa", more, c).code == decision::skip_no_consensus);
}
