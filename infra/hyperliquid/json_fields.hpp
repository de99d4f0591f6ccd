#pragma once
// Strict field readers over Boost.JSON shared by the info and exchange parsers (and the fake
// exchange): each failure is a parse_error naming the field, so a bad body is a clear error.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "infra/hyperliquid/errors.hpp"

namespace smartcopy::hyperliquid::json {

/// Parses a whole body; parse_error with a short excerpt when it is not JSON (an HTML error page).
boost::json::value parse_body(std::string_view body, std::string_view what);

const boost::json::object& as_object(const boost::json::value& v, std::string_view what);
const boost::json::array& as_array(const boost::json::value& v, std::string_view what);

/// The member `key`; parse_error when missing.
const boost::json::value& member(const boost::json::object& o, std::string_view key);

std::string string_of(const boost::json::object& o, std::string_view key);
std::optional<std::string> optional_string(const boost::json::object& o, std::string_view key);

/// A decimal sent as a string ("26951.0") or, leniently, as a number; must be finite.
double decimal_of(const boost::json::object& o, std::string_view key);
/// As decimal_of, but nullopt when the member is missing or null.
std::optional<double> optional_decimal(const boost::json::object& o, std::string_view key);
double decimal_value(const boost::json::value& v, std::string_view what);

/// An integer sent as a JSON number (oid, time, szDecimals...).
std::int64_t int_of(const boost::json::object& o, std::string_view key);
std::optional<std::int64_t> optional_int(const boost::json::object& o, std::string_view key);

/// A boolean, `fallback` when missing or null.
bool bool_or(const boost::json::object& o, std::string_view key, bool fallback);

}  // namespace smartcopy::hyperliquid::json
