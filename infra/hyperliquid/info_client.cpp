#include "infra/hyperliquid/info_client.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "infra/hyperliquid/hex.hpp"

namespace smartcopy::hyperliquid {
namespace {

namespace bj = boost::json;

bj::object request_of(const char* type) {
  bj::object o;
  o["type"] = type;
  return o;
}

bj::object user_request(const char* type, const std::string& user) {
  auto o = request_of(type);
  o["user"] = lowercase_hex(user);
  return o;
}

bj::object dex_request(const char* type, const std::string& dex) {
  auto o = request_of(type);
  if (!dex.empty()) o["dex"] = dex;
  return o;
}

}  // namespace

info_client::info_client(info_options options)
    : options_(std::move(options)), http_(std::make_unique<http::https_client>(options_.http)) {}

std::string info_client::post(const bj::value& request) {
  http::request req;
  req.method = "POST";
  req.url = options_.base_url + "/info";
  req.headers = {{"Content-Type", "application/json"}};
  req.body = bj::serialize(request);
  http::response res;
  try {
    res = http_->send(req);
  } catch (const http::transport_error& e) {
    throw info_error(0, true, std::string("info transport failure: ") + e.what());
  }
  if (res.status < 200 || res.status >= 300) {
    const bool retryable = res.status == 429 || res.status >= 500;
    throw info_error(res.status, retryable,
                     "info HTTP " + std::to_string(res.status) + ": " + res.body.substr(0, 200));
  }
  return std::move(res.body);
}

std::vector<asset_meta> info_client::meta(const std::string& dex) {
  return parse_meta(post(dex_request("meta", dex)));
}

std::vector<asset_context> info_client::meta_and_asset_ctxs(const std::string& dex) {
  return parse_meta_and_asset_ctxs(post(dex_request("metaAndAssetCtxs", dex)));
}

std::map<std::string, double> info_client::all_mids(const std::string& dex) {
  return parse_all_mids(post(dex_request("allMids", dex)));
}

account_state info_client::clearinghouse_state(const std::string& user, const std::string& dex) {
  auto req = user_request("clearinghouseState", user);
  if (!dex.empty()) req["dex"] = dex;
  return parse_clearinghouse_state(post(req), user);
}

parsed_rows<open_order> info_client::open_orders(const std::string& user) {
  return parse_open_orders(post(user_request("openOrders", user)));
}

parsed_rows<open_order> info_client::frontend_open_orders(const std::string& user) {
  return parse_open_orders(post(user_request("frontendOpenOrders", user)));
}

order_status_result info_client::order_status(const std::string& user, std::int64_t oid) {
  auto req = user_request("orderStatus", user);
  req["oid"] = oid;
  return parse_order_status_response(post(req));
}

order_status_result info_client::order_status_by_cloid(const std::string& user,
                                                       const std::string& cloid) {
  auto req = user_request("orderStatus", user);
  req["oid"] = lowercase_hex(cloid);  // the same field takes an oid or a cloid (reference §2.8)
  return parse_order_status_response(post(req));
}

parsed_rows<user_fill> info_client::user_fills(const std::string& user) {
  return parse_user_fills(post(user_request("userFills", user)));
}

parsed_rows<user_fill> info_client::user_fills_by_time(const std::string& user,
                                                       std::int64_t start_ms,
                                                       std::optional<std::int64_t> end_ms) {
  auto req = user_request("userFillsByTime", user);
  req["startTime"] = start_ms;
  if (end_ms) req["endTime"] = *end_ms;
  return parse_user_fills(post(req));
}

parsed_rows<candle> info_client::candle_snapshot(const std::string& coin,
                                                 const std::string& interval, std::int64_t start_ms,
                                                 std::int64_t end_ms) {
  parsed_rows<candle> out;
  std::int64_t from = start_ms;
  while (from <= end_ms) {
    auto req = request_of("candleSnapshot");
    req["req"] = bj::object{
        {"coin", coin}, {"interval", interval}, {"startTime", from}, {"endTime", end_ms}};
    auto page = parse_candles(post(req));
    out.skipped.insert(out.skipped.end(), page.skipped.begin(), page.skipped.end());
    std::int64_t last = from - 1;
    for (auto& c : page.rows) {
      const bool fresh = out.rows.empty() || c.open_time > out.rows.back().open_time;
      if (fresh && c.open_time >= start_ms && c.open_time <= end_ms) out.rows.push_back(c);
      last = std::max(last, c.open_time);
    }
    // A short page is the last one; a page that does not move forward would loop forever.
    if (page.rows.size() + page.skipped.size() < options_.candle_page_size || last < from) break;
    from = last + 1;
  }
  return out;
}

}  // namespace smartcopy::hyperliquid
