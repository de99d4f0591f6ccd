#pragma once
// UTC instants as the domain sees them: milliseconds since the Unix epoch, with ISO-8601 text
// conversion. Every timestamp in SPEC §8 is UTC ISO-8601; Nansen sends naive UTC strings.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace smartcopy {

using utc_time = std::chrono::time_point<std::chrono::system_clock, std::chrono::milliseconds>;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

inline utc_time utc_from_ms(std::int64_t ms) {
  return utc_time{milliseconds{ms}};
}
inline std::int64_t to_ms(utc_time t) {
  return t.time_since_epoch().count();
}

/// A duration of fractional hours (configuration values such as add_max_age_hours).
inline milliseconds from_hours(double h) {
  return milliseconds{static_cast<std::int64_t>(h * 3'600'000.0)};
}

/// Fractional hours between two instants (positive when `to` is later).
inline double hours_between(utc_time from, utc_time to) {
  return static_cast<double>((to - from).count()) / 3'600'000.0;
}

namespace detail {
// Howard Hinnant's civil-calendar algorithms (public domain), valid for the proleptic Gregorian
// calendar; C++17 has no calendar types.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct civil {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

constexpr civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp + (mp < 10 ? 3 : -9);
  return {y + (m <= 2), m, d};
}

inline bool read_digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}
}  // namespace detail

/// "2026-02-14T11:58:40.226Z" (always UTC, millisecond precision).
inline std::string to_iso8601(utc_time t) {
  const std::int64_t ms = to_ms(t);
  std::int64_t days = ms / 86'400'000;
  std::int64_t rem = ms % 86'400'000;
  if (rem < 0) {
    rem += 86'400'000;
    --days;
  }
  const auto c = detail::civil_from_days(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ",
                static_cast<long long>(c.year), c.month, c.day,
                static_cast<long long>(rem / 3'600'000), static_cast<long long>(rem / 60'000 % 60),
                static_cast<long long>(rem / 1000 % 60), static_cast<long long>(rem % 1000));
  return buf;
}

/// "2026-02-14" — the UTC date of an instant (Nansen's DateOnlyRange).
inline std::string to_iso_date(utc_time t) {
  return to_iso8601(t).substr(0, 10);
}

/// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.frac]]" with 'T' or ' ' and an optional "Z" or
/// "+HH:MM"/"-HH:MM" offset. A string without a zone is UTC (Nansen's naive timestamps).
/// Returns nullopt for anything else, including out-of-range fields.
inline std::optional<utc_time> parse_iso8601(std::string_view s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!detail::read_digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' ||
      !detail::read_digits(s, 5, 2, mo) || s[7] != '-' || !detail::read_digits(s, 8, 2, d))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  std::size_t pos = 10;
  std::int64_t frac_ms = 0;
  if (pos < s.size()) {
    if ((s[pos] != 'T' && s[pos] != ' ') || !detail::read_digits(s, pos + 1, 2, h) ||
        pos + 3 >= s.size() || s[pos + 3] != ':' || !detail::read_digits(s, pos + 4, 2, mi))
      return std::nullopt;
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      if (!detail::read_digits(s, pos + 1, 2, sec)) return std::nullopt;
      pos += 3;
      if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int scale = 100;
        const std::size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
          frac_ms += (s[pos] - '0') * scale;
          scale /= 10;
          ++pos;
        }
        if (pos == start) return std::nullopt;
      }
    }
    if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
  }
  std::int64_t offset_min = 0;
  if (pos < s.size()) {
    if (s[pos] == 'Z' && pos + 1 == s.size()) {
      ++pos;
    } else if ((s[pos] == '+' || s[pos] == '-') && pos + 6 == s.size() && s[pos + 3] == ':') {
      int oh = 0, om = 0;
      if (!detail::read_digits(s, pos + 1, 2, oh) || !detail::read_digits(s, pos + 4, 2, om))
        return std::nullopt;
      offset_min = (s[pos] == '+' ? 1 : -1) * (oh * 60 + om);
      pos += 6;
    }
  }
  if (pos != s.size()) return std::nullopt;
  const std::int64_t days =
      detail::days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  const std::int64_t ms =
      ((days * 24 + h) * 60 + mi - offset_min) * 60'000 + sec * 1000LL + frac_ms;
  return utc_from_ms(ms);
}

}  // namespace smartcopy
