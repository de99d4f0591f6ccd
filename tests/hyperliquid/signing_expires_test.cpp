// expiresAfter in the action hash (reference §4.1 and §4.6): the Python vectors have none, so these
// are the TypeScript SDK's vectors (nktkas/hyperliquid tests/signing/mod.test.ts @1bd7b74),
// covering every combination of vault address and expiresAfter on both networks.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "infra/hyperliquid/hex.hpp"
#include "infra/hyperliquid/signer.hpp"

using namespace smartcopy::hyperliquid;

namespace {

struct nk_case {
  const char* name;
  bool vault;
  bool expires;
  const char* hash;
  signature mainnet;
  signature testnet;
};

const nk_case cases[] = {
    {"plain",
     false,
     false,
     "0x25367e0dba84351148288c2233cd6130ed6cec5967ded0c0b7334f36f957cc90",
     {"0x61078d8ffa3cb591de045438a1ae2ed299b271891d1943a33901e7cfb3a31ed8",
      "0x0e91df4f9841641d3322dad8d932874b74d7e082cdb5b533f804964a6963aef9", 28},
     {"0x6b0283a894d87b996ad0182b86251cc80d27d61ef307449a2ed249a508ded1f7",
      "0x6f884e79f4a0a10af62db831af6f8e03b3f11d899eb49b352f836746ee9226da", 27}},
    {"vault",
     true,
     false,
     "0x214e2ea3270981b6fd18174216691e69f56872663139d396b10ded319cb4bb1e",
     {"0x77151b3ae29b83c8affb3791568c6452019ba8c30019236003abb1efcd809433",
      "0x55668c02f6ad4a1c335ce99987b7545984c4edc1765fe52cf115a423dc8279bb", 27},
     {"0x294a6cf713483c129be9af5c7450aca59c9082f391f02325715c0d04b7f48ac1",
      "0x119cfd947dcd2da1d1064a9d08bcf07e01fc9b72dd7cca69a988c74249e300f0", 27}},
    {"expires",
     false,
     true,
     "0xc30b002ba3775e4c31c43c1dfd3291dfc85c6ae06c6b9f393991de86cad5fac7",
     {"0x162a52128fb58bc6adb783e3d36913c53127851144fc45c5603a51e97b9202fd",
      "0x469571eb0a2101a32f81f9584e15fd35c723a6089e106f4f33798dbccf7cd416", 28},
     {"0x5094989a7c0317db6553f21dd7f90d43415e8bd01af03829de249d4ea0aa5f66",
      "0x491d04966e81662bd4e70d607fac30e71803c01733f4f66ff7299b0470675b8b", 27}},
    {"vault+expires",
     true,
     true,
     "0x2d62412aa0fc57441b5189841d81554a6a9680bf07204e1454983a9ca44f0744",
     {"0x78fcca006d7fdfaf1f66978ef7a60280246fc3e7a5b39a68a1656c3e42c58bf1",
      "0x61a09957de7f0886c2bdffb7a94e3a257bf240796883ea6ceaf4d0be37055cdd", 27},
     {"0x3a0bbbd9fadca54f58a2b7050899cecb97f68b2f693c63e91ca60510427326d7",
      "0x60f75f12cae7b9dc18b889406192afcaf13f40d2f8c68cc01f7f83f3fb5deb23", 27}},
};

}  // namespace

TEST_CASE("action hash and signature with and without vault and expiresAfter (reference §4.1)") {
  const auto action = boost::json::parse(
      R"({"type":"order","orders":[{"a":0,"b":true,"p":"30000","s":"0.1","r":false,)"
      R"("t":{"limit":{"tif":"Gtc"}}}],"grouping":"na"})");
  const auto key =
      private_key::from_hex("0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff");
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const std::optional<std::string> vault =
        c.vault ? std::optional<std::string>("0x1234567890123456789012345678901234567890")
                : std::nullopt;
    const std::optional<std::uint64_t> expires =
        c.expires ? std::optional<std::uint64_t>(1234567890) : std::nullopt;
    const auto hash = l1_action_hash(action, 1234567890, vault, expires);
    CHECK(to_hex(hash) == c.hash);
    for (bool mainnet : {true, false}) {
      const auto sig = key.sign(l1_agent_digest(hash, mainnet));
      const auto& want = mainnet ? c.mainnet : c.testnet;
      CHECK(sig.r == want.r);
      CHECK(sig.s == want.s);
      CHECK(sig.v == want.v);
    }
  }
}

TEST_CASE("mainnet and testnet signatures differ and each recovers the signer (reference §4.2)") {
  const auto key =
      private_key::from_hex("0123456789012345678901234567890123456789012345678901234567890123");
  CHECK(key.address() == "0x14791697260e4c9a71f18484c9f997b308e59325");
  const auto hash = l1_action_hash(boost::json::parse(R"({"type":"scheduleCancel"})"), 7,
                                   std::nullopt, std::nullopt);
  const auto a = l1_agent_digest(hash, true);
  const auto b = l1_agent_digest(hash, false);
  CHECK(a != b);
  CHECK(recover_signer(a, key.sign(a)) == key.address());
  CHECK(recover_signer(b, key.sign(b)) == key.address());
  // A signature checked against the other network's digest names a different (unknown) signer.
  CHECK(recover_signer(b, key.sign(a)) != key.address());
}

TEST_CASE("bad keys and signatures are clear errors that never echo the key") {
  const std::string secret = "0x00000000000000000000000000000000000000000000000000000000000000zz";
  try {
    (void)private_key::from_hex(secret);
    FAIL("accepted a malformed key");
  } catch (const std::invalid_argument& e) {
    CHECK(std::string(e.what()).find("zz") == std::string::npos);
  }
  CHECK_THROWS_AS(private_key::from_hex("0x1234"), std::invalid_argument);
  CHECK_THROWS_AS(private_key::from_hex(std::string(64, '0')), std::invalid_argument);  // zero key
  CHECK_THROWS_AS(private_key::from_hex(std::string(64, 'f')), std::invalid_argument);  // > order
  const hash32 digest{};
  CHECK_THROWS_AS(recover_signer(digest, {"0x01", "0x01", 29}), std::invalid_argument);
  CHECK_THROWS_AS(recover_signer(digest, {"nothex", "0x01", 27}), std::invalid_argument);
  CHECK_THROWS_AS(recover_signer(digest, {"0x" + std::string(64, 'f'), "0x01", 27}),
                  std::invalid_argument);
  CHECK_THROWS_AS(
      l1_action_hash(boost::json::parse(R"({"type":"x"})"), 1, std::string("0x1234"), std::nullopt),
      std::invalid_argument);
}
