#pragma once
// SPEC §5 (copy sizing) and §4 step 9 (clipping to the book's headroom).
#include <optional>

#include "messages/settings.hpp"
#include "strategy/checked.hpp"
#include "strategy/gate_result.hpp"

namespace smartcopy::strategy {

/// SPEC §5 step 2: 1.00 when roi_7d > 10, 0.75 when 0 ≤ roi_7d ≤ 10, 0.50 when negative.
checked<double> roi_tier_multiplier(double trader_roi_7d);

/// SPEC §5 step 3: piecewise-linear through (1,1.0) (2,0.9) (3,0.8) (5,0.6) (10,0.4) (20,0.2),
/// 0.1 above 20. Leverage ≤ 1 carries no penalty (the rule applies "when leverage > 1").
checked<double> leverage_penalty(double leverage);

/// SPEC §5: trader allocation × our equity × copy_ratio × ROI tier × leverage penalty, capped
/// at max_single_position_ratio × equity and max_single_position_usd; 0 below min_position_usd,
/// else rounded down to cents (down, so the result never exceeds a cap). `leverage` is nullopt
/// when the trader's leverage is unknown.
checked<double> compute_copy_size(double trader_position_value, double trader_account_value,
                                  double our_equity, double trader_roi_7d,
                                  std::optional<double> leverage, const entry_settings& entry);

/// What the risk guard has committed (open positions plus reservations) when step 9 runs.
struct exposure_headroom {
  double our_equity = 0;
  double total_exposure_usd = 0;  // all open and reserved notional
  double token_exposure_usd = 0;  // open and reserved notional in the signal's token
};

/// SPEC §4 step 9 [decision]: the size clipped to what is left of the total exposure limit
/// (max_total_exposure_ratio × equity − total exposure) and of the token's limit
/// (max_exposure_per_token × equity − token exposure); never below 0.
checked<double> clip_to_headroom(double size_usd, const exposure_headroom& book,
                                 const entry_settings& entry);

/// SPEC §4 step 9 as one step: compute_copy_size, clip_to_headroom, and SKIP_SIZE_ZERO when the
/// result is below min_position_usd (or an input is invalid).
struct copy_size_result {
  gate_result gate;
  double size_usd = 0;  // the size to send when gate.passed
};
copy_size_result size_entry(double trader_position_value, double trader_account_value,
                            double trader_roi_7d, std::optional<double> leverage,
                            const exposure_headroom& book, const entry_settings& entry);

}  // namespace smartcopy::strategy
