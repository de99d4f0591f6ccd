#pragma once
// Defensive readers of Nansen JSON values (SPEC §11): numbers may arrive as JSON numbers or
// numeric strings, strings may be null or missing. Every reader returns nullopt instead of
// throwing, and rejects NaN and infinities.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace smartcopy::nansen {

/// A finite number from a JSON number or a numeric string ("1.25e-05", "-800.00").
std::optional<double> number_field(const boost::json::object& o, std::string_view key);
/// An integer from a JSON integer, an integral double or a decimal string.
std::optional<std::int64_t> integer_field(const boost::json::object& o, std::string_view key);
/// A string; nullopt when missing, null or not a string.
std::optional<std::string> string_field(const boost::json::object& o, std::string_view key);
std::optional<bool> bool_field(const boost::json::object& o, std::string_view key);

/// "0x" + 40 hex digits, returned lower case; nullopt otherwise.
std::optional<std::string> address_field(const boost::json::object& o, std::string_view key);

std::optional<double> to_number(const boost::json::value& v);

}  // namespace smartcopy::nansen
