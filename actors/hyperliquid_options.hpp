#pragma once
// The Hyperliquid client options of the live actors (market_data, exchange_gateway) from the
// [hyperliquid] and [http] settings of SPEC §2.
#include "infra/hyperliquid/endpoints.hpp"
#include "infra/hyperliquid/info_client.hpp"
#include "messages/settings.hpp"

namespace smartcopy {

/// "testnet" selects the testnet; anything else is mainnet (the config loader validates it).
hyperliquid::network hyperliquid_network(const settings& config);

/// hyperliquid.base_url, or the network's default when empty.
std::string hyperliquid_base_url(const settings& config);

hyperliquid::info_options hyperliquid_info_options(const settings& config);

}  // namespace smartcopy
