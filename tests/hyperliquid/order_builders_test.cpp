// From gateway numbers to wire orders (SPEC §6 steps 3-4).
#include <doctest/doctest.h>

#include "infra/hyperliquid/order_builders.hpp"

using namespace smartcopy;
using namespace smartcopy::hyperliquid;

namespace {
asset_meta eth() {
  return {"ETH", 1, 4, 50, false, false};
}
}  // namespace

TEST_CASE("SPEC §6 step 3: market entry = IOC at mark x 1.005, size rounded down") {
  const double mark = 3000.05;
  const auto o = make_limit_order(eth(), true, mark * 1.005, 250.0 / mark, time_in_force::ioc,
                                  false, "0x0000000000000000000000000000abcd");
  CHECK(o.asset == 1);
  CHECK(o.price == "3015.1");  // 3015.05025 -> 5 significant figures
  CHECK(o.size == "0.0833");   // 0.083332... rounded down to 4 decimals
  CHECK(std::get<limit_order>(o.type).tif == time_in_force::ioc);
  CHECK(*o.cloid == "0x0000000000000000000000000000abcd");
  CHECK_THROWS_AS(make_limit_order(eth(), true, mark, 0.00001, time_in_force::gtc, false),
                  std::invalid_argument);
  CHECK_THROWS_AS(make_limit_order(eth(), true, -1, 1, time_in_force::gtc, false),
                  std::invalid_argument);
}

TEST_CASE("SPEC §6 step 4: hard stop = reduce-only stop-market, tpsl sl") {
  // Long entry at 3000: stop at entry x 0.95 = 2850, sold with a 10 % worse limit.
  const auto sl = make_trigger_order(eth(), false, 3000 * 0.95, 0.0833, tpsl::sl);
  CHECK(sl.reduce_only);
  CHECK_FALSE(sl.is_buy);
  const auto& t = std::get<trigger_order>(sl.type);
  CHECK(t.is_market);
  CHECK(t.trigger_px == "2850");
  CHECK(t.kind == tpsl::sl);
  CHECK(sl.price == "2565");
  // Short entry: the stop buys above, the limit rounds up so the bound is never tighter.
  const auto buy = make_trigger_order(eth(), true, 101.234, 1, tpsl::sl);
  CHECK(std::get<trigger_order>(buy.type).trigger_px == "101.23");
  CHECK(buy.price == "111.36");  // 111.3574 rounded away from zero
}
