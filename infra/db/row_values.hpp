#pragma once
// Reading typed values out of a soci::row whatever integer width SQLite's declared column
// type maps to, and binding optional values with indicators.
#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>

#include "messages/time.hpp"

namespace smartcopy::db {

inline bool is_null(const soci::row& r, const std::string& col) {
  return r.get_indicator(col) == soci::i_null;
}

inline std::int64_t get_int(const soci::row& r, const std::string& col) {
  if (is_null(r, col)) return 0;
  switch (r.get_properties(col).get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(col);
    case soci::dt_long_long:
      return r.get<long long>(col);
    case soci::dt_unsigned_long_long:
      return static_cast<std::int64_t>(r.get<unsigned long long>(col));
    case soci::dt_double:
      return static_cast<std::int64_t>(r.get<double>(col));
    default:
      return std::stoll(r.get<std::string>(col));
  }
}

inline double get_double(const soci::row& r, const std::string& col) {
  if (is_null(r, col)) return 0;
  switch (r.get_properties(col).get_data_type()) {
    case soci::dt_double:
      return r.get<double>(col);
    case soci::dt_string:
      return std::stod(r.get<std::string>(col));
    default:
      return static_cast<double>(get_int(r, col));
  }
}

inline std::string get_text(const soci::row& r, const std::string& col) {
  return is_null(r, col) ? std::string() : r.get<std::string>(col);
}

inline std::optional<double> get_optional_double(const soci::row& r, const std::string& col) {
  if (is_null(r, col)) return std::nullopt;
  return get_double(r, col);
}

inline std::optional<std::int64_t> get_optional_int(const soci::row& r, const std::string& col) {
  if (is_null(r, col)) return std::nullopt;
  return get_int(r, col);
}

inline std::optional<utc_time> get_optional_time(const soci::row& r, const std::string& col) {
  if (is_null(r, col)) return std::nullopt;
  return parse_iso8601(r.get<std::string>(col));
}

inline utc_time get_time(const soci::row& r, const std::string& col) {
  return get_optional_time(r, col).value_or(utc_time{});
}

/// A nullable value ready to bind with soci::use(value, indicator).
template <class T>
struct nullable {
  T value{};
  soci::indicator ind = soci::i_null;
};

template <class T>
nullable<T> bind_optional(const std::optional<T>& v) {
  if (!v) return {};
  return {*v, soci::i_ok};
}

inline nullable<std::string> bind_optional_time(const std::optional<utc_time>& t) {
  if (!t) return {};
  return {to_iso8601(*t), soci::i_ok};
}

}  // namespace smartcopy::db
