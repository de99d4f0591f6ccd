#include "strategy/execution_math.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "strategy/describe.hpp"

namespace smartcopy::strategy {

namespace {
// hyperliquid-api.md §5.1: perps allow 6 − szDecimals decimals and 5 significant figures.
constexpr int perp_max_decimals = 6;
constexpr int max_significant_figures = 5;

std::string sz_decimals_problem(int sz_decimals) {
  if (sz_decimals < 0 || sz_decimals > perp_max_decimals)
    return "sz_decimals must be in [0, 6], got " + std::to_string(sz_decimals);
  return {};
}

// x scaled to an integer number of steps, forgiving the last bits of binary representation
// (2.3 × 10 is 22.999999999999996, which must count as 23 steps, not 22).
double snap(double scaled) {
  const double nearest = std::round(scaled);
  return std::fabs(scaled - nearest) <= 1e-9 * std::max(1.0, std::fabs(scaled)) ? nearest : scaled;
}

double round_scaled(double scaled, price_rounding mode) {
  scaled = snap(scaled);
  switch (mode) {
    case price_rounding::down:
      return std::floor(scaled);
    case price_rounding::up:
      return std::ceil(scaled);
    case price_rounding::nearest:
      break;
  }
  return std::round(scaled);
}

// A buy's limit is rounded down and a sell's up: towards mark, so the slippage bound holds.
price_rounding towards_mark(bool is_buy) {
  return is_buy ? price_rounding::down : price_rounding::up;
}

checked<double> through_mark(double mark, bool is_buy, double percent, int sz_decimals) {
  if (auto e = first_error(
          {require_positive("mark", mark), require_non_negative("slippage_percent", percent)});
      !e.empty())
    return checked<double>::fail(e);
  if (!is_buy && percent >= 100)
    return checked<double>::fail("slippage_percent must be < 100 for a sell");
  const double px = mark * (1 + (is_buy ? 1 : -1) * percent / 100.0);
  return round_price(px, sz_decimals, towards_mark(is_buy));
}
}  // namespace

checked<double> order_size_from_usd(double usd, double mark, int sz_decimals) {
  if (auto e = first_error({require_non_negative("usd", usd), require_positive("mark", mark),
                            sz_decimals_problem(sz_decimals)});
      !e.empty())
    return checked<double>::fail(e);
  const double scale = std::pow(10.0, sz_decimals);
  return checked<double>::ok(round_scaled(usd / mark * scale, price_rounding::down) / scale);
}

checked<double> round_price(double price, int sz_decimals, price_rounding mode) {
  if (auto e = first_error({require_positive("price", price), sz_decimals_problem(sz_decimals)});
      !e.empty())
    return checked<double>::fail(e);
  // Decimals that keep 5 significant figures: 5 − (digits before the point).
  const int integer_digits = static_cast<int>(std::floor(std::log10(price))) + 1;
  const int decimals =
      std::clamp(max_significant_figures - integer_digits, 0, perp_max_decimals - sz_decimals);
  const double scale = std::pow(10.0, decimals);
  const double rounded = round_scaled(price * scale, mode) / scale;
  if (!(rounded > 0))
    return checked<double>::fail("price " + describe_number(price, 10) +
                                 " rounds to 0 with sz_decimals " + std::to_string(sz_decimals));
  return checked<double>::ok(rounded);
}

checked<double> entry_order_price(double mark, side position_side, double slippage_percent,
                                  int sz_decimals) {
  return through_mark(mark, position_side == side::long_, slippage_percent, sz_decimals);
}

checked<double> close_order_price(double mark, side position_side, int sz_decimals) {
  return through_mark(mark, position_side == side::short_, close_slippage_percent, sz_decimals);
}

checked<int> choose_leverage(std::optional<double> trader_leverage, const entry_settings& entry,
                             int asset_max_leverage) {
  if (trader_leverage)
    if (auto e = require_positive("trader_leverage", *trader_leverage); !e.empty())
      return checked<int>::fail(e);
  if (asset_max_leverage < 1)
    return checked<int>::fail("asset maxLeverage must be >= 1, got " +
                              std::to_string(asset_max_leverage));
  if (auto e = first_error({require_positive("max_leverage", entry.max_leverage),
                            require_positive("default_leverage", entry.default_leverage)});
      !e.empty())
    return checked<int>::fail(e);
  const double wanted =
      trader_leverage ? std::round(*trader_leverage) : std::round(entry.default_leverage);
  const double chosen =
      std::min({wanted, std::floor(entry.max_leverage), static_cast<double>(asset_max_leverage)});
  return checked<int>::ok(std::max(1, static_cast<int>(chosen)));
}

gate_result min_notional_gate(double size_coins, double price) {
  if (auto e =
          first_error({require_non_negative("size", size_coins), require_positive("price", price)});
      !e.empty())
    return gate_result::fail(decision::skip_size_zero, e);
  const double notional = size_coins * price;
  const std::string text = "order notional " + describe_number(notional) + " USD";
  if (notional >= min_order_notional_usd) return gate_result::pass(text);
  return gate_result::fail(decision::skip_size_zero, text + " is under the $10 minimum");
}

}  // namespace smartcopy::strategy
