#include "infra/hyperliquid/signer.hpp"

#include <cstring>
#include <stdexcept>

#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include "infra/hyperliquid/eip712.hpp"
#include "infra/hyperliquid/hex.hpp"
#include "infra/hyperliquid/msgpack.hpp"

namespace smartcopy::hyperliquid {
namespace {

// One context for the process: creation is costly, and signing/recovery with it are thread-safe.
const secp256k1_context* context() {
  static secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
  return ctx;
}

std::string address_of(const secp256k1_pubkey& pubkey) {
  std::array<std::uint8_t, 65> raw{};
  std::size_t len = raw.size();
  secp256k1_ec_pubkey_serialize(context(), raw.data(), &len, &pubkey, SECP256K1_EC_UNCOMPRESSED);
  const auto h = keccak256(raw.data() + 1, 64);  // drop the 0x04 prefix
  return to_hex(h.data() + 12, 20);
}

void append_be(std::string& out, std::uint64_t v) {
  for (int i = 7; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

}  // namespace

private_key private_key::from_hex(std::string_view hex) {
  if (!is_hex_of_size(hex, 32) && !is_hex_of_size("0x" + std::string(hex), 32))
    throw std::invalid_argument("private key must be 32 bytes of hex");
  const auto raw = hyperliquid::from_hex(hex);
  private_key key;
  std::memcpy(key.secret_.data(), raw.data(), 32);
  if (!secp256k1_ec_seckey_verify(context(), key.secret_.data()))
    throw std::invalid_argument("private key is not a valid secp256k1 secret");
  secp256k1_pubkey pubkey;
  if (!secp256k1_ec_pubkey_create(context(), &pubkey, key.secret_.data()))
    throw std::invalid_argument("private key is not a valid secp256k1 secret");
  key.address_ = address_of(pubkey);
  return key;
}

private_key::~private_key() {
  // volatile stores so the compiler keeps the wipe of a dying object.
  volatile std::uint8_t* p = secret_.data();
  for (std::size_t i = 0; i < secret_.size(); ++i) p[i] = 0;
}

signature private_key::sign(const hash32& digest) const {
  secp256k1_ecdsa_recoverable_signature sig;
  if (!secp256k1_ecdsa_sign_recoverable(context(), &sig, digest.data(), secret_.data(), nullptr,
                                        nullptr))
    throw std::runtime_error("secp256k1 signing failed");
  std::array<std::uint8_t, 64> compact{};
  int recid = 0;
  secp256k1_ecdsa_recoverable_signature_serialize_compact(context(), compact.data(), &recid, &sig);
  return {to_hex(compact.data(), 32), to_hex(compact.data() + 32, 32), 27 + recid};
}

hash32 l1_action_hash(const boost::json::value& action, std::uint64_t nonce,
                      const std::optional<std::string>& vault_address,
                      std::optional<std::uint64_t> expires_after) {
  std::string data = to_msgpack(action);
  append_be(data, nonce);
  if (!vault_address) {
    data += '\x00';
  } else {
    if (!is_hex_of_size(*vault_address, 20))
      throw std::invalid_argument("vault address must be 0x + 40 hex");
    const auto raw = from_hex(*vault_address);
    data += '\x01';
    data.append(raw.begin(), raw.end());
  }
  if (expires_after) {
    data += '\x00';  // marker byte before expiresAfter, as the Python and TS SDKs write it
    append_be(data, *expires_after);
  }
  return keccak256(data);
}

hash32 l1_agent_digest(const hash32& connection_id, bool is_mainnet) {
  static const hash32 domain =
      eip712_domain_separator("Exchange", "1", 1337, "0x0000000000000000000000000000000000000000");
  const auto agent =
      eip712_struct_hash("Agent", {{"source", "string", is_mainnet ? "a" : "b"},
                                   {"connectionId", "bytes32", to_hex(connection_id)}});
  return eip712_digest(domain, agent);
}

std::string recover_signer(const hash32& digest, const signature& sig) {
  // r and s may arrive without leading zero nibbles (the Python SDK prints them that way).
  auto word = [](const std::string& hex) {
    std::string_view t = hex;
    if (t.size() < 3 || t[0] != '0' || (t[1] != 'x' && t[1] != 'X') || t.size() > 66)
      throw std::invalid_argument("signature r/s must be 0x + up to 64 hex");
    t.remove_prefix(2);
    const auto raw = from_hex(std::string(64 - t.size(), '0') + std::string(t));
    return raw;
  };
  if (sig.v != 27 && sig.v != 28) throw std::invalid_argument("signature v must be 27 or 28");
  std::array<std::uint8_t, 64> compact{};
  const auto r = word(sig.r);
  const auto s = word(sig.s);
  std::memcpy(compact.data(), r.data(), 32);
  std::memcpy(compact.data() + 32, s.data(), 32);
  secp256k1_ecdsa_recoverable_signature parsed;
  if (!secp256k1_ecdsa_recoverable_signature_parse_compact(context(), &parsed, compact.data(),
                                                           sig.v - 27))
    throw std::invalid_argument("signature r/s out of range");
  secp256k1_pubkey pubkey;
  if (!secp256k1_ecdsa_recover(context(), &pubkey, &parsed, digest.data()))
    throw std::invalid_argument("signature recovers no public key");
  return address_of(pubkey);
}

}  // namespace smartcopy::hyperliquid
