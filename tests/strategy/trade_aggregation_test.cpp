// SPEC §4 "A trade": rows → trades.
#include <doctest/doctest.h>

#include "strategy/trade_aggregation.hpp"
#include "strategy_test_helpers.hpp"

using namespace smartcopy;
using namespace smartcopy::strategy;
using smartcopy::strategy::test::at_hours;
using smartcopy::strategy::test::make_trade;
using smartcopy::strategy::test::qnan;

TEST_CASE("SPEC §4: rows of one tx/token/action/side form one trade") {
  // Two fills of one Open: 1 @ 100 (value 100) at 0.1 h and 3 @ 104 (value 312) at 0 h.
  auto a = make_trade(trade_action::open, "BTC", side::long_, 0.1, 1, 100, "0x1");
  auto b = make_trade(trade_action::open, "BTC", side::long_, 0, 3, 104, "0x1");
  a.fee_usd = 0.5;
  b.fee_usd = 1.5;
  b.oid = 7;
  // Same tx, other side; other tx; other trader: three more trades.
  const auto c = make_trade(trade_action::open, "BTC", side::short_, 0.2, 2, 100, "0x1");
  const auto d = make_trade(trade_action::open, "BTC", side::long_, 0.3, 2, 100, "0x2");
  const auto e = make_trade(trade_action::open, "BTC", side::long_, 0.05, 1, 100, "0x1", "0xother");
  const auto out = aggregate_trades({a, c, b, d, e});
  CHECK(out.rejected.empty());
  REQUIRE(out.trades.size() == 4);
  const trade& merged = out.trades[0];  // earliest first
  CHECK(merged.tx_hash == "0x1");
  CHECK(merged.trader_address == "0xtrader");
  CHECK(merged.size == 4);
  CHECK(merged.value_usd == 412);
  // Value-weighted: (100 × 100 + 104 × 312) / 412.
  CHECK(merged.price == doctest::Approx((100.0 * 100 + 104.0 * 312) / 412));
  CHECK(merged.timestamp == at_hours(0));
  CHECK(merged.oid == 7);  // the earliest row's
  CHECK(merged.fee_usd == doctest::Approx(2));
  CHECK(merged.key() == "0x1:BTC:Open:Long");
  CHECK(out.trades[1].trader_address == "0xother");
  CHECK(out.trades[2].position_side == side::short_);
  CHECK(out.trades[3].tx_hash == "0x2");
}

TEST_CASE("SPEC §4 / §11: bad rows are rejected with a reason, good ones still aggregate") {
  auto good = make_trade(trade_action::close, "ETH", side::long_, 0, 1, 3000, "0x9");
  auto nan_size = good;
  nan_size.size = qnan;
  auto negative_price = good;
  negative_price.price = -1;
  auto no_tx = good;
  no_tx.tx_hash.clear();
  auto bad_pnl = good;
  bad_pnl.closed_pnl = qnan;
  const auto out = aggregate_trades({nan_size, good, negative_price, no_tx, bad_pnl});
  REQUIRE(out.trades.size() == 1);
  CHECK(out.trades[0].value_usd == 3000);
  REQUIRE(out.rejected.size() == 4);
  CHECK(out.rejected[0].reason.find("size") != std::string::npos);
  CHECK(out.rejected[1].reason.find("price") != std::string::npos);
  CHECK(out.rejected[2].reason.find("transaction_hash") != std::string::npos);
  CHECK(out.rejected[3].reason.find("closed_pnl") != std::string::npos);
  CHECK(aggregate_trades({}).trades.empty());
}

TEST_CASE("SPEC §4: zero-value rows fall back to size weighting") {
  auto a = make_trade(trade_action::open, "X", side::long_, 0, 1, 2, "0x3");
  auto b = make_trade(trade_action::open, "X", side::long_, 0, 3, 4, "0x3");
  a.value_usd = 0;
  b.value_usd = 0;
  const auto out = aggregate_trades({a, b});
  REQUIRE(out.trades.size() == 1);
  CHECK(out.trades[0].price == doctest::Approx((2.0 * 1 + 4.0 * 3) / 4));
}
