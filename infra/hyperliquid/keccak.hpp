#pragma once
// Keccak-256 as Ethereum uses it (padding byte 0x01), not FIPS SHA3-256: reference §4.1.
#include <array>
#include <cstdint>
#include <string_view>

namespace smartcopy::hyperliquid {

using hash32 = std::array<std::uint8_t, 32>;

hash32 keccak256(const std::uint8_t* data, std::size_t size);

inline hash32 keccak256(std::string_view bytes) {
  return keccak256(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

}  // namespace smartcopy::hyperliquid
