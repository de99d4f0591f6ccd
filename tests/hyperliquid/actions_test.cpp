// Action builders and the msgpack writer (reference §3.2, §4.1): our builders must produce the
// very bytes of the SDK vectors, in the SDK's key order.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "infra/hyperliquid/actions.hpp"
#include "infra/hyperliquid/hex.hpp"
#include "infra/hyperliquid/msgpack.hpp"

using namespace smartcopy;
using namespace smartcopy::hyperliquid;

TEST_CASE("order builder = SDK bytes for GTC with cloid (py_order_gtc_cloid_mainnet)") {
  order_wire o;
  o.asset = 1;
  o.is_buy = true;
  o.price = "100";
  o.size = "100";
  o.type = limit_order{time_in_force::gtc};
  o.cloid = "0x00000000000000000000000000000001";
  CHECK(to_hex(to_msgpack(order_action({o}))) ==
        "0x83a474797065a56f72646572a66f72646572739187a16101a162c3a170a3313030a173a3313030a172c2a1"
        "7481a56c696d697481a3746966a3477463a163d92230783030303030303030303030303030303030303030303"
        "030303030303030303031a867726f7570696e67a26e61");
  o.cloid.reset();  // omitted, not nil, when absent
  CHECK(to_hex(to_msgpack(order_action({o}))) ==
        "0x83a474797065a56f72646572a66f72646572739186a16101a162c3a170a3313030a173a3313030a172c2a1"
        "7481a56c696d697481a3746966a3477463a867726f7570696e67a26e61");
}

TEST_CASE("trigger keys are isMarket, triggerPx, tpsl (py_order_trigger_sl_mainnet)") {
  order_wire o;
  o.asset = 1;
  o.price = "100";
  o.size = "100";
  o.type = trigger_order{true, "103", tpsl::sl};
  CHECK(to_hex(to_msgpack(order_action({o}))) ==
        "0x83a474797065a56f72646572a66f72646572739186a16101a162c3a170a3313030a173a3313030a172c2a1"
        "7481a77472696767657283a869734d61726b6574c3a9747269676765725078a3313033a47470736ca2736ca8"
        "67726f7570696e67a26e61");
}

TEST_CASE("schedule cancel, cancel, cancelByCloid and updateLeverage shapes") {
  CHECK(to_hex(to_msgpack(schedule_cancel_action(123456789))) ==
        "0x82a474797065ae7363686564756c6543616e63656ca474696d65ce075bcd15");
  CHECK(boost::json::serialize(schedule_cancel_action(std::nullopt)) ==
        R"({"type":"scheduleCancel"})");
  CHECK(boost::json::serialize(cancel_action({{3, 77}})) ==
        R"({"type":"cancel","cancels":[{"a":3,"o":77}]})");
  CHECK(
      boost::json::serialize(cancel_by_cloid_action({{3, "0xABCDEF0123456789ABCDEF0123456789"}})) ==
      R"({"type":"cancelByCloid","cancels":[{"asset":3,"cloid":"0xabcdef0123456789abcdef0123456789"}]})");
  CHECK(boost::json::serialize(update_leverage_action(5, false, 7)) ==
        R"({"type":"updateLeverage","asset":5,"isCross":false,"leverage":7})");
  order_wire tp;
  tp.price = "1";
  tp.size = "2";
  tp.reduce_only = true;
  tp.type = trigger_order{false, "1.5", tpsl::tp};
  CHECK(boost::json::serialize(order_action({tp}, order_grouping::position_tpsl)) ==
        R"({"type":"order","orders":[{"a":0,"b":true,"p":"1","s":"2","r":true,)"
        R"("t":{"trigger":{"isMarket":false,"triggerPx":"1.5","tpsl":"tp"}}}],)"
        R"("grouping":"positionTpsl"})");
}

TEST_CASE("builders refuse what the exchange would refuse") {
  CHECK_THROWS_AS(order_action({}), std::invalid_argument);
  order_wire o;
  o.price = "1";
  o.size = "1";
  o.cloid = "0x1234";
  CHECK_THROWS_AS(order_action({o}), std::invalid_argument);
  o.cloid.reset();
  o.size.clear();
  CHECK_THROWS_AS(order_action({o}), std::invalid_argument);
  CHECK_THROWS_AS(update_leverage_action(0, true, 0), std::invalid_argument);
  CHECK_THROWS_AS(cancel_by_cloid_action({{0, "nope"}}), std::invalid_argument);
}

TEST_CASE("msgpack widths: str8, array16, map16, signed ints, nil, and no doubles") {
  const std::string s40(40, 'x');
  CHECK(to_msgpack(boost::json::value(s40)).substr(0, 2) == std::string("\xd9\x28", 2));
  boost::json::array a(16, boost::json::value(1));
  CHECK(to_msgpack(a).substr(0, 3) == std::string("\xdc\x00\x10", 3));
  boost::json::object m;
  for (int i = 0; i < 16; ++i) m[std::string(1, static_cast<char>('a' + i))] = i;
  const auto packed = to_msgpack(m);
  CHECK(packed.substr(0, 3) == std::string("\xde\x00\x10", 3));
  CHECK(packed.substr(3, 3) == std::string("\xa1"
                                           "a"
                                           "\x00",
                                           3));  // insertion order kept
  CHECK(to_hex(to_msgpack(boost::json::value(-1))) == "0xff");
  CHECK(to_hex(to_msgpack(boost::json::value(-33))) == "0xd0df");
  CHECK(to_hex(to_msgpack(boost::json::value(-200))) == "0xd1ff38");
  CHECK(to_hex(to_msgpack(boost::json::value(200))) == "0xccc8");
  CHECK(to_hex(to_msgpack(boost::json::value(70000))) == "0xce00011170");
  CHECK(to_hex(to_msgpack(boost::json::value(nullptr))) == "0xc0");
  CHECK_THROWS_AS(to_msgpack(boost::json::value(1.5)), std::invalid_argument);
}
