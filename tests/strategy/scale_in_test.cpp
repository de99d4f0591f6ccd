// SPEC §4 step 8 [decision]: scaling an Add into the position we hold.
#include <doctest/doctest.h>

#include <limits>

#include "strategy/scale_in.hpp"

using namespace smartcopy;
using namespace smartcopy::strategy;

namespace {

our_position held_long() {
  our_position p;
  p.id = 7;
  p.token = "BTC";
  p.position_side = side::long_;
  p.entry_price = 100;
  p.size = 2;
  p.remaining_size = 1.5;  // a profit tier already took 0.5
  p.value_usd = 200;
  p.fees_usd = 0.09;
  p.stop_price = 95;
  p.trailing_stop_price = 105.8;  // after a best of 115
  p.tiers_taken = 1;
  return p;
}

our_position fill_of(double size, double price) {
  our_position f;
  f.token = "BTC";
  f.position_side = side::long_;
  f.entry_price = price;
  f.size = f.remaining_size = size;
  f.value_usd = size * price;
  f.fees_usd = f.value_usd * 0.00045;
  return f;
}

}  // namespace

TEST_CASE("scale-in: weighted entry, sizes and fees add up, stop follows, trail never loosens") {
  const auto merged = scale_in(held_long(), fill_of(0.5, 120), stops_settings{});
  REQUIRE(merged);
  // (100 × 1.5 + 120 × 0.5) / 2 = 105
  CHECK(merged->entry_price == doctest::Approx(105));
  CHECK(merged->size == doctest::Approx(2.5));
  CHECK(merged->remaining_size == doctest::Approx(2.0));
  CHECK(merged->value_usd == doctest::Approx(260));
  CHECK(merged->fees_usd == doctest::Approx(0.09 + 0.027));
  CHECK(merged->stop_price == doctest::Approx(99.75));           // 105 × 0.95
  CHECK(merged->trailing_stop_price == doctest::Approx(105.8));  // 105 × 0.92 = 96.6 is looser
  CHECK(merged->id == 7);
  CHECK(merged->tiers_taken == 1);
}

TEST_CASE("scale-in: a short's trail only moves down") {
  our_position held = held_long();
  held.position_side = side::short_;
  held.trailing_stop_price = 108;  // entry 100 × 1.08
  our_position fill = fill_of(1.5, 90);
  fill.position_side = side::short_;
  const auto merged = scale_in(held, fill, stops_settings{});
  REQUIRE(merged);
  CHECK(merged->entry_price == doctest::Approx(95));
  CHECK(merged->stop_price == doctest::Approx(99.75));           // 95 × 1.05
  CHECK(merged->trailing_stop_price == doctest::Approx(102.6));  // 95 × 1.08 < 108
}

TEST_CASE("scale-in rejects another token or side and nonsense fills") {
  our_position eth = fill_of(1, 3000);
  eth.token = "ETH";
  CHECK_FALSE(scale_in(held_long(), eth, stops_settings{}));
  our_position short_fill = fill_of(1, 100);
  short_fill.position_side = side::short_;
  CHECK_FALSE(scale_in(held_long(), short_fill, stops_settings{}));
  CHECK_FALSE(scale_in(held_long(), fill_of(0, 100), stops_settings{}));
  CHECK_FALSE(scale_in(held_long(), fill_of(-1, 100), stops_settings{}));
  const auto nan = std::numeric_limits<double>::quiet_NaN();
  const auto bad = scale_in(held_long(), fill_of(1, nan), stops_settings{});
  CHECK_FALSE(bad);
  CHECK_FALSE(bad.error().empty());
}
