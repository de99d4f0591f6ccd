// SPEC §6 and reference/hyperliquid-api.md §5.1 (tick and lot rules).
#include <doctest/doctest.h>

#include "strategy/execution_math.hpp"
#include "strategy_test_helpers.hpp"

using namespace smartcopy;
using namespace smartcopy::strategy;
using smartcopy::strategy::test::inf;
using smartcopy::strategy::test::qnan;

TEST_CASE("SPEC §6 step 3: order size from USD rounds down to szDecimals") {
  // 10 000 USD at 97 000 with BTC's 5 decimals: 0.10309278… → 0.10309.
  CHECK(*order_size_from_usd(10'000, 97'000, 5) == doctest::Approx(0.10309).epsilon(1e-12));
  // 1 000 USD at 3 (2 decimals): 333.333… → 333.33; never 333.34.
  CHECK(*order_size_from_usd(1'000, 3, 2) == doctest::Approx(333.33).epsilon(1e-12));
  // 0 decimals: 999 / 10 = 99.9 → 99.
  CHECK(*order_size_from_usd(999, 10, 0) == 99);
  // Exact quotients survive binary representation: 2.3 coins, not 2.29.
  CHECK(*order_size_from_usd(230, 100, 2) == doctest::Approx(2.3).epsilon(1e-12));
  CHECK(*order_size_from_usd(0, 100, 2) == 0);
  CHECK_FALSE(order_size_from_usd(qnan, 100, 2));
  CHECK_FALSE(order_size_from_usd(-5, 100, 2));
  CHECK_FALSE(order_size_from_usd(100, 0, 2));
  CHECK_FALSE(order_size_from_usd(100, inf, 2));
  CHECK_FALSE(order_size_from_usd(100, 10, -1));
  CHECK_FALSE(order_size_from_usd(100, 10, 7));
}

TEST_CASE("hyperliquid-api §5.1: price rounding — 5 significant figures, 6 − szDecimals") {
  const auto nearest = price_rounding::nearest;
  CHECK(*round_price(1234.5, 0, nearest) == 1234.5);  // valid already
  CHECK(*round_price(1234.56, 0, nearest) == doctest::Approx(1234.6).epsilon(1e-12));
  CHECK(*round_price(12345.6, 0, nearest) == 12346);    // 5 sig figs
  CHECK(*round_price(123456.7, 0, nearest) == 123457);  // integers always
  CHECK(*round_price(97123.4, 5, nearest) == 97123);
  CHECK(*round_price(0.0012346, 0, nearest) == doctest::Approx(0.001235).epsilon(1e-12));
  CHECK(*round_price(0.001234, 0, nearest) == doctest::Approx(0.001234).epsilon(1e-12));
  // szDecimals 5 allows one decimal only: 123.456 → 123.5 (NK truncates to 123.4).
  CHECK(*round_price(123.456, 5, nearest) == doctest::Approx(123.5).epsilon(1e-12));
  CHECK(*round_price(123.456, 5, price_rounding::down) == doctest::Approx(123.4).epsilon(1e-12));
  CHECK(*round_price(0.1234567, 0, price_rounding::down) ==
        doctest::Approx(0.12345).epsilon(1e-12));
  CHECK(*round_price(12345.6, 0, price_rounding::down) == 12345);
  CHECK(*round_price(12345.2, 0, price_rounding::up) == 12346);
  // A value already on the grid stays put in every mode despite binary representation.
  CHECK(*round_price(2.3, 2, price_rounding::up) == doctest::Approx(2.3).epsilon(1e-12));
  CHECK(*round_price(2.3, 2, price_rounding::down) == doctest::Approx(2.3).epsilon(1e-12));
  // Too small for the decimals allowed: rejected, not 0.
  CHECK_FALSE(round_price(0.00001, 5, nearest));
  CHECK_FALSE(round_price(0, 0, nearest));
  CHECK_FALSE(round_price(-1, 0, nearest));
  CHECK_FALSE(round_price(qnan, 0, nearest));
  CHECK_FALSE(round_price(100, 9, nearest));
}

TEST_CASE("SPEC §6 step 3: IOC and limit entry prices through mark, rounded towards mark") {
  // Long buys: 100 × 1.005 = 100.5; short sells: 100 × 0.995 = 99.5.
  CHECK(*entry_order_price(100, side::long_, 0.5, 2) == doctest::Approx(100.5).epsilon(1e-12));
  CHECK(*entry_order_price(100, side::short_, 0.5, 2) == doctest::Approx(99.5).epsilon(1e-12));
  // Limit at 0.3 %: 3 001.7 × 1.003 = 3 010.7051 → 3 010.7 (5 sig figs, down for a buy).
  CHECK(*entry_order_price(3001.7, side::long_, 0.3, 4) == doctest::Approx(3010.7).epsilon(1e-12));
  // 3 001.7 × 0.997 = 2 992.6949 → 2 992.7 (up for a sell: never further than the bound).
  CHECK(*entry_order_price(3001.7, side::short_, 0.3, 4) == doctest::Approx(2992.7).epsilon(1e-12));
  CHECK_FALSE(entry_order_price(qnan, side::long_, 0.5, 2));
  CHECK_FALSE(entry_order_price(100, side::long_, -0.5, 2));
  CHECK_FALSE(entry_order_price(100, side::short_, 100, 2));
}

TEST_CASE("SPEC §7 close_position: close price at mark ∓ 1 %") {
  CHECK(*close_order_price(200, side::long_, 2) == doctest::Approx(198).epsilon(1e-12));
  CHECK(*close_order_price(200, side::short_, 2) == doctest::Approx(202).epsilon(1e-12));
  CHECK_FALSE(close_order_price(0, side::long_, 2));
}

TEST_CASE("SPEC §6 step 2: leverage choice") {
  const entry_settings e;  // max 5, default 3
  CHECK(*choose_leverage(std::nullopt, e, 50) == 3);
  CHECK(*choose_leverage(2.4, e, 50) == 2);
  CHECK(*choose_leverage(2.5, e, 50) == 3);   // round half away from zero
  CHECK(*choose_leverage(20.0, e, 50) == 5);  // max_leverage
  CHECK(*choose_leverage(20.0, e, 3) == 3);   // asset maxLeverage
  CHECK(*choose_leverage(std::nullopt, e, 2) == 2);
  CHECK(*choose_leverage(0.3, e, 50) == 1);  // at least 1
  CHECK_FALSE(choose_leverage(qnan, e, 50));
  CHECK_FALSE(choose_leverage(-2.0, e, 50));
  CHECK_FALSE(choose_leverage(2.0, e, 0));
  entry_settings bad = e;
  bad.max_leverage = qnan;
  CHECK_FALSE(choose_leverage(2.0, bad, 50));
}

TEST_CASE("SPEC §6 step 3: orders under $10 are not sent") {
  CHECK(min_notional_gate(0.1, 100).passed);  // exactly $10
  const auto small = min_notional_gate(0.0999, 100);
  CHECK_FALSE(small.passed);
  CHECK(small.code == decision::skip_size_zero);
  CHECK(min_notional_gate(qnan, 100).code == decision::skip_size_zero);
  CHECK(min_notional_gate(1, -100).code == decision::skip_size_zero);
}
