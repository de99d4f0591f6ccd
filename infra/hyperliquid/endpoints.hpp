#pragma once
// Base URLs and the network flag that selects the signing source (reference §1, §4.2).
#include <string>

namespace smartcopy::hyperliquid {

enum class network { mainnet, testnet };

inline const char* default_base_url(network n) {
  return n == network::mainnet ? "https://api.hyperliquid.xyz"
                               : "https://api.hyperliquid-testnet.xyz";
}

}  // namespace smartcopy::hyperliquid
