// Numbers on the wire (reference §5, SPEC §6 step 3) against the number-format cases of
// ../shared/vectors/hl-signing.json, plus the rounding rules the gateway relies on.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "infra/hyperliquid/wire_format.hpp"
#include "tests/hyperliquid/shared_data.hpp"

using namespace smartcopy::hyperliquid;
namespace bj = boost::json;

namespace {
std::string str(const bj::value& v) {
  return std::string(v.as_string());
}

std::optional<bj::object> number_cases() {
  const auto text = smartcopy::test::read_shared("vectors/hl-signing.json");
  if (!text) return std::nullopt;
  return bj::parse(*text).at("number_format_cases").as_object();
}
}  // namespace

TEST_CASE("float_to_wire matches the Rust and derived Python cases (reference §5.2)") {
  const auto cases = number_cases();
  if (!cases) return;
  int n = 0;
  for (const auto& c : cases->at("rust_float_to_string_for_hashing").at("cases").as_array()) {
    CAPTURE(str(c.at("input_f64_literal")));
    CHECK(float_to_wire(std::stod(str(c.at("input_f64_literal")))) == str(c.at("expected")));
    ++n;
  }
  for (const auto& c : cases->at("python_float_to_wire_derived").at("cases").as_array()) {
    const auto input = str(c.at("input"));
    CAPTURE(input);
    const double x = std::stod(input);
    if (c.at("output").is_object()) {
      CHECK_THROWS_AS(float_to_wire(x), std::invalid_argument);
    } else if (input == "-0.0") {
      CHECK(float_to_wire(x) == "0");  // the vector file's note: a C++ port emits "0"
    } else {
      CHECK(float_to_wire(x) == str(c.at("output")));
    }
    ++n;
  }
  CHECK(n == 30);
}

TEST_CASE("float_to_int_for_hashing matches the Python SDK test") {
  const auto cases = number_cases();
  if (!cases) return;
  for (const auto& c : cases->at("python_float_to_int_for_hashing").at("cases").as_array()) {
    const double x = std::stod(str(c.at("input")));
    CAPTURE(str(c.at("input")));
    if (c.at("expected").is_null())
      CHECK_THROWS_AS(float_to_int_for_hashing(x), std::invalid_argument);
    else
      CHECK(std::to_string(float_to_int_for_hashing(x)) == str(c.at("expected")));
  }
  CHECK(float_to_int_for_hashing(1000) == 100000000000ULL);  // the "dummy" vector's num
}

TEST_CASE("truncating price and size formats match the TypeScript SDK cases (reference §5.1)") {
  const auto cases = number_cases();
  if (!cases) return;
  for (const auto& c : cases->at("nktkas_formatPrice").at("cases").as_array()) {
    const auto px = str(c.at("price"));
    CAPTURE(px);
    const int szd = c.at("szDecimals").to_number<int>();
    const auto market = str(c.at("market")) == "spot" ? market_kind::spot : market_kind::perp;
    if (c.at("expected").is_null())
      CHECK_THROWS_AS(price_to_wire(std::stod(px), szd, rounding::toward_zero, market),
                      std::invalid_argument);
    else
      CHECK(price_to_wire(std::stod(px), szd, rounding::toward_zero, market) ==
            str(c.at("expected")));
  }
  for (const auto& c : cases->at("nktkas_formatSize").at("cases").as_array()) {
    const auto sz = str(c.at("size"));
    CAPTURE(sz);
    const int szd = c.at("szDecimals").to_number<int>();
    if (c.at("expected").is_null())
      CHECK_THROWS_AS(size_to_wire(std::stod(sz), szd), std::invalid_argument);
    else
      CHECK(size_to_wire(std::stod(sz), szd) == str(c.at("expected")));
  }
}

TEST_CASE("nearest price rounding reproduces the Python SDK's slippage prices") {
  const auto cases = number_cases();
  if (!cases) return;
  for (const auto& c : cases->at("python_slippage_price_derived").at("cases").as_array()) {
    const double mid = std::stod(str(c.at("mid")));
    const double slip = c.at("slippage").to_number<double>();
    const double px = c.at("is_buy").as_bool() ? mid * (1 + slip) : mid * (1 - slip);
    CAPTURE(px);
    CHECK(price_to_wire(px, c.at("szDecimals").to_number<int>()) == str(c.at("wire")));
  }
}

TEST_CASE("SPEC §6: 5 significant figures, at most 6 - szDecimals decimals, integers allowed") {
  CHECK(price_to_wire(1234.56, 0) == "1234.6");       // 5 significant figures
  CHECK(price_to_wire(0.00123456, 0) == "0.001235");  // 6 decimals cap
  CHECK(price_to_wire(0.0123456, 3) == "0.012");      // 6 - 3 = 3 decimals
  CHECK(price_to_wire(123456.7, 5) == "123457");      // integer beyond 5 figures is allowed
  CHECK(price_to_wire(2000.0, 2) == "2000");          // never "2000.0" (reference §4.8 item 3)
  CHECK(price_to_wire(99999.6, 0) == "100000");       // carry into a new digit
  CHECK(price_to_wire(1.23449, 0, rounding::away_from_zero) == "1.2345");
  CHECK(price_to_wire(1.23441, 0, rounding::away_from_zero) == "1.2345");
  CHECK(price_to_wire(1.23449, 0, rounding::toward_zero) == "1.2344");
  CHECK(round_price(64193.4, 5) == 64193.0);
  CHECK_THROWS_AS(price_to_wire(std::nan(""), 0), std::invalid_argument);
  CHECK_THROWS_AS(price_to_wire(0.0, 0), std::invalid_argument);
}

TEST_CASE("SPEC §6: sizes round down to szDecimals, below one lot is zero") {
  CHECK(size_to_wire(0.123456, 4) == "0.1234");
  CHECK(size_to_wire(0.99999, 2) == "0.99");  // never up, even when close
  CHECK(size_to_wire(12.0, 0) == "12");
  CHECK(round_size_down(0.0147, 4) == 0.0147);
  CHECK(round_size_down(0.00004, 4) == 0.0);
  CHECK(round_size_down(100.0 / 3.0, 1) == 33.3);
  CHECK_THROWS_AS(size_to_wire(0.00004, 4), std::invalid_argument);
  CHECK_THROWS_AS(size_to_wire(std::numeric_limits<double>::infinity(), 2), std::invalid_argument);
}
