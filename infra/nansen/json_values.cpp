#include "infra/nansen/json_values.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

namespace smartcopy::nansen {

namespace json = boost::json;

namespace {

std::optional<double> parse_decimal(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  double out = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(out)) return std::nullopt;
  return out;
}

}  // namespace

std::optional<double> to_number(const json::value& v) {
  switch (v.kind()) {
    case json::kind::int64:
      return static_cast<double>(v.get_int64());
    case json::kind::uint64:
      return static_cast<double>(v.get_uint64());
    case json::kind::double_:
      return std::isfinite(v.get_double()) ? std::optional<double>(v.get_double()) : std::nullopt;
    case json::kind::string:
      return parse_decimal(v.get_string());
    default:
      return std::nullopt;
  }
}

std::optional<double> number_field(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v ? to_number(*v) : std::nullopt;
}

std::optional<std::int64_t> integer_field(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64()) {
    const auto u = v->get_uint64();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      return std::nullopt;
    return static_cast<std::int64_t>(u);
  }
  const auto d = to_number(*v);
  // Only integral values that fit: 2^63 itself is not representable in int64.
  if (!d || std::trunc(*d) != *d || std::fabs(*d) >= 9.2e18) return std::nullopt;
  return static_cast<std::int64_t>(*d);
}

std::optional<std::string> string_field(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

std::optional<bool> bool_field(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_bool()) return std::nullopt;
  return v->get_bool();
}

std::optional<std::string> address_field(const json::object& o, std::string_view key) {
  auto s = string_field(o, key);
  if (!s || s->size() != 42 || (*s)[0] != '0' || ((*s)[1] != 'x' && (*s)[1] != 'X')) {
    return std::nullopt;
  }
  std::string out = "0x";
  for (std::size_t i = 2; i < s->size(); ++i) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>((*s)[i])));
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    out += c;
  }
  return out;
}

}  // namespace smartcopy::nansen
