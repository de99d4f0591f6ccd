#pragma once
// Parsers for /info response bodies (reference §2). Public and network-free so the backtest can
// reuse them on recorded rows (SPEC §9.1). Single-object answers throw parse_error when malformed;
// list answers skip a malformed row and record why (parsed_rows::skipped).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "infra/hyperliquid/errors.hpp"
#include "infra/hyperliquid/info_types.hpp"

namespace smartcopy::hyperliquid {

/// `meta`: the universe in order; `asset_offset` is 0 for the main dex, 100000 + 10000 * dex index
/// for a builder dex (reference §2.2).
std::vector<asset_meta> parse_meta(std::string_view body, std::uint32_t asset_offset = 0);

/// `metaAndAssetCtxs`: [meta, ctxs] zipped by position.
std::vector<asset_context> parse_meta_and_asset_ctxs(std::string_view body,
                                                     std::uint32_t asset_offset = 0);

/// `allMids`: coin -> mid; entries whose value is not a decimal are left out.
std::map<std::string, double> parse_all_mids(std::string_view body);

/// `clearinghouseState` of `user`; any malformed position fails the whole answer, because a
/// silently missing position would read as "closed".
account_state parse_clearinghouse_state(std::string_view body, std::string_view user);

/// `openOrders` and `frontendOpenOrders`.
parsed_rows<open_order> parse_open_orders(std::string_view body);

/// `orderStatus` by oid or cloid.
order_status_result parse_order_status_response(std::string_view body);

/// `historicalOrders`: rows shaped like orderStatus's inner object.
parsed_rows<order_status_result> parse_historical_orders(std::string_view body);

/// `userFills` and `userFillsByTime` (old rows without tid/feeToken/cloid are accepted).
parsed_rows<user_fill> parse_user_fills(std::string_view body);

/// `candleSnapshot`.
parsed_rows<candle> parse_candles(std::string_view body);

/// One candle object, e.g. one line of DIR/candles/<TOKEN>.jsonl; throws parse_error.
candle parse_candle(std::string_view json_object);

/// `l2Book`; nullopt for the `null` an unknown coin gets.
std::optional<l2_book> parse_l2_book(std::string_view body);

/// `fundingHistory`.
parsed_rows<funding_rate> parse_funding_history(std::string_view body);

/// `userRateLimit`.
user_rate_limit parse_user_rate_limit(std::string_view body);

}  // namespace smartcopy::hyperliquid
