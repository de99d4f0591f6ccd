#pragma once
// Numbers on the wire (reference §5, SPEC §6 step 3). The exchange rebuilds the signed action from
// the values it parsed, so every decimal must be canonical: fixed-point, no exponent, no trailing
// zeros. Rounding is done on decimal digits (the shortest text that reads back as the double),
// never by scaling binary doubles.
#include <cstdint>
#include <string>

namespace smartcopy::hyperliquid {

enum class rounding { nearest, toward_zero, away_from_zero };

/// Perp prices allow 6 - szDecimals decimals, spot prices 8 - szDecimals (reference §5.1).
enum class market_kind { perp, spot };

/// A price the exchange accepts: at most 5 significant figures (integers are always allowed) and at
/// most (6|8) - szDecimals decimals, as canonical text. Throws std::invalid_argument when `px` is
/// not finite or rounds to zero.
std::string price_to_wire(double px, int sz_decimals, rounding mode = rounding::nearest,
                          market_kind market = market_kind::perp);

/// The numeric value of price_to_wire.
double round_price(double px, int sz_decimals, rounding mode = rounding::nearest,
                   market_kind market = market_kind::perp);

/// A size truncated toward zero to szDecimals, as canonical text (never more than intended, so a
/// reduce-only close cannot grow a position). Throws std::invalid_argument when it truncates to 0.
std::string size_to_wire(double sz, int sz_decimals);

/// The numeric value of a size truncated toward zero to szDecimals; 0 when it is below one lot
/// (the caller then skips the order, SPEC §6 step 3).
double round_size_down(double sz, int sz_decimals);

/// The Python SDK's float_to_wire: 8 decimals, std::invalid_argument when that loses more than
/// 1e-12, trailing zeros stripped; -0 is written "0" (as the Rust SDK does).
std::string float_to_wire(double x);

/// The Python SDK's float_to_int_for_hashing: x * 1e8 as an integer, std::invalid_argument when x
/// is negative, or when x * 1e8 is 1e-3 or more away from an integer.
std::uint64_t float_to_int_for_hashing(double x);

}  // namespace smartcopy::hyperliquid
