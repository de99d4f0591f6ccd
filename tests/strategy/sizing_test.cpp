// SPEC §5 (compute_copy_size) and §4 step 9 (clipping, SKIP_SIZE_ZERO).
#include <doctest/doctest.h>

#include "strategy/sizing.hpp"
#include "strategy_test_helpers.hpp"

using namespace smartcopy;
using namespace smartcopy::strategy;
using smartcopy::strategy::test::inf;
using smartcopy::strategy::test::qnan;

TEST_CASE("SPEC §5 step 2: ROI tier multiplier and its boundaries") {
  CHECK(*roi_tier_multiplier(15) == 1.00);
  CHECK(*roi_tier_multiplier(10.0001) == 1.00);
  CHECK(*roi_tier_multiplier(10) == 0.75);  // exactly 10 is lukewarm (0 ≤ roi ≤ 10)
  CHECK(*roi_tier_multiplier(5) == 0.75);
  CHECK(*roi_tier_multiplier(0) == 0.75);  // exactly 0 is lukewarm
  CHECK(*roi_tier_multiplier(-0.0001) == 0.50);
  CHECK(*roi_tier_multiplier(-2) == 0.50);
  CHECK_FALSE(roi_tier_multiplier(qnan));
  CHECK(roi_tier_multiplier(qnan).error().find("trader_roi_7d") != std::string::npos);
  CHECK_FALSE(roi_tier_multiplier(inf));
}

TEST_CASE("SPEC §5 step 3: leverage penalty curve") {
  // Breakpoints (1,1.0) (2,0.9) (3,0.8) (5,0.6) (10,0.4) (20,0.2); linear between; 0.1 above 20.
  CHECK(*leverage_penalty(1) == doctest::Approx(1.0));
  CHECK(*leverage_penalty(1.5) == doctest::Approx(0.95));  // halfway 1.0 → 0.9
  CHECK(*leverage_penalty(2) == doctest::Approx(0.9));
  CHECK(*leverage_penalty(4) == doctest::Approx(0.7));    // halfway 0.8 → 0.6
  CHECK(*leverage_penalty(7.5) == doctest::Approx(0.5));  // halfway 0.6 → 0.4
  CHECK(*leverage_penalty(15) == doctest::Approx(0.3));   // halfway 0.4 → 0.2
  CHECK(*leverage_penalty(20) == doctest::Approx(0.2));
  CHECK(*leverage_penalty(20.5) == doctest::Approx(0.1));
  CHECK(*leverage_penalty(50) == doctest::Approx(0.1));
  CHECK(*leverage_penalty(0.5) == doctest::Approx(1.0));  // ≤ 1: no penalty
}

TEST_CASE("SPEC §5 step 3: invalid leverage is rejected with a reason") {
  for (double bad : {0.0, -3.0, qnan, inf}) {
    const auto p = leverage_penalty(bad);
    CHECK_FALSE(p);
    CHECK(p.error().find("leverage") != std::string::npos);
  }
}

TEST_CASE("SPEC §5 checks: the five sizing cases") {
  const entry_settings e;
  // alloc 100k/500k = 0.2; base = 100k × 0.2 × 0.5 = 10 000.
  CHECK(*compute_copy_size(100'000, 500'000, 100'000, 15, std::nullopt, e) == 10'000);
  CHECK(*compute_copy_size(100'000, 500'000, 100'000, 5, std::nullopt, e) == 7'500);
  CHECK(*compute_copy_size(100'000, 500'000, 100'000, -2, std::nullopt, e) == 5'000);
  CHECK(*compute_copy_size(100'000, 500'000, 100'000, 15, 20.0, e) == 2'000);
  // alloc 0.5; base = 500k × 0.5 × 0.5 = 125 000 → capped by min(10 % × 500k, 50 000).
  CHECK(*compute_copy_size(2'000'000, 4'000'000, 500'000, 15, std::nullopt, e) == 50'000);
}

TEST_CASE("SPEC §5 steps 1, 4, 5: unknown account, equity cap, dust floor, cents") {
  const entry_settings e;
  // Account value ≤ 0 → alloc 0.05: 100k × 0.05 × 0.5 = 2 500.
  CHECK(*compute_copy_size(100'000, 0, 100'000, 15, std::nullopt, e) == 2'500);
  CHECK(*compute_copy_size(100'000, -5, 100'000, 15, std::nullopt, e) == 2'500);
  // Equity cap: 20k equity, alloc 1 → base 10 000, capped at 10 % × 20k = 2 000.
  CHECK(*compute_copy_size(1'000, 1'000, 20'000, 15, std::nullopt, e) == 2'000);
  // Below the $100 floor → 0: alloc 0.001 → 100k × 0.001 × 0.5 = 50.
  CHECK(*compute_copy_size(500, 500'000, 100'000, 15, std::nullopt, e) == 0);
  // Rounded down to cents (never above a cap): alloc 0.0123457 → 100k × 0.0123457 × 0.5 =
  // 617.285 → 617.28, where rounding to nearest would give 617.29.
  CHECK(*compute_copy_size(1234.57, 100'000, 100'000, 15, std::nullopt, e) ==
        doctest::Approx(617.28).epsilon(1e-12));
  CHECK(*compute_copy_size(0, 100'000, 100'000, 15, std::nullopt, e) == 0);
}

TEST_CASE("SPEC §5: bad inputs are rejected, never sized") {
  const entry_settings e;
  CHECK_FALSE(compute_copy_size(qnan, 500'000, 100'000, 15, std::nullopt, e));
  CHECK_FALSE(compute_copy_size(-1, 500'000, 100'000, 15, std::nullopt, e));
  CHECK_FALSE(compute_copy_size(100'000, qnan, 100'000, 15, std::nullopt, e));
  CHECK_FALSE(compute_copy_size(100'000, 500'000, -1, 15, std::nullopt, e));
  CHECK_FALSE(compute_copy_size(100'000, 500'000, inf, 15, std::nullopt, e));
  CHECK_FALSE(compute_copy_size(100'000, 500'000, 100'000, qnan, std::nullopt, e));
  const auto bad_lev = compute_copy_size(100'000, 500'000, 100'000, 15, -2.0, e);
  CHECK_FALSE(bad_lev);
  CHECK(bad_lev.error().find("leverage") != std::string::npos);
  CHECK_THROWS_AS(bad_lev.value(), std::logic_error);
}

TEST_CASE("SPEC §4 step 9: clipping to total and token headroom") {
  const entry_settings e;  // total 50 %, token 15 % of equity
  // 100k equity, 45k open: 5 000 left in total.
  CHECK(*clip_to_headroom(10'000, {100'000, 45'000, 0}, e) == 5'000);
  // Token: 15k limit, 12k already in the token → 3 000.
  CHECK(*clip_to_headroom(10'000, {100'000, 20'000, 12'000}, e) == 3'000);
  // Over the limit already → 0, never negative.
  CHECK(*clip_to_headroom(10'000, {100'000, 60'000, 0}, e) == 0);
  CHECK(*clip_to_headroom(10'000, {100'000, 0, 0}, e) == 10'000);
  CHECK_FALSE(clip_to_headroom(10'000, {qnan, 0, 0}, e));
  CHECK_FALSE(clip_to_headroom(10'000, {100'000, -1, 0}, e));
}

TEST_CASE("SPEC §4 step 9: size_entry passes or ends with SKIP_SIZE_ZERO") {
  const entry_settings e;
  const auto ok = size_entry(100'000, 500'000, 15, std::nullopt, {100'000, 0, 0}, e);
  CHECK(ok.gate.passed);
  CHECK(ok.size_usd == 10'000);
  // Headroom of 50 USD < min_position_usd 100.
  const auto clipped = size_entry(100'000, 500'000, 15, std::nullopt, {100'000, 49'950, 0}, e);
  CHECK_FALSE(clipped.gate.passed);
  CHECK(clipped.gate.code == decision::skip_size_zero);
  CHECK(clipped.size_usd == 0);
  // The dust floor of compute_copy_size.
  const auto dust = size_entry(500, 500'000, 15, std::nullopt, {100'000, 0, 0}, e);
  CHECK(dust.gate.code == decision::skip_size_zero);
  // Invalid input → SKIP_SIZE_ZERO with the reason in the detail.
  const auto bad = size_entry(qnan, 500'000, 15, std::nullopt, {100'000, 0, 0}, e);
  CHECK(bad.gate.code == decision::skip_size_zero);
  CHECK(bad.gate.detail.find("trader_position_value") != std::string::npos);
}
