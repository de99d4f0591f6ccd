#pragma once
// SPEC §9.2: simulated fills for paper mode and backtests — slippage, fill price, fees, and the
// pessimistic path of prices inside one candle.
#include <array>
#include <string>

#include "messages/settings.hpp"
#include "messages/side.hpp"
#include "strategy/checked.hpp"

namespace smartcopy::strategy {

/// SPEC §9.2: base slippage percent by token — BTC 0.02, ETH 0.03, SOL 0.08, others 0.15.
double base_slippage_percent(const std::string& token);

/// SPEC §9.2: base × (1 + size_usd / 100 000 × 0.5).
checked<double> simulated_slippage_percent(const std::string& token, double size_usd);

/// SPEC §9.2: mark moved against us by slippage_percent — up when buying, down when selling.
checked<double> simulated_fill_price(double mark, bool is_buy, double slippage_percent);

/// SPEC §9.2: the taker fee of one fill, notional × simulation.taker_fee_percent.
checked<double> taker_fee_usd(double notional_usd, const simulation_settings& simulation);

/// SPEC §9.2: a hard stop fills at the stop price moved against us by the simulated slippage
/// (selling out of a long, buying back a short).
checked<double> simulated_stop_fill_price(double stop_price, side position_side,
                                          const std::string& token, double size_usd);

/// SPEC §9.2: the prices a candle visits, pessimistic for an open position on `position_side`:
/// open → adverse extreme → favourable extreme → close (long: open, low, high, close; short:
/// open, high, low, close). Rejects a candle whose high/low do not bound its open and close.
checked<std::array<double, 4>> candle_price_path(double open, double high, double low, double close,
                                                 side position_side);

}  // namespace smartcopy::strategy
