// SPEC §1 (`data fetch` is rate-limited): Hyperliquid's weight budget lets a minute's worth
// through at once and then paces at its rate (reference hyperliquid-api.md §7).
#include <doctest/doctest.h>

#include <chrono>
#include <vector>

#include "infra/dataset/weight_budget.hpp"

using namespace smartcopy;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

/// A clock that only moves when the budget sleeps.
struct fake_time {
  weight_budget::clock::time_point now{};
  std::vector<weight_budget::clock::duration> sleeps;

  weight_budget make(double per_minute) {
    return weight_budget(
        per_minute, [this] { return now; },
        [this](weight_budget::clock::duration d) {
          sleeps.push_back(d);
          now += d;
        });
  }
};

double seconds_of(weight_budget::clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

}  // namespace

TEST_CASE("a minute's weight passes at once, more waits for the refill") {
  fake_time t;
  auto budget = t.make(600);  // 10 weight a second
  for (int i = 0; i < 5; ++i) budget.spend(120);
  CHECK(t.sleeps.empty());
  budget.spend(30);  // the bucket is empty: 3 s of refill
  REQUIRE(t.sleeps.size() == 1);
  CHECK(seconds_of(t.sleeps[0]) == doctest::Approx(3.0));
  t.now += seconds(60);  // a quiet minute refills the bucket, no more
  for (int i = 0; i < 5; ++i) budget.spend(120);
  CHECK(t.sleeps.size() == 1);
  budget.spend(1);
  CHECK(t.sleeps.size() == 2);
}

TEST_CASE("a weight above the bucket waits for a full bucket instead of forever") {
  fake_time t;
  auto budget = t.make(60);
  budget.spend(60);
  budget.spend(1000);
  REQUIRE(t.sleeps.size() == 1);
  CHECK(seconds_of(t.sleeps[0]) == doctest::Approx(60.0));
}
