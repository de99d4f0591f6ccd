#pragma once
// POST {base}/exchange (reference §3): builds, signs and sends L1 actions and reports each
// request as accepted / rejected / ambiguous / not_sent (SPEC §6 step 5). The private key is held
// only as a private_key object and is never logged or printed.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "infra/http/https_client.hpp"
#include "infra/hyperliquid/actions.hpp"
#include "infra/hyperliquid/endpoints.hpp"
#include "infra/hyperliquid/exchange_types.hpp"
#include "infra/hyperliquid/signer.hpp"

namespace smartcopy::hyperliquid {

struct exchange_options {
  network net = network::mainnet;            // selects the signing source: "a" mainnet, "b" testnet
  std::string base_url;                      // empty: the network's default URL
  std::optional<std::string> vault_address;  // trade for a vault / sub-account
  http::client_options http;
  /// Milliseconds since the epoch for nonces; injectable so tests control time.
  std::function<std::int64_t()> now_ms;
};

class exchange_client {
 public:
  exchange_client(exchange_options options, private_key key);

  /// The address that signs (the agent/API wallet when one is used, reference §4.5).
  const std::string& signer_address() const { return key_.address(); }

  exchange_result place_orders(const std::vector<order_wire>& orders,
                               order_grouping grouping = order_grouping::na,
                               std::optional<std::int64_t> expires_after_ms = std::nullopt);
  exchange_result cancel(const std::vector<cancel_wire>& cancels);
  exchange_result cancel_by_cloid(const std::vector<cancel_by_cloid_wire>& cancels);
  exchange_result update_leverage(std::uint32_t asset, bool is_cross, int leverage);
  exchange_result schedule_cancel(std::optional<std::int64_t> time_ms);

  /// Signs and posts any L1 action. `expires_after_ms` makes a late arrival fail instead of
  /// executing (reference §4.6).
  exchange_result post_action(const boost::json::value& action,
                              std::optional<std::int64_t> expires_after_ms = std::nullopt);

  /// max(now, last + 1): strictly increasing per signer (reference §4.4). Thread-safe.
  std::uint64_t next_nonce();

 private:
  exchange_options options_;
  private_key key_;
  std::unique_ptr<http::https_client> http_;
  std::atomic<std::uint64_t> last_nonce_{0};
};

}  // namespace smartcopy::hyperliquid
