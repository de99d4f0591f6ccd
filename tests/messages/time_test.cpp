// messages/time.hpp: ISO-8601 conversions used for every stored and parsed timestamp (SPEC §8).
#include <doctest/doctest.h>

#include "messages/time.hpp"

using namespace smartcopy;

TEST_CASE("naive Nansen timestamps are UTC with microseconds truncated to ms") {
  auto t = parse_iso8601("2026-02-14T11:58:40.226000");
  REQUIRE(t);
  CHECK(to_iso8601(*t) == "2026-02-14T11:58:40.226Z");
  CHECK(to_ms(*t) == 1771070320226);
}

TEST_CASE("zones, spaces and date-only forms") {
  CHECK(to_ms(*parse_iso8601("1970-01-01")) == 0);
  CHECK(to_ms(*parse_iso8601("1970-01-01 00:01")) == 60'000);
  CHECK(to_ms(*parse_iso8601("1970-01-01T01:00:00+01:00")) == 0);
  CHECK(to_ms(*parse_iso8601("1969-12-31T23:00:00-01:00")) == 0);
  CHECK(to_ms(*parse_iso8601("2026-02-14T11:00:00Z")) == 1771066800000);
  CHECK(to_iso8601(utc_from_ms(-1)) == "1969-12-31T23:59:59.999Z");
  CHECK(to_iso_date(utc_from_ms(1771066800000)) == "2026-02-14");
}

TEST_CASE("malformed timestamps are rejected, not guessed") {
  for (const char* bad : {"", "2026", "2026-13-01", "2026-02-14T25:00", "2026-02-14X11:00",
                          "2026-02-14T11:00:00.", "2026-02-14T11:00:00Zjunk", "not a date",
                          "2026-02-14T11:00:00+0100"})
    CHECK_MESSAGE(!parse_iso8601(bad), bad);
}
