#include "strategy/sizing.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "strategy/describe.hpp"

namespace smartcopy::strategy {

namespace {
// SPEC §5 step 1: the allocation assumed when the trader's account value is unknown.
constexpr double unknown_account_allocation = 0.05;

// SPEC §5 step 3 breakpoints (leverage, multiplier), and the multiplier beyond the last one.
constexpr std::array<std::pair<double, double>, 6> leverage_curve{
    {{1, 1.0}, {2, 0.9}, {3, 0.8}, {5, 0.6}, {10, 0.4}, {20, 0.2}}};
constexpr double beyond_curve_multiplier = 0.1;

// Down, so a capped size stays under its cap; the relative nudge keeps 12.34 (stored as
// 12.3399999...) from losing a cent to binary representation.
double floor_to_cents(double usd) {
  return std::floor(usd * 100.0 * (1 + 1e-12)) / 100.0;
}
}  // namespace

checked<double> roi_tier_multiplier(double trader_roi_7d) {
  if (auto e = require_finite("trader_roi_7d", trader_roi_7d); !e.empty())
    return checked<double>::fail(e);
  if (trader_roi_7d > 10) return checked<double>::ok(1.00);
  if (trader_roi_7d >= 0) return checked<double>::ok(0.75);
  return checked<double>::ok(0.50);
}

checked<double> leverage_penalty(double leverage) {
  if (auto e = require_positive("leverage", leverage); !e.empty()) return checked<double>::fail(e);
  if (leverage <= leverage_curve.front().first) return checked<double>::ok(1.0);
  for (std::size_t i = 1; i < leverage_curve.size(); ++i) {
    const auto [x1, y1] = leverage_curve[i];
    if (leverage <= x1) {
      const auto [x0, y0] = leverage_curve[i - 1];
      return checked<double>::ok(y0 + (y1 - y0) * (leverage - x0) / (x1 - x0));
    }
  }
  return checked<double>::ok(beyond_curve_multiplier);
}

checked<double> compute_copy_size(double trader_position_value, double trader_account_value,
                                  double our_equity, double trader_roi_7d,
                                  std::optional<double> leverage, const entry_settings& entry) {
  if (auto e = first_error({require_non_negative("trader_position_value", trader_position_value),
                            require_finite("trader_account_value", trader_account_value),
                            require_non_negative("our_equity", our_equity)});
      !e.empty())
    return checked<double>::fail(e);
  const double alloc = trader_account_value > 0 ? trader_position_value / trader_account_value
                                                : unknown_account_allocation;
  const auto tier = roi_tier_multiplier(trader_roi_7d);
  if (!tier) return checked<double>::fail(tier.error());
  double penalty = 1.0;
  if (leverage) {
    const auto p = leverage_penalty(*leverage);
    if (!p) return checked<double>::fail(p.error());
    penalty = *p;
  }
  double size = our_equity * alloc * entry.copy_ratio * *tier * penalty;
  size =
      std::min({size, our_equity * entry.max_single_position_ratio, entry.max_single_position_usd});
  if (size < entry.min_position_usd) return checked<double>::ok(0.0);
  return checked<double>::ok(floor_to_cents(size));
}

checked<double> clip_to_headroom(double size_usd, const exposure_headroom& book,
                                 const entry_settings& entry) {
  if (auto e = first_error({require_non_negative("size_usd", size_usd),
                            require_non_negative("our_equity", book.our_equity),
                            require_non_negative("total_exposure_usd", book.total_exposure_usd),
                            require_non_negative("token_exposure_usd", book.token_exposure_usd)});
      !e.empty())
    return checked<double>::fail(e);
  const double total_left =
      entry.max_total_exposure_ratio * book.our_equity - book.total_exposure_usd;
  const double token_left =
      entry.max_exposure_per_token * book.our_equity - book.token_exposure_usd;
  return checked<double>::ok(
      floor_to_cents(std::max(0.0, std::min({size_usd, total_left, token_left}))));
}

copy_size_result size_entry(double trader_position_value, double trader_account_value,
                            double trader_roi_7d, std::optional<double> leverage,
                            const exposure_headroom& book, const entry_settings& entry) {
  const auto size = compute_copy_size(trader_position_value, trader_account_value, book.our_equity,
                                      trader_roi_7d, leverage, entry);
  if (!size) return {gate_result::fail(decision::skip_size_zero, size.error()), 0};
  const auto clipped = clip_to_headroom(*size, book, entry);
  if (!clipped) return {gate_result::fail(decision::skip_size_zero, clipped.error()), 0};
  if (*clipped < entry.min_position_usd)
    return {gate_result::fail(decision::skip_size_zero,
                              "size " + describe_number(*clipped) + " USD (computed " +
                                  describe_number(*size) + ") is below min_position_usd " +
                                  describe_number(entry.min_position_usd)),
            0};
  return {gate_result::pass("size " + describe_number(*clipped) + " USD"), *clipped};
}

}  // namespace smartcopy::strategy
