#include "infra/hyperliquid/order_builders.hpp"

namespace smartcopy::hyperliquid {

order_wire make_limit_order(const asset_meta& asset, bool is_buy, double px, double sz,
                            time_in_force tif, bool reduce_only, std::optional<std::string> cloid,
                            rounding price_rounding) {
  if (!(px > 0)) throw std::invalid_argument("limit price must be positive");
  order_wire o;
  o.asset = asset.asset;
  o.is_buy = is_buy;
  o.price = price_to_wire(px, asset.sz_decimals, price_rounding);
  o.size = size_to_wire(sz, asset.sz_decimals);
  o.reduce_only = reduce_only;
  o.type = limit_order{tif};
  o.cloid = std::move(cloid);
  return o;
}

order_wire make_trigger_order(const asset_meta& asset, bool is_buy, double trigger_px, double sz,
                              tpsl kind, std::optional<std::string> cloid, bool is_market,
                              double market_slippage) {
  if (!(trigger_px > 0)) throw std::invalid_argument("trigger price must be positive");
  order_wire o;
  o.asset = asset.asset;
  o.is_buy = is_buy;
  const double limit =
      is_market ? trigger_px * (is_buy ? 1 + market_slippage : 1 - market_slippage) : trigger_px;
  // The worst acceptable fill rounds away from the trigger, so the bound is never tighter.
  o.price = price_to_wire(limit, asset.sz_decimals,
                          is_buy ? rounding::away_from_zero : rounding::toward_zero);
  o.size = size_to_wire(sz, asset.sz_decimals);
  o.reduce_only = true;
  o.type = trigger_order{is_market, price_to_wire(trigger_px, asset.sz_decimals), kind};
  o.cloid = std::move(cloid);
  return o;
}

}  // namespace smartcopy::hyperliquid
