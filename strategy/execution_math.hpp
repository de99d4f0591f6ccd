#pragma once
// SPEC §6 (execution) arithmetic and Hyperliquid's tick and lot rules
// (reference/hyperliquid-api.md §5.1): order sizes, order prices, leverage.
#include <optional>

#include "messages/settings.hpp"
#include "messages/side.hpp"
#include "strategy/checked.hpp"
#include "strategy/gate_result.hpp"

namespace smartcopy::strategy {

/// Hyperliquid refuses orders under this notional (error MinTradeNtl, SPEC §6 step 3).
inline constexpr double min_order_notional_usd = 10.0;

/// SPEC §7 `close_position`: the reduce-only IOC goes this far through mark.
inline constexpr double close_slippage_percent = 1.0;

/// How a price is brought onto the tick grid.
enum class price_rounding { nearest, down, up };

/// SPEC §6 step 3: usd / mark in coins, rounded **down** to sz_decimals (never more risk than
/// sized, never more than a reduce-only close may take). sz_decimals must be in [0, 6].
checked<double> order_size_from_usd(double usd, double mark, int sz_decimals);

/// hyperliquid-api.md §5.1: at most 5 significant figures and at most 6 − sz_decimals decimals
/// (perps); integer prices are always allowed (123456 is valid, 12345.6 is not).
checked<double> round_price(double price, int sz_decimals, price_rounding mode);

/// SPEC §6 step 3: the entry order's limit price, mark × (1 + pct) when buying (a long),
/// × (1 − pct) when selling (a short) — pct is market_max_slippage_percent for the IOC and
/// limit_max_deviation_percent for the GTC — rounded towards mark so the bound is kept.
checked<double> entry_order_price(double mark, side position_side, double slippage_percent,
                                  int sz_decimals);

/// SPEC §7 close_position: mark ∓ 1 % — selling out of a long at mark × 0.99, buying back a
/// short at mark × 1.01 — rounded towards mark.
checked<double> close_order_price(double mark, side position_side, int sz_decimals);

/// SPEC §6 step 2: min(round(trader leverage), or default_leverage when unknown; max_leverage;
/// the asset's maxLeverage), and at least 1.
checked<int> choose_leverage(std::optional<double> trader_leverage, const entry_settings& entry,
                             int asset_max_leverage);

/// SPEC §6 step 3: orders under $10 notional are not sent (SKIP_SIZE_ZERO).
gate_result min_notional_gate(double size_coins, double price);

}  // namespace smartcopy::strategy
