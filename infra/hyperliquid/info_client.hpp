#pragma once
// POST {base}/info over HTTPS (reference §2): one call per request type, bodies parsed by
// info_parsers. Blocking; use one instance per thread. Failures: info_error (transport, non-2xx)
// and parse_error (unreadable answer).
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <boost/json/value.hpp>

#include "infra/http/https_client.hpp"
#include "infra/hyperliquid/endpoints.hpp"
#include "infra/hyperliquid/info_parsers.hpp"

namespace smartcopy::hyperliquid {

struct info_options {
  std::string base_url = default_base_url(network::mainnet);
  http::client_options http;
  /// candleSnapshot pages: a page shorter than this ends the walk (reference §2 pagination).
  std::size_t candle_page_size = 500;
};

class info_client {
 public:
  explicit info_client(info_options options);

  std::vector<asset_meta> meta(const std::string& dex = "");
  std::vector<asset_context> meta_and_asset_ctxs(const std::string& dex = "");
  std::map<std::string, double> all_mids(const std::string& dex = "");
  account_state clearinghouse_state(const std::string& user, const std::string& dex = "");
  parsed_rows<open_order> open_orders(const std::string& user);
  parsed_rows<open_order> frontend_open_orders(const std::string& user);
  order_status_result order_status(const std::string& user, std::int64_t oid);
  order_status_result order_status_by_cloid(const std::string& user, const std::string& cloid);
  parsed_rows<user_fill> user_fills(const std::string& user);
  parsed_rows<user_fill> user_fills_by_time(const std::string& user, std::int64_t start_ms,
                                            std::optional<std::int64_t> end_ms = std::nullopt);
  /// Candles with open time in [start_ms, end_ms], walking pages forward from the last candle
  /// returned until a short page or end_ms; ascending, no duplicates.
  parsed_rows<candle> candle_snapshot(const std::string& coin, const std::string& interval,
                                      std::int64_t start_ms, std::int64_t end_ms);

  /// Any other request type: the raw 2xx body.
  std::string post(const boost::json::value& request);

 private:
  info_options options_;
  std::unique_ptr<http::https_client> http_;
};

}  // namespace smartcopy::hyperliquid
