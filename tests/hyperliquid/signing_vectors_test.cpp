// Signing against the official SDK vectors of ../shared/vectors/hl-signing.json (reference §4.9):
// msgpack bytes, action hash, EIP-712 digest and r/s/v on mainnet and testnet, with and without a
// vault address. Skips when ../shared is absent.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "infra/hyperliquid/eip712.hpp"
#include "infra/hyperliquid/hex.hpp"
#include "infra/hyperliquid/msgpack.hpp"
#include "infra/hyperliquid/signer.hpp"
#include "tests/hyperliquid/shared_data.hpp"

using namespace smartcopy::hyperliquid;
namespace bj = boost::json;

namespace {

std::optional<bj::value> vectors() {
  const auto text = smartcopy::test::read_shared("vectors/hl-signing.json");
  if (!text) return std::nullopt;
  return bj::parse(*text);
}

std::string str(const bj::value& v) {
  return std::string(v.as_string());
}

// r/s compared as numbers: the Python SDK prints them without leading zero nibbles.
std::string pad64(const std::string& hex) {
  const std::string digits = lowercase_hex(hex.substr(2));
  return "0x" + std::string(64 - digits.size(), '0') + digits;
}

}  // namespace

TEST_CASE("every L1 signing vector: msgpack, connection id, digest, r/s/v (reference §4.1-4.3)") {
  const auto doc = vectors();
  if (!doc) {
    MESSAGE("../shared absent: skipped");
    return;
  }
  int l1_cases = 0, signed_cases = 0, vault_cases = 0, testnet_cases = 0;
  for (const auto& c : doc->at("signing_cases").as_array()) {
    const auto& o = c.as_object();
    if (str(o.at("kind")) != "l1_action") continue;
    const std::string id = str(o.at("id"));
    CAPTURE(id);
    ++l1_cases;
    const auto& action = o.at("action");
    const auto& derived = o.at("derived_by_research").as_object();
    CHECK(to_hex(to_msgpack(action)) == str(derived.at("msgpack_action_hex")));
    std::optional<std::string> vault;
    if (!o.at("vault_address").is_null()) vault = str(o.at("vault_address"));
    std::optional<std::uint64_t> expires;
    if (!o.at("expires_after").is_null())
      expires = o.at("expires_after").to_number<std::uint64_t>();
    const auto nonce = o.at("nonce").to_number<std::uint64_t>();
    const auto hash = l1_action_hash(action, nonce, vault, expires);
    const auto& expected = o.at("expected").as_object();
    if (expected.contains("connection_id"))
      CHECK(to_hex(hash) == str(expected.at("connection_id")));
    CHECK(to_hex(hash) == str(derived.at("connection_id")));
    if (o.at("private_key").is_null()) continue;
    const bool mainnet = o.at("is_mainnet").as_bool();
    const auto digest = l1_agent_digest(hash, mainnet);
    CHECK(to_hex(digest) == str(derived.at("eip712_digest")));
    const auto key = private_key::from_hex(str(o.at("private_key")));
    CHECK(key.address() == lowercase_hex(str(o.at("signer_address_derived"))));
    const auto sig = key.sign(digest);
    CHECK(sig.r == pad64(str(expected.at("r"))));
    CHECK(sig.s == pad64(str(expected.at("s"))));
    CHECK(sig.v == expected.at("v").to_number<int>());
    CHECK(recover_signer(digest, sig) == key.address());
    ++signed_cases;
    vault_cases += vault ? 1 : 0;
    testnet_cases += mainnet ? 0 : 1;
  }
  CHECK(l1_cases == 19);
  CHECK(signed_cases == 18);
  CHECK(vault_cases == 2);
  CHECK(testnet_cases == 9);
}

TEST_CASE("user-signed vectors share the EIP-712 and signing code (reference §4.7)") {
  const auto doc = vectors();
  if (!doc) return;
  int cases = 0;
  for (const auto& c : doc->at("signing_cases").as_array()) {
    const auto& o = c.as_object();
    if (str(o.at("kind")) != "user_signed_action") continue;
    CAPTURE(str(o.at("id")));
    const auto& e = o.at("eip712").as_object();
    std::vector<eip712_field> fields;
    for (const auto& f : e.at("fields").as_array()) {
      const auto name = str(f.at("name"));
      const auto& v = e.at("message").at(name);
      fields.push_back({name, str(f.at("type")),
                        v.is_string() ? str(v) : std::to_string(v.to_number<std::uint64_t>())});
    }
    const auto primary = str(e.at("primary_type"));
    const auto domain = eip712_domain_separator(
        str(e.at("domain_name")), str(e.at("domain_version")),
        e.at("domain_chain_id").to_number<std::uint64_t>(), str(e.at("domain_verifying_contract")));
    CHECK(to_hex(domain) ==
          str(doc->at("constants_derived").at("user_signed_domain_separator_chainid_421614")));
    const auto digest = eip712_digest(domain, eip712_struct_hash(primary, fields));
    CHECK(to_hex(digest) == str(o.at("derived_by_research").at("eip712_digest")));
    const auto sig = private_key::from_hex(str(o.at("private_key"))).sign(digest);
    CHECK(sig.r == pad64(str(o.at("expected").at("r"))));
    CHECK(sig.s == pad64(str(o.at("expected").at("s"))));
    CHECK(sig.v == o.at("expected").at("v").to_number<int>());
    ++cases;
  }
  CHECK(cases == 2);
}

TEST_CASE("derived EIP-712 constants: Exchange domain and Agent type hash (reference §4.2)") {
  const auto doc = vectors();
  if (!doc) return;
  const auto& k = doc->at("constants_derived");
  CHECK(to_hex(eip712_domain_separator("Exchange", "1", 1337,
                                       "0x0000000000000000000000000000000000000000")) ==
        str(k.at("exchange_domain_separator")));
  CHECK(to_hex(keccak256(str(k.at("agent_type_string")))) == str(k.at("agent_typehash")));
  CHECK(to_hex(keccak256("a")) == str(k.at("keccak_source_a")));
  CHECK(to_hex(keccak256("b")) == str(k.at("keccak_source_b")));
}
