#include "actors/hyperliquid_options.hpp"

namespace smartcopy {

hyperliquid::network hyperliquid_network(const settings& config) {
  return config.hyperliquid.network == "testnet" ? hyperliquid::network::testnet
                                                 : hyperliquid::network::mainnet;
}

std::string hyperliquid_base_url(const settings& config) {
  if (!config.hyperliquid.base_url.empty()) return config.hyperliquid.base_url;
  return hyperliquid::default_base_url(hyperliquid_network(config));
}

hyperliquid::info_options hyperliquid_info_options(const settings& config) {
  hyperliquid::info_options o;
  o.base_url = hyperliquid_base_url(config);
  o.http.ca_file = config.http.ca_file;
  return o;
}

}  // namespace smartcopy
