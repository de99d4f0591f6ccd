#pragma once
// Hex text <-> bytes for keys, addresses, hashes and signatures (Hyperliquid wants lowercase,
// "0x"-prefixed hex everywhere: reference §4.3, §4.8 item 4).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace smartcopy::hyperliquid {

/// "0x" + two lowercase hex digits per byte.
std::string to_hex(const std::uint8_t* data, std::size_t size);

template <class Bytes>
std::string to_hex(const Bytes& bytes) {
  return to_hex(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

/// Decodes hex with an optional "0x"/"0X" prefix; throws std::invalid_argument on an odd length
/// or a non-hex character.
std::vector<std::uint8_t> from_hex(std::string_view text);

/// True for "0x" followed by exactly `bytes` bytes of hex (any letter case).
bool is_hex_of_size(std::string_view text, std::size_t bytes);

/// Lowercases an address or other hex text (the exchange rebuilds hashes from lowercase).
std::string lowercase_hex(std::string_view text);

}  // namespace smartcopy::hyperliquid
