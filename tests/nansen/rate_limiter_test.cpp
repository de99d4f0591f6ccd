// The limiter (SPEC §2 nansen.requests_per_second / _per_minute / profiler_min_interval_ms):
// unit tests on an injected clock, and the spacing asserted on the fake's arrival times.
#include <doctest/doctest.h>

#include <chrono>

#include "infra/nansen/rate_limiter.hpp"
#include "nansen_test_support.hpp"

using namespace smartcopy;
using namespace smartcopy::test;
using namespace std::chrono_literals;
using nansen::rate_limiter;

namespace {

// A manual clock: sleeping advances it, so reservations are exact and instantaneous.
struct fake_clock {
  rate_limiter::clock::time_point now{std::chrono::hours(1)};
};

rate_limiter make(fake_clock& c, double per_s, double per_min, std::chrono::milliseconds prof) {
  return rate_limiter(
      per_s, per_min, prof, [&c] { return c.now; },
      [&c](rate_limiter::clock::duration d) { c.now += d; });
}

}  // namespace

TEST_CASE("nansen: per-second bucket allows a one-second burst, then 1/rate spacing") {
  fake_clock c;
  auto l = make(c, 4, 0, 0ms);
  for (int i = 0; i < 4; ++i) CHECK(l.reserve(false) == 0ms);
  CHECK(l.reserve(false) == 250ms);
  CHECK(l.reserve(false) == 500ms);  // queued behind the previous slot
  c.now += 2s;                       // idle: the bucket refills to its capacity, not beyond
  for (int i = 0; i < 4; ++i) CHECK(l.reserve(false) == 0ms);
  CHECK(l.reserve(false) == 250ms);
}

TEST_CASE("nansen: per-minute bucket limits the sustained rate") {
  fake_clock c;
  auto l = make(c, 100, 120, 0ms);  // 2 per second sustained, burst of 2
  CHECK(l.reserve(false) == 0ms);
  CHECK(l.reserve(false) == 0ms);
  CHECK(l.reserve(false) == 500ms);
  // 60 more calls in a row, each 0.5 s after the previous slot (the 3rd was at +0.5 s): the
  // minute bucket, not the second bucket, rules.
  for (int i = 0; i < 60; ++i) l.acquire(false);
  const auto start = rate_limiter::clock::time_point(std::chrono::hours(1));
  CHECK(std::chrono::duration<double>(c.now - start).count() == doctest::Approx(30.5));
}

TEST_CASE("nansen: profiler calls keep their extra minimum spacing; others are not held") {
  fake_clock c;
  auto l = make(c, 0, 0, 7000ms);  // reference §3: 7 s between profiler calls observed
  CHECK(l.reserve(true) == 0ms);
  CHECK(l.reserve(false) == 0ms);
  CHECK(l.reserve(true) == 7000ms);
  c.now += 10s;
  CHECK(l.reserve(true) == 4000ms);  // 7 s after the previous profiler slot
}

TEST_CASE("nansen: pause_until holds every call (after a 429)") {
  fake_clock c;
  auto l = make(c, 0, 0, 0ms);
  l.pause_until(c.now + 3s);
  CHECK(l.reserve(false) == 3s);
  CHECK(l.reserve(true) == 3s);
  c.now += 5s;
  CHECK(l.reserve(false) == 0ms);
}

TEST_CASE("nansen: limiter spacing holds on the fake's recorded arrival times") {
  // A call arrives no earlier than its limiter slot (arrival >= slot), and slots are computed
  // from the moment the client was built with full buckets; so these one-sided bounds hold
  // whatever the network jitter.
  using std::chrono::steady_clock;
  fakes::fake_nansen fake;
  auto settings = fake_settings(fake);
  settings.requests_per_second = 0;
  settings.requests_per_minute = 0;
  settings.profiler_min_interval_ms = 150;
  auto start = steady_clock::now();
  nansen::client client(settings, fast_options(fake));
  for (int i = 0; i < 4; ++i) client.get_address_perp_positions(fakes::fake_nansen::fixture_trader);
  const auto prof = fake.requests("profiler/perp-positions");
  REQUIRE(prof.size() == 4);
  for (std::size_t i = 0; i < prof.size(); ++i) {
    CHECK(prof[i].arrived - start >= 150ms * static_cast<int>(i));
  }
  for (std::size_t i = 2; i < prof.size(); ++i) {  // both ends sent at their slots
    CHECK(prof[i].arrived - prof[i - 1].arrived >= 140ms);
  }

  settings.profiler_min_interval_ms = 0;
  settings.requests_per_second = 10;  // burst of 10, then one per 100 ms
  start = steady_clock::now();
  nansen::client burst(settings, fast_options(fake));
  const auto window =
      nansen::date_range::dates(*parse_iso8601("2026-02-13"), *parse_iso8601("2026-02-14"));
  for (int i = 0; i < 16; ++i) burst.get_perp_screener(window);
  const auto screens = fake.requests("perp-screener");
  REQUIRE(screens.size() == 16);
  for (std::size_t j = 10; j < screens.size(); ++j) {
    CHECK(screens[j].arrived - start >= 100ms * static_cast<int>(j - 9));
  }
  CHECK(screens[15].arrived - start < 2s);  // not slower than the limit requires either
}
