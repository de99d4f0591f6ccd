// SPEC §9.2: simulated fills.
#include <doctest/doctest.h>

#include "strategy/simulation.hpp"
#include "strategy_test_helpers.hpp"

using namespace smartcopy;
using namespace smartcopy::strategy;
using smartcopy::strategy::test::qnan;

TEST_CASE("SPEC §9.2: slippage by token and size") {
  CHECK(base_slippage_percent("BTC") == 0.02);
  CHECK(base_slippage_percent("ETH") == 0.03);
  CHECK(base_slippage_percent("SOL") == 0.08);
  CHECK(base_slippage_percent("DOGE") == 0.15);
  CHECK(*simulated_slippage_percent("BTC", 0) == doctest::Approx(0.02));
  // 100 000 USD: × (1 + 0.5) → 0.03; 10 000 USD of DOGE: 0.15 × 1.05 = 0.1575.
  CHECK(*simulated_slippage_percent("BTC", 100'000) == doctest::Approx(0.03));
  CHECK(*simulated_slippage_percent("DOGE", 10'000) == doctest::Approx(0.1575));
  CHECK_FALSE(simulated_slippage_percent("BTC", -1));
  CHECK_FALSE(simulated_slippage_percent("BTC", qnan));
}

TEST_CASE("SPEC §9.2: fills move against us; fees") {
  CHECK(*simulated_fill_price(100, true, 0.1575) == doctest::Approx(100.1575));
  CHECK(*simulated_fill_price(100, false, 0.1575) == doctest::Approx(99.8425));
  CHECK_FALSE(simulated_fill_price(0, true, 0.1));
  CHECK_FALSE(simulated_fill_price(100, true, -0.1));
  CHECK_FALSE(simulated_fill_price(100, false, 150));
  const simulation_settings sim;  // 0.045 %
  CHECK(*taker_fee_usd(10'000, sim) == doctest::Approx(4.5));
  CHECK_FALSE(taker_fee_usd(qnan, sim));
  // A long's hard stop at 95 sells: 95 × (1 − 0.02 × 1.05 %) for 10 000 USD of BTC.
  CHECK(*simulated_stop_fill_price(95, side::long_, "BTC", 10'000) ==
        doctest::Approx(95 * (1 - 0.021 / 100)));
  CHECK(*simulated_stop_fill_price(105, side::short_, "BTC", 10'000) ==
        doctest::Approx(105 * (1 + 0.021 / 100)));
}

TEST_CASE("SPEC §9.2: pessimistic path inside a candle") {
  const auto long_path = *candle_price_path(100, 110, 90, 105, side::long_);
  CHECK(long_path == std::array<double, 4>{100, 90, 110, 105});  // adverse low first
  const auto short_path = *candle_price_path(100, 110, 90, 105, side::short_);
  CHECK(short_path == std::array<double, 4>{100, 110, 90, 105});    // adverse high first
  CHECK_FALSE(candle_price_path(100, 99, 90, 95, side::long_));     // high below open
  CHECK_FALSE(candle_price_path(100, 110, 101, 105, side::long_));  // low above open
  CHECK_FALSE(candle_price_path(qnan, 110, 90, 105, side::long_));
  CHECK_FALSE(candle_price_path(100, 110, 0, 105, side::long_));
}
