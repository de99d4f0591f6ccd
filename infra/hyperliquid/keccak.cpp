#include "infra/hyperliquid/keccak.hpp"

#include <cryptopp/keccak.h>

namespace smartcopy::hyperliquid {

hash32 keccak256(const std::uint8_t* data, std::size_t size) {
  CryptoPP::Keccak_256 h;
  h.Update(data, size);
  hash32 out{};
  h.Final(out.data());
  return out;
}

}  // namespace smartcopy::hyperliquid
