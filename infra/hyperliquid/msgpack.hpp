#pragma once
// The msgpack form of an exchange action, the first part of the L1 action hash (reference §4.1).
// Actions are held as boost::json values because Boost.JSON objects keep insertion order, so the
// JSON body we post and the bytes we sign come from one tree in one key order.
#include <string>

#include <boost/json/value.hpp>

namespace smartcopy::hyperliquid {

/// Encodes like Python's msgpack.packb: maps and arrays in order, str keys and values, integers in
/// the smallest form (unsigned when >= 0), true/false, nil. Doubles never appear in actions
/// (prices and sizes are strings), so a double throws std::invalid_argument.
std::string to_msgpack(const boost::json::value& v);

}  // namespace smartcopy::hyperliquid
