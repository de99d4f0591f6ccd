#include "infra/hyperliquid/info_parsers.hpp"

#include <cmath>

#include "infra/hyperliquid/hex.hpp"
#include "infra/hyperliquid/json_fields.hpp"

namespace smartcopy::hyperliquid {
namespace {

namespace bj = boost::json;

bool is_buy_side(const bj::object& o) {
  const auto s = json::string_of(o, "side");
  if (s == "B") return true;
  if (s == "A") return false;
  throw parse_error("field 'side': expected \"B\" or \"A\", got \"" + s.substr(0, 16) + "\"");
}

std::optional<std::string> optional_cloid(const bj::object& o) {
  auto c = json::optional_string(o, "cloid");
  if (c && !is_hex_of_size(*c, 16)) throw parse_error("field 'cloid': expected 0x + 32 hex");
  if (c) *c = lowercase_hex(*c);
  return c;
}

// Runs `parse_row` on each element; a throwing row is skipped with its index and reason.
template <class T, class F>
parsed_rows<T> parse_list(std::string_view body, std::string_view what, F parse_row) {
  const auto doc = json::parse_body(body, what);
  const auto& rows = json::as_array(doc, what);
  parsed_rows<T> out;
  out.rows.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    try {
      out.rows.push_back(parse_row(json::as_object(rows[i], what)));
    } catch (const parse_error& e) {
      out.skipped.push_back(std::string(what) + "[" + std::to_string(i) + "]: " + e.what());
    }
  }
  return out;
}

asset_meta meta_row(const bj::object& o, std::uint32_t asset) {
  asset_meta m;
  m.name = json::string_of(o, "name");
  m.asset = asset;
  const auto sz = json::int_of(o, "szDecimals");
  const auto lev = json::int_of(o, "maxLeverage");
  if (sz < 0 || sz > 18) throw parse_error("field 'szDecimals': out of range");
  if (lev < 1 || lev > 1000) throw parse_error("field 'maxLeverage': out of range");
  m.sz_decimals = static_cast<int>(sz);
  m.max_leverage = static_cast<int>(lev);
  const auto mode = json::optional_string(o, "marginMode");
  m.only_isolated = json::bool_or(o, "onlyIsolated", false) ||
                    (mode && (*mode == "strictIsolated" || *mode == "noCross"));
  m.is_delisted = json::bool_or(o, "isDelisted", false);
  return m;
}

std::vector<asset_meta> meta_of(const bj::value& v, std::uint32_t asset_offset) {
  const auto& universe =
      json::as_array(json::member(json::as_object(v, "meta"), "universe"), "meta.universe");
  std::vector<asset_meta> out;
  out.reserve(universe.size());
  // Every slot keeps its index, delisted ones included (reference §2.2), so one bad row fails all.
  for (std::size_t i = 0; i < universe.size(); ++i)
    out.push_back(meta_row(json::as_object(universe[i], "meta.universe[]"),
                           asset_offset + static_cast<std::uint32_t>(i)));
  return out;
}

open_order order_row(const bj::object& o) {
  open_order r;
  r.coin = json::string_of(o, "coin");
  r.is_buy = is_buy_side(o);
  r.limit_px = json::decimal_of(o, "limitPx");
  r.sz = json::decimal_of(o, "sz");
  r.orig_sz = json::optional_decimal(o, "origSz").value_or(r.sz);
  r.oid = json::int_of(o, "oid");
  r.timestamp = utc_from_ms(json::int_of(o, "timestamp"));
  r.cloid = optional_cloid(o);
  r.reduce_only = json::bool_or(o, "reduceOnly", false);
  r.is_trigger = json::bool_or(o, "isTrigger", false);
  if (r.is_trigger) r.trigger_px = json::optional_decimal(o, "triggerPx");
  r.trigger_condition = json::optional_string(o, "triggerCondition").value_or("");
  r.order_type = json::optional_string(o, "orderType").value_or("");
  r.tif = json::optional_string(o, "tif");
  r.is_position_tpsl = json::bool_or(o, "isPositionTpsl", false);
  if (const auto* kids = o.if_contains("children"); kids && !kids->is_null())
    for (const auto& k : json::as_array(*kids, "children"))
      r.children.push_back(order_row(json::as_object(k, "children[]")));
  if (r.sz < 0 || r.orig_sz < 0 || r.limit_px < 0) throw parse_error("negative price or size");
  return r;
}

order_status_result status_row(const bj::object& o) {
  order_status_result r;
  r.known = true;
  r.order = order_row(json::as_object(json::member(o, "order"), "order"));
  r.status = json::string_of(o, "status");
  r.status_time = utc_from_ms(json::int_of(o, "statusTimestamp"));
  return r;
}

user_fill fill_row(const bj::object& o) {
  user_fill f;
  f.base.token = json::string_of(o, "coin");
  f.base.is_buy = is_buy_side(o);
  f.base.price = json::decimal_of(o, "px");
  f.base.size = json::decimal_of(o, "sz");
  f.base.fee_usd = json::optional_decimal(o, "fee").value_or(0.0);
  f.base.time = utc_from_ms(json::int_of(o, "time"));
  f.base.cloid = optional_cloid(o).value_or("");
  if (f.base.price <= 0 || f.base.size <= 0) throw parse_error("non-positive px or sz");
  f.oid = json::int_of(o, "oid");
  f.tid = json::optional_int(o, "tid");
  f.dir = json::optional_string(o, "dir").value_or("");
  f.start_position = json::optional_decimal(o, "startPosition").value_or(0.0);
  f.closed_pnl = json::optional_decimal(o, "closedPnl").value_or(0.0);
  f.hash = json::optional_string(o, "hash").value_or("");
  f.crossed = json::bool_or(o, "crossed", false);
  f.fee_token = json::optional_string(o, "feeToken").value_or("USDC");
  if (const auto* l = o.if_contains("liquidation")) f.liquidation = !l->is_null();
  return f;
}

candle candle_row(const bj::object& o) {
  candle c;
  c.open_time = json::int_of(o, "t");
  c.close_time = json::int_of(o, "T");
  c.coin = json::string_of(o, "s");
  c.interval = json::string_of(o, "i");
  c.open = json::decimal_of(o, "o");
  c.close = json::decimal_of(o, "c");
  c.high = json::decimal_of(o, "h");
  c.low = json::decimal_of(o, "l");
  c.volume = json::decimal_of(o, "v");
  c.trades = json::optional_int(o, "n").value_or(0);
  if (c.low <= 0 || c.high < c.low || c.open < c.low || c.open > c.high || c.close < c.low ||
      c.close > c.high)
    throw parse_error("candle prices are not low <= open, close <= high");
  if (c.close_time < c.open_time) throw parse_error("candle closes before it opens");
  return c;
}

account_position position_row(const bj::object& entry, std::string_view user, utc_time at) {
  const auto& p = json::as_object(json::member(entry, "position"), "position");
  account_position r;
  r.signed_size = json::decimal_of(p, "szi");
  r.position.address = std::string(user);
  r.position.token = json::string_of(p, "coin");
  r.position.position_side = r.signed_size < 0 ? side::short_ : side::long_;
  r.position.size = std::fabs(r.signed_size);
  r.position.position_value_usd = json::optional_decimal(p, "positionValue").value_or(0.0);
  r.position.entry_price = json::optional_decimal(p, "entryPx").value_or(0.0);
  r.position.unrealized_pnl_usd = json::optional_decimal(p, "unrealizedPnl").value_or(0.0);
  r.position.last_seen_at = at;
  if (const auto* lev = p.if_contains("leverage"); lev && lev->is_object()) {
    const auto& l = lev->get_object();
    r.position.leverage = json::decimal_of(l, "value");
    r.isolated = json::optional_string(l, "type").value_or("cross") == "isolated";
  }
  r.liquidation_px = json::optional_decimal(p, "liquidationPx");
  r.margin_used = json::optional_decimal(p, "marginUsed").value_or(0.0);
  return r;
}

}  // namespace

std::vector<asset_meta> parse_meta(std::string_view body, std::uint32_t asset_offset) {
  return meta_of(json::parse_body(body, "meta"), asset_offset);
}

std::vector<asset_context> parse_meta_and_asset_ctxs(std::string_view body,
                                                     std::uint32_t asset_offset) {
  const auto doc = json::parse_body(body, "metaAndAssetCtxs");
  const auto& pair = json::as_array(doc, "metaAndAssetCtxs");
  if (pair.size() != 2) throw parse_error("metaAndAssetCtxs: expected [meta, ctxs]");
  const auto metas = meta_of(pair[0], asset_offset);
  const auto& ctxs = json::as_array(pair[1], "metaAndAssetCtxs[1]");
  if (ctxs.size() != metas.size())
    throw parse_error("metaAndAssetCtxs: universe and contexts differ in length");
  std::vector<asset_context> out;
  out.reserve(metas.size());
  for (std::size_t i = 0; i < metas.size(); ++i) {
    const auto& c = json::as_object(ctxs[i], "metaAndAssetCtxs ctx");
    asset_context a;
    a.meta = metas[i];
    a.mark_px = json::decimal_of(c, "markPx");
    a.mid_px = json::optional_decimal(c, "midPx");
    a.oracle_px = json::optional_decimal(c, "oraclePx").value_or(0.0);
    a.funding = json::optional_decimal(c, "funding").value_or(0.0);
    a.open_interest = json::optional_decimal(c, "openInterest").value_or(0.0);
    a.prev_day_px = json::optional_decimal(c, "prevDayPx").value_or(0.0);
    a.day_ntl_vlm = json::optional_decimal(c, "dayNtlVlm").value_or(0.0);
    out.push_back(std::move(a));
  }
  return out;
}

std::map<std::string, double> parse_all_mids(std::string_view body) {
  const auto doc = json::parse_body(body, "allMids");
  std::map<std::string, double> out;
  for (const auto& kv : json::as_object(doc, "allMids")) {
    try {
      const double mid = json::decimal_value(kv.value(), kv.key());
      if (mid > 0) out.emplace(std::string(kv.key()), mid);
    } catch (const parse_error&) {
      // A coin without a usable mid has no price this round (SPEC §11: skipped, not fatal).
    }
  }
  return out;
}

account_state parse_clearinghouse_state(std::string_view body, std::string_view user) {
  const auto doc = json::parse_body(body, "clearinghouseState");
  const auto& o = json::as_object(doc, "clearinghouseState");
  account_state s;
  s.address = lowercase_hex(user);
  const auto& summary = json::as_object(json::member(o, "marginSummary"), "marginSummary");
  s.account_value = json::decimal_of(summary, "accountValue");
  s.total_ntl_pos = json::optional_decimal(summary, "totalNtlPos").value_or(0.0);
  s.total_margin_used = json::optional_decimal(summary, "totalMarginUsed").value_or(0.0);
  s.withdrawable = json::optional_decimal(o, "withdrawable").value_or(0.0);
  s.time = utc_from_ms(json::optional_int(o, "time").value_or(0));
  for (const auto& entry : json::as_array(json::member(o, "assetPositions"), "assetPositions")) {
    auto p = position_row(json::as_object(entry, "assetPositions[]"), s.address, s.time);
    if (p.signed_size != 0) s.positions.push_back(std::move(p));
  }
  return s;
}

parsed_rows<open_order> parse_open_orders(std::string_view body) {
  return parse_list<open_order>(body, "openOrders", order_row);
}

order_status_result parse_order_status_response(std::string_view body) {
  const auto doc = json::parse_body(body, "orderStatus");
  const auto& o = json::as_object(doc, "orderStatus");
  const auto status = json::string_of(o, "status");
  if (status == "unknownOid") return {};
  if (status != "order") throw parse_error("orderStatus: unexpected status \"" + status + "\"");
  return status_row(json::as_object(json::member(o, "order"), "orderStatus.order"));
}

parsed_rows<order_status_result> parse_historical_orders(std::string_view body) {
  return parse_list<order_status_result>(body, "historicalOrders", status_row);
}

parsed_rows<user_fill> parse_user_fills(std::string_view body) {
  return parse_list<user_fill>(body, "userFills", fill_row);
}

parsed_rows<candle> parse_candles(std::string_view body) {
  return parse_list<candle>(body, "candleSnapshot", candle_row);
}

candle parse_candle(std::string_view json_object) {
  return candle_row(json::as_object(json::parse_body(json_object, "candle"), "candle"));
}

std::optional<l2_book> parse_l2_book(std::string_view body) {
  const auto doc = json::parse_body(body, "l2Book");
  if (doc.is_null()) return std::nullopt;
  const auto& o = json::as_object(doc, "l2Book");
  l2_book b;
  b.coin = json::string_of(o, "coin");
  b.time = utc_from_ms(json::optional_int(o, "time").value_or(0));
  const auto& levels = json::as_array(json::member(o, "levels"), "l2Book.levels");
  if (levels.size() != 2) throw parse_error("l2Book.levels: expected [bids, asks]");
  for (int sideix = 0; sideix < 2; ++sideix) {
    auto& out = sideix == 0 ? b.bids : b.asks;
    for (const auto& l : json::as_array(levels[sideix], "l2Book.levels[]")) {
      const auto& lo = json::as_object(l, "l2Book level");
      out.push_back({json::decimal_of(lo, "px"), json::decimal_of(lo, "sz"),
                     static_cast<int>(json::optional_int(lo, "n").value_or(0))});
    }
  }
  return b;
}

parsed_rows<funding_rate> parse_funding_history(std::string_view body) {
  return parse_list<funding_rate>(body, "fundingHistory", [](const bj::object& o) {
    return funding_rate{json::string_of(o, "coin"), json::decimal_of(o, "fundingRate"),
                        json::optional_decimal(o, "premium").value_or(0.0),
                        utc_from_ms(json::int_of(o, "time"))};
  });
}

user_rate_limit parse_user_rate_limit(std::string_view body) {
  const auto doc = json::parse_body(body, "userRateLimit");
  const auto& o = json::as_object(doc, "userRateLimit");
  return {json::decimal_of(o, "cumVlm"), json::int_of(o, "nRequestsUsed"),
          json::int_of(o, "nRequestsCap")};
}

}  // namespace smartcopy::hyperliquid
