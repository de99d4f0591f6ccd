// Reading /exchange answers (reference §3.4-3.5) into the outcome policy of SPEC §6 step 5.
#include <doctest/doctest.h>

#include "infra/hyperliquid/exchange_types.hpp"

using namespace smartcopy::hyperliquid;

TEST_CASE("order statuses: resting, filled, per-order error, waiting") {
  const auto r = parse_exchange_response(
      200, R"({"status":"ok","response":{"type":"order","data":{"statuses":[)"
           R"({"resting":{"oid":77,"cloid":"0x0000000000000000000000000000000A"}},)"
           R"({"filled":{"totalSz":"0.02","avgPx":"1891.4","oid":78}},)"
           R"({"error":"Order 2: Reduce only order would increase position."},)"
           R"("waitingForTrigger","success"]}}})");
  CHECK(r.outcome == exchange_outcome::accepted);
  REQUIRE(r.statuses.size() == 5);
  CHECK(r.statuses[0].type == status_entry::kind::resting);
  CHECK(*r.statuses[0].oid == 77);
  CHECK(*r.statuses[0].cloid == "0x0000000000000000000000000000000a");
  CHECK(r.statuses[1].type == status_entry::kind::filled);
  CHECK(r.statuses[1].total_sz == doctest::Approx(0.02));
  CHECK(r.statuses[1].avg_px == doctest::Approx(1891.4));
  CHECK(r.statuses[2].type == status_entry::kind::error);
  CHECK(r.statuses[2].error_type == order_error::reduce_only);
  CHECK(r.statuses[3].type == status_entry::kind::waiting_for_trigger);
  CHECK(r.statuses[4].type == status_entry::kind::success);
}

TEST_CASE("default acks and whole-request errors") {
  const auto ok = parse_exchange_response(200, R"({"status":"ok","response":{"type":"default"}})");
  CHECK(ok.accepted());
  CHECK(ok.statuses.empty());
  const auto err = parse_exchange_response(
      200, R"({"status":"err","response":"L1 error: User or API Wallet 0xabc does not exist."})");
  CHECK(err.outcome == exchange_outcome::rejected);
  CHECK(err.error_kind == exchange_error_kind::signature);
  CHECK(err.error.find("does not exist") != std::string::npos);
  const auto other = parse_exchange_response(200, R"({"status":"err","response":"Invalid nonce"})");
  CHECK(other.error_kind == exchange_error_kind::exchange);
}

TEST_CASE("SPEC §6 step 5: 5xx and unreadable 2xx are ambiguous, 4xx and 429 are rejected") {
  const auto s500 = parse_exchange_response(502, "<html>Bad Gateway</html>");
  CHECK(s500.outcome == exchange_outcome::ambiguous);
  CHECK(s500.http_status == 502);
  const auto garbled = parse_exchange_response(200, R"({"status":"ok","response":{"type":"or)");
  CHECK(garbled.outcome == exchange_outcome::ambiguous);
  CHECK(garbled.error_kind == exchange_error_kind::malformed_response);
  const auto weird = parse_exchange_response(200, R"({"status":"pending"})");
  CHECK(weird.outcome == exchange_outcome::ambiguous);
  const auto s429 = parse_exchange_response(429, "rate limited");
  CHECK(s429.outcome == exchange_outcome::rejected);
  CHECK(s429.error_kind == exchange_error_kind::rate_limited);
  const auto s422 =
      parse_exchange_response(422, "Failed to deserialize the JSON body into the target type");
  CHECK(s422.outcome == exchange_outcome::rejected);
  CHECK(s422.error.find("422") != std::string::npos);
}

TEST_CASE("per-order error texts of reference §3.5 are typed") {
  CHECK(classify_order_error("Price must be divisible by tick size.") == order_error::tick);
  CHECK(classify_order_error("Order must have minimum value of $10.") == order_error::min_notional);
  CHECK(classify_order_error("Insufficient margin to place order.") == order_error::margin);
  CHECK(classify_order_error("Post only order would have immediately matched, bbo was 1@2") ==
        order_error::bad_alo_px);
  CHECK(classify_order_error("Order could not immediately match against any resting orders.") ==
        order_error::ioc_no_match);
  CHECK(classify_order_error("Invalid TP/SL price.") == order_error::bad_trigger_px);
  CHECK(classify_order_error("No liquidity available for market order.") ==
        order_error::no_liquidity);
  CHECK(classify_order_error("Order would increase open interest too quickly") ==
        order_error::open_interest_cap);
  CHECK(classify_order_error("Order price too far from oracle") == order_error::oracle);
  CHECK(classify_order_error(
            "Order would cause position to exceed margin tier limit at current leverage") ==
        order_error::max_position);
  CHECK(classify_order_error("Order was never placed, already canceled, or filled.") ==
        order_error::missing_order);
  CHECK(classify_order_error("Duplicate cloid.") == order_error::duplicate_cloid);
  CHECK(classify_order_error("Something new") == order_error::other);
}
