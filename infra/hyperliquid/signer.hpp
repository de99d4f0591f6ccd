#pragma once
// L1 action signing (reference §4.1-§4.3): the action hash ("connection id"), the EIP-712
// phantom-agent digest, a recoverable secp256k1 signature, and recovery of the signer address
// (which is how the exchange, and our fake of it, learns who signed).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "infra/hyperliquid/keccak.hpp"

namespace smartcopy::hyperliquid {

/// {r, s, v} as the exchange body carries it: r and s are "0x" + 64 lowercase hex, v = 27 + recid.
struct signature {
  std::string r;
  std::string s;
  int v = 27;
};

/// A secp256k1 private key. The secret never leaves this object in text form: no accessor, no
/// stream operator, and error messages never quote the input. Zeroed on destruction.
class private_key {
 public:
  /// Parses 32 bytes of hex (with or without "0x"); throws std::invalid_argument (without the
  /// key text) when malformed or outside the curve order.
  static private_key from_hex(std::string_view hex);

  private_key(const private_key&) = default;
  private_key& operator=(const private_key&) = default;
  ~private_key();

  /// The Ethereum address of the key, "0x" + 40 lowercase hex.
  const std::string& address() const { return address_; }

  /// RFC 6979 deterministic, low-s, recoverable signature over a 32-byte digest.
  signature sign(const hash32& digest) const;

 private:
  private_key() = default;
  std::array<std::uint8_t, 32> secret_{};
  std::string address_;
};

/// keccak256(msgpack(action) ‖ nonce u64 BE ‖ 0x00 | 0x01 ‖ vault[20] ‖ [0x00 ‖ expiresAfter u64
/// BE]).
hash32 l1_action_hash(const boost::json::value& action, std::uint64_t nonce,
                      const std::optional<std::string>& vault_address,
                      std::optional<std::uint64_t> expires_after);

/// EIP-712 digest of Agent{source, connectionId} under domain Exchange/1/1337/0x0; source is
/// "a" on mainnet and "b" on testnet.
hash32 l1_agent_digest(const hash32& connection_id, bool is_mainnet);

/// Address ("0x" + 40 lowercase hex) whose key produced `sig` over `digest`; throws
/// std::invalid_argument when the signature is malformed or recovers no key.
std::string recover_signer(const hash32& digest, const signature& sig);

}  // namespace smartcopy::hyperliquid
