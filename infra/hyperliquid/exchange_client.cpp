#include "infra/hyperliquid/exchange_client.hpp"

#include <chrono>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "infra/hyperliquid/hex.hpp"

namespace smartcopy::hyperliquid {
namespace {

namespace bj = boost::json;

std::int64_t system_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A transport failure after the request left may have executed on the exchange: ambiguous.
exchange_result transport_result(const http::transport_error& e) {
  exchange_result r;
  r.outcome = e.request_sent() ? exchange_outcome::ambiguous : exchange_outcome::not_sent;
  r.error_kind = e.kind() == http::error_kind::timeout ? exchange_error_kind::timeout
                                                       : exchange_error_kind::transport;
  r.error = std::string("exchange transport failure: ") + e.what();
  return r;
}

}  // namespace

exchange_client::exchange_client(exchange_options options, private_key key)
    : options_(std::move(options)), key_(std::move(key)) {
  if (options_.base_url.empty()) options_.base_url = default_base_url(options_.net);
  if (!options_.now_ms) options_.now_ms = system_now_ms;
  if (options_.vault_address) {
    if (!is_hex_of_size(*options_.vault_address, 20))
      throw std::invalid_argument("vault address must be 0x + 40 hex");
    options_.vault_address = lowercase_hex(*options_.vault_address);
  }
  http_ = std::make_unique<http::https_client>(options_.http);
}

std::uint64_t exchange_client::next_nonce() {
  const auto now = static_cast<std::uint64_t>(options_.now_ms());
  std::uint64_t last = last_nonce_.load();
  std::uint64_t next = 0;
  do {
    next = std::max(now, last + 1);
  } while (!last_nonce_.compare_exchange_weak(last, next));
  return next;
}

exchange_result exchange_client::post_action(const bj::value& action,
                                             std::optional<std::int64_t> expires_after_ms) {
  const auto nonce = next_nonce();
  std::optional<std::uint64_t> expires;
  if (expires_after_ms) expires = static_cast<std::uint64_t>(*expires_after_ms);
  const auto hash = l1_action_hash(action, nonce, options_.vault_address, expires);
  const auto sig = key_.sign(l1_agent_digest(hash, options_.net == network::mainnet));

  bj::object body;
  body["action"] = action;
  body["nonce"] = nonce;
  body["signature"] = bj::object{{"r", sig.r}, {"s", sig.s}, {"v", sig.v}};
  body["vaultAddress"] = options_.vault_address ? bj::value(*options_.vault_address) : nullptr;
  body["expiresAfter"] = expires ? bj::value(*expires) : nullptr;

  http::request req;
  req.method = "POST";
  req.url = options_.base_url + "/exchange";
  req.headers = {{"Content-Type", "application/json"}};
  req.body = bj::serialize(body);
  exchange_result r;
  try {
    const auto res = http_->send(req);
    r = parse_exchange_response(res.status, res.body);
  } catch (const http::transport_error& e) {
    r = transport_result(e);
  }
  r.nonce = nonce;
  return r;
}

exchange_result exchange_client::place_orders(const std::vector<order_wire>& orders,
                                              order_grouping grouping,
                                              std::optional<std::int64_t> expires_after_ms) {
  return post_action(order_action(orders, grouping), expires_after_ms);
}

exchange_result exchange_client::cancel(const std::vector<cancel_wire>& cancels) {
  return post_action(cancel_action(cancels));
}

exchange_result exchange_client::cancel_by_cloid(const std::vector<cancel_by_cloid_wire>& cancels) {
  return post_action(cancel_by_cloid_action(cancels));
}

exchange_result exchange_client::update_leverage(std::uint32_t asset, bool is_cross, int leverage) {
  return post_action(update_leverage_action(asset, is_cross, leverage));
}

exchange_result exchange_client::schedule_cancel(std::optional<std::int64_t> time_ms) {
  return post_action(schedule_cancel_action(time_ms));
}

}  // namespace smartcopy::hyperliquid
