#pragma once
// From the gateway's numbers to wire orders (SPEC §6 steps 3-4): price rounded to what the
// exchange accepts, size rounded down to the asset's lot.
#include <optional>
#include <string>

#include "infra/hyperliquid/actions.hpp"
#include "infra/hyperliquid/info_types.hpp"
#include "infra/hyperliquid/wire_format.hpp"

namespace smartcopy::hyperliquid {

/// A limit order (Gtc / Ioc / Alo). Throws std::invalid_argument when the size is under one lot
/// or the price is not positive.
order_wire make_limit_order(const asset_meta& asset, bool is_buy, double px, double sz,
                            time_in_force tif, bool reduce_only,
                            std::optional<std::string> cloid = std::nullopt,
                            rounding price_rounding = rounding::nearest);

/// A trigger order firing on the mark: stop-loss (tpsl::sl) or take-profit (tpsl::tp). Market
/// triggers still need a limit price: trigger -/+ `market_slippage` (the exchange's own market
/// TP/SL tolerance is 10 %, reference §3.2). Hard stops are reduce-only (SPEC §6 step 4).
order_wire make_trigger_order(const asset_meta& asset, bool is_buy, double trigger_px, double sz,
                              tpsl kind, std::optional<std::string> cloid = std::nullopt,
                              bool is_market = true, double market_slippage = 0.10);

}  // namespace smartcopy::hyperliquid
