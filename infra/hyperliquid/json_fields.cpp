#include "infra/hyperliquid/json_fields.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include <boost/json/parse.hpp>

namespace smartcopy::hyperliquid::json {
namespace {

std::string excerpt(std::string_view body) {
  std::string out(body.substr(0, 80));
  for (auto& c : out)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return out;
}

[[noreturn]] void fail(std::string_view key, std::string_view problem) {
  throw parse_error(std::string("field '") + std::string(key) + "': " + std::string(problem));
}

double parse_decimal_text(std::string_view text, std::string_view what) {
  // strtod accepts "nan", "inf" and hex floats; Hyperliquid decimals are plain digits.
  if (text.empty() || text.size() > 64) fail(what, "empty or oversized decimal");
  for (char c : text)
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'))
      fail(what, "not a decimal: " + excerpt(text));
  const std::string copy(text);
  char* end = nullptr;
  const double v = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || !std::isfinite(v))
    fail(what, "not a decimal: " + excerpt(text));
  return v;
}

}  // namespace

boost::json::value parse_body(std::string_view body, std::string_view what) {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  if (ec) throw parse_error(std::string(what) + ": body is not JSON: " + excerpt(body));
  return v;
}

const boost::json::object& as_object(const boost::json::value& v, std::string_view what) {
  if (!v.is_object()) throw parse_error(std::string(what) + ": expected a JSON object");
  return v.get_object();
}

const boost::json::array& as_array(const boost::json::value& v, std::string_view what) {
  if (!v.is_array()) throw parse_error(std::string(what) + ": expected a JSON array");
  return v.get_array();
}

const boost::json::value& member(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v) fail(key, "missing");
  return *v;
}

std::string string_of(const boost::json::object& o, std::string_view key) {
  const auto& v = member(o, key);
  if (!v.is_string()) fail(key, "expected a string");
  return std::string(v.get_string());
}

std::optional<std::string> optional_string(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) fail(key, "expected a string or null");
  return std::string(v->get_string());
}

double decimal_value(const boost::json::value& v, std::string_view what) {
  if (v.is_string()) return parse_decimal_text(v.get_string(), what);
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  if (v.is_double() && std::isfinite(v.get_double())) return v.get_double();
  fail(what, "expected a decimal string");
}

double decimal_of(const boost::json::object& o, std::string_view key) {
  return decimal_value(member(o, key), key);
}

std::optional<double> optional_decimal(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  return decimal_value(*v, key);
}

std::int64_t int_of(const boost::json::object& o, std::string_view key) {
  const auto& v = member(o, key);
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(v.get_uint64());
  fail(key, "expected an integer");
}

std::optional<std::int64_t> optional_int(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  return int_of(o, key);
}

bool bool_or(const boost::json::object& o, std::string_view key, bool fallback) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return fallback;
  if (!v->is_bool()) fail(key, "expected a boolean");
  return v->get_bool();
}

}  // namespace smartcopy::hyperliquid::json
