#include "infra/nansen/retry_policy.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <string>

#include "messages/time.hpp"

namespace smartcopy::nansen {

bool is_retryable_status(int status) {
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

namespace {

std::optional<std::chrono::system_clock::time_point> parse_imf_fixdate(std::string_view v) {
  // "Sun, 06 Nov 1994 08:49:37 GMT": fixed width, 29 characters.
  if (v.size() != 29 || v.substr(3, 2) != ", " || v.substr(25) != " GMT") return std::nullopt;
  constexpr std::array<std::string_view, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto m = std::find(months.begin(), months.end(), v.substr(8, 3));
  if (m == months.end() || v[7] != ' ' || v[11] != ' ' || v[16] != ' ') return std::nullopt;
  char iso[32];
  const int month = static_cast<int>(m - months.begin()) + 1;
  const std::string day(v.substr(5, 2)), year(v.substr(12, 4)), time(v.substr(17, 8));
  std::snprintf(iso, sizeof iso, "%s-%02d-%sT%sZ", year.c_str(), month, day.c_str(), time.c_str());
  const auto t = parse_iso8601(iso);
  if (!t) return std::nullopt;
  return std::chrono::system_clock::time_point(t->time_since_epoch());
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 9) return std::nullopt;  // over 30 years: not a sane delay
    return std::chrono::seconds(std::stoll(std::string(value)));
  }
  const auto when = parse_imf_fixdate(value);
  if (!when) return std::nullopt;
  if (*when <= now) return std::chrono::milliseconds{0};
  // Round up: "no earlier than" the given second.
  return std::chrono::ceil<std::chrono::milliseconds>(*when - now);
}

std::chrono::milliseconds backoff_delay(int attempt, std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap, std::mt19937_64& rng) {
  std::int64_t d = std::max<std::int64_t>(0, base.count());
  for (int i = 0; i < attempt && d < cap.count(); ++i) d *= 2;
  d = std::min<std::int64_t>(d, cap.count());
  std::uniform_int_distribution<std::int64_t> draw(d / 2, d);
  return std::chrono::milliseconds(draw(rng));
}

}  // namespace smartcopy::nansen
