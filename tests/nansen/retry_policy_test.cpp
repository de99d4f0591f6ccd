// Retry-After parsing and backoff (SPEC §2 nansen.max_retries; reference §3).
#include <doctest/doctest.h>

#include "infra/nansen/retry_policy.hpp"
#include "messages/time.hpp"

using namespace smartcopy;
using namespace std::chrono_literals;

TEST_CASE("nansen: Retry-After as seconds or IMF-fixdate") {
  const auto now = std::chrono::system_clock::time_point(
      parse_iso8601("2026-02-14T12:00:00Z")->time_since_epoch());
  CHECK(nansen::parse_retry_after("2", now) == std::optional(std::chrono::milliseconds(2000)));
  CHECK(nansen::parse_retry_after(" 0 ", now) == std::optional(std::chrono::milliseconds(0)));
  CHECK(nansen::parse_retry_after("Sat, 14 Feb 2026 12:00:05 GMT", now) ==
        std::optional(std::chrono::milliseconds(5000)));
  CHECK(nansen::parse_retry_after("Sat, 14 Feb 2026 11:00:00 GMT", now) ==
        std::optional(std::chrono::milliseconds(0)));  // in the past
  for (const char* bad : {"", "-1", "1.5", "soon", "Sat, 14 Feb 2026 12:00:05 UTC",
                          "Sat, 14 Foo 2026 12:00:05 GMT", "9999999999"}) {
    CAPTURE(bad);
    CHECK_FALSE(nansen::parse_retry_after(bad, now).has_value());
  }
}

TEST_CASE("nansen: backoff doubles from base, stays within [d/2, d] and the cap") {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    const auto d0 = nansen::backoff_delay(0, 100ms, 1000ms, rng);
    CHECK(d0 >= 50ms);
    CHECK(d0 <= 100ms);
    const auto d2 = nansen::backoff_delay(2, 100ms, 1000ms, rng);
    CHECK(d2 >= 200ms);
    CHECK(d2 <= 400ms);
    const auto d9 = nansen::backoff_delay(9, 100ms, 1000ms, rng);
    CHECK(d9 >= 500ms);
    CHECK(d9 <= 1000ms);
  }
}

TEST_CASE("nansen: retryable statuses are 429 and 5xx gateways only") {
  for (int s : {429, 500, 502, 503, 504}) CHECK(nansen::is_retryable_status(s));
  for (int s : {200, 400, 401, 402, 403, 404, 422, 501})
    CHECK_FALSE(nansen::is_retryable_status(s));
}
