#pragma once
// What the /info endpoint tells us, as typed values (reference §2). Decimal strings become doubles
// here; prices sent back to the exchange are re-rounded by wire_format, never echoed from these.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "messages/order.hpp"
#include "messages/time.hpp"
#include "messages/trader_position.hpp"

namespace smartcopy::hyperliquid {

/// Rows of a list endpoint that parsed, and one reason per row that did not (SPEC §11: a bad row is
/// skipped with a counted reason).
template <class T>
struct parsed_rows {
  std::vector<T> rows;
  std::vector<std::string> skipped;
};

/// One perp of `meta.universe`. `asset` is the index orders use: the position in the universe
/// (delisted slots included) plus the dex offset (0 for the main dex, reference §2.2).
struct asset_meta {
  std::string name;  // "BTC", or "dex:COIN" for builder-deployed (HIP-3) perps
  std::uint32_t asset = 0;
  int sz_decimals = 0;
  int max_leverage = 1;
  bool only_isolated = false;  // onlyIsolated, or marginMode strictIsolated / noCross
  bool is_delisted = false;
};

/// Name -> asset lookup over one dex's universe.
class asset_universe {
 public:
  asset_universe() = default;
  explicit asset_universe(std::vector<asset_meta> assets);
  const asset_meta* find(const std::string& name) const;
  const std::vector<asset_meta>& assets() const { return assets_; }

 private:
  std::vector<asset_meta> assets_;
  std::unordered_map<std::string, std::size_t> by_name_;
};

/// metaAndAssetCtxs: an asset with its market context (reference §2.3).
struct asset_context {
  asset_meta meta;
  double mark_px = 0;
  std::optional<double> mid_px;
  double oracle_px = 0;
  double funding = 0;
  double open_interest = 0;
  double prev_day_px = 0;
  double day_ntl_vlm = 0;
};

/// One position of clearinghouseState with what trader_position does not carry.
struct account_position {
  trader_position position;
  double signed_size = 0;  // szi: > 0 long, < 0 short
  bool isolated = false;
  std::optional<double> liquidation_px;
  double margin_used = 0;
};

/// clearinghouseState of one address (reference §2.5).
struct account_state {
  std::string address;
  double account_value = 0;
  double total_ntl_pos = 0;
  double total_margin_used = 0;
  double withdrawable = 0;
  std::vector<account_position> positions;
  utc_time time{};  // the response's `time`, or the epoch when an old response lacks it

  /// The positions as the domain's trader_snapshot, taken at `time`.
  trader_snapshot to_snapshot() const;
};

/// openOrders / frontendOpenOrders row (reference §2.6); frontend-only fields keep their defaults
/// for plain openOrders rows.
struct open_order {
  std::string coin;
  bool is_buy = true;  // side "B"
  double limit_px = 0;
  double sz = 0;       // remaining
  double orig_sz = 0;  // equals sz when the row has no origSz
  std::int64_t oid = 0;
  utc_time timestamp{};
  std::optional<std::string> cloid;
  bool reduce_only = false;
  bool is_trigger = false;
  std::optional<double> trigger_px;
  std::string trigger_condition;
  std::string order_type;          // "Limit", "Stop Market", ...
  std::optional<std::string> tif;  // "Gtc", "Ioc", "Alo", ...
  bool is_position_tpsl = false;
  std::vector<open_order> children;
};

/// orderStatus (and each historicalOrders row): whether the exchange knows the order, its last
/// known state and the raw status word (reference §2.8).
struct order_status_result {
  bool known = false;  // false for {"status":"unknownOid"}
  open_order order;
  std::string status;  // "open", "filled", "canceled", "...Rejected", ...
  utc_time status_time{};

  /// The domain's order_status for `status` (SPEC §6 step 5 resolves ambiguity with it); only
  /// meaningful when `known` (an unknown oid/cloid never reached the book, or was forgotten).
  order_status to_order_status() const;
};

/// userFills / userFillsByTime row (reference §2.7); `base` is the domain fill.
struct user_fill {
  fill base;
  std::int64_t oid = 0;
  std::optional<std::int64_t> tid;  // absent in 2023 rows
  std::string dir;                  // "Open Long", "Close Short", ... kept as data
  double start_position = 0;        // signed, before this fill
  double closed_pnl = 0;
  std::string hash;
  bool crossed = false;
  std::string fee_token;
  bool liquidation = false;
};

/// candleSnapshot row {t,T,s,i,o,c,h,l,v,n} (reference §2.9, SPEC §9.1 candles/*.jsonl).
struct candle {
  std::int64_t open_time = 0;   // t, ms
  std::int64_t close_time = 0;  // T, ms (next open - 1)
  std::string coin;             // s
  std::string interval;         // i
  double open = 0;              // o
  double close = 0;             // c
  double high = 0;              // h
  double low = 0;               // l
  double volume = 0;            // v, base units
  std::int64_t trades = 0;      // n
};

struct book_level {
  double px = 0;
  double sz = 0;
  int n = 0;
};

/// l2Book (reference §2.10).
struct l2_book {
  std::string coin;
  utc_time time{};
  std::vector<book_level> bids;
  std::vector<book_level> asks;
};

/// fundingHistory row.
struct funding_rate {
  std::string coin;
  double rate = 0;
  double premium = 0;
  utc_time time{};
};

/// userRateLimit: the address's request budget (reference §7).
struct user_rate_limit {
  double cum_vlm = 0;
  std::int64_t n_requests_used = 0;
  std::int64_t n_requests_cap = 0;
};

}  // namespace smartcopy::hyperliquid
