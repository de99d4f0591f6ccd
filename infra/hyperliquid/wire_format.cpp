#include "infra/hyperliquid/wire_format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace smartcopy::hyperliquid {
namespace {

// value = (negative ? -1 : 1) * digits * 10^exponent; digits has no leading zeros except "0".
struct decimal {
  bool negative = false;
  std::string digits = "0";
  int exponent = 0;

  bool is_zero() const { return digits.find_first_not_of('0') == std::string::npos; }
  // Digits before the decimal point of the leading significant digit: 1234.5 -> 4, 0.0012 -> -2.
  int magnitude() const { return static_cast<int>(digits.size()) + exponent; }
};

decimal to_decimal(double x) {
  if (!std::isfinite(x)) throw std::invalid_argument("number is not finite");
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  if (ec != std::errc{}) throw std::invalid_argument("number cannot be printed");
  const std::string text(buf, end);  // shortest round-trip form, e.g. "-3.1500525e+03"
  decimal d;
  std::size_t i = 0;
  if (text[i] == '-') {
    d.negative = true;
    ++i;
  }
  const std::size_t e_pos = text.find('e');
  std::string digits;
  for (std::size_t j = i; j < e_pos; ++j)
    if (text[j] != '.') digits += text[j];
  const int exp10 = std::atoi(text.c_str() + e_pos + 1);
  d.exponent = exp10 - static_cast<int>(digits.size() - 1);
  const auto first = digits.find_first_not_of('0');
  d.digits = first == std::string::npos ? "0" : digits.substr(first);
  return d;
}

decimal round_to(decimal d, int decimals, rounding mode) {
  if (d.exponent >= -decimals) return d;
  const std::size_t drop = static_cast<std::size_t>(-decimals - d.exponent);
  std::string kept;
  std::string dropped;
  if (drop >= d.digits.size()) {
    kept = "0";
    dropped = std::string(drop - d.digits.size(), '0') + d.digits;
  } else {
    kept = d.digits.substr(0, d.digits.size() - drop);
    dropped = d.digits.substr(d.digits.size() - drop);
  }
  bool increment = false;
  if (mode == rounding::nearest) increment = dropped[0] >= '5';
  if (mode == rounding::away_from_zero)
    increment = dropped.find_first_not_of('0') != std::string::npos;
  if (increment) {
    int i = static_cast<int>(kept.size()) - 1;
    for (; i >= 0 && kept[i] == '9'; --i) kept[i] = '0';
    if (i < 0)
      kept.insert(kept.begin(), '1');
    else
      ++kept[i];
  }
  const auto first = kept.find_first_not_of('0');
  d.digits = first == std::string::npos ? "0" : kept.substr(first);
  d.exponent = -decimals;
  return d;
}

std::string to_plain_string(const decimal& d) {
  if (d.is_zero()) return "0";
  std::string out;
  if (d.exponent >= 0) {
    out = d.digits + std::string(d.exponent, '0');
  } else {
    const int point = d.magnitude();
    if (point <= 0)
      out = "0." + std::string(-point, '0') + d.digits;
    else
      out = d.digits.substr(0, point) + "." + d.digits.substr(point);
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  return d.negative ? "-" + out : out;
}

int max_price_decimals(int sz_decimals, market_kind market) {
  return std::max(0, (market == market_kind::perp ? 6 : 8) - sz_decimals);
}

decimal rounded_price(double px, int sz_decimals, rounding mode, market_kind market) {
  const decimal d = to_decimal(px);
  const int significant = std::max(0, 5 - d.magnitude());
  const decimal r =
      round_to(d, std::min(significant, max_price_decimals(sz_decimals, market)), mode);
  if (r.is_zero()) throw std::invalid_argument("price rounds to zero");
  return r;
}

}  // namespace

std::string price_to_wire(double px, int sz_decimals, rounding mode, market_kind market) {
  return to_plain_string(rounded_price(px, sz_decimals, mode, market));
}

double round_price(double px, int sz_decimals, rounding mode, market_kind market) {
  return std::stod(price_to_wire(px, sz_decimals, mode, market));
}

std::string size_to_wire(double sz, int sz_decimals) {
  const decimal r = round_to(to_decimal(sz), std::max(0, sz_decimals), rounding::toward_zero);
  if (r.is_zero()) throw std::invalid_argument("size truncates to zero lots");
  return to_plain_string(r);
}

double round_size_down(double sz, int sz_decimals) {
  const decimal r = round_to(to_decimal(sz), std::max(0, sz_decimals), rounding::toward_zero);
  return r.is_zero() ? 0.0 : std::stod(to_plain_string(r));
}

std::string float_to_wire(double x) {
  if (!std::isfinite(x)) throw std::invalid_argument("float_to_wire: number is not finite");
  char buf[512];
  std::snprintf(buf, sizeof buf, "%.8f", x);
  if (std::fabs(std::strtod(buf, nullptr) - x) >= 1e-12)
    throw std::invalid_argument("float_to_wire causes rounding");
  std::string out = buf;
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out == "-0" ? "0" : out;
}

std::uint64_t float_to_int_for_hashing(double x) {
  if (x < 0) throw std::invalid_argument("float_to_int_for_hashing: negative value");
  decimal d = to_decimal(x);
  d.exponent += 8;
  if (d.exponent < 0) {
    const decimal whole = round_to(d, 0, rounding::nearest);
    // |whole - d| from the digits that were dropped, as a fraction of one unit.
    const std::size_t n = static_cast<std::size_t>(-d.exponent);
    const std::string frac = n > d.digits.size() ? std::string(n - d.digits.size(), '0') + d.digits
                                                 : d.digits.substr(d.digits.size() - n);
    const double f = std::stod("0." + frac);
    if (std::min(f, 1.0 - f) >= 1e-3)
      throw std::invalid_argument("float_to_int_for_hashing causes rounding");
    d = whole;
  }
  const std::string text = to_plain_string(d);
  std::uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || ptr != text.data() + text.size())
    throw std::invalid_argument("float_to_int_for_hashing: value out of range");
  return v;
}

}  // namespace smartcopy::hyperliquid
