// SPEC §1 `run --paper`, §10 inspect and shutdown: the real binary against the fake Nansen and
// fake Hyperliquid. A scripted trader Open becomes a paper position seen through `inspect`;
// pause skips the next signal with its reason; `inspect close` closes; SIGTERM exits 0.
#include <doctest/doctest.h>

#include "daemon_fixture.hpp"

using namespace smartcopy;
using namespace smartcopy::daemon_test;
using std::chrono::seconds;

namespace {

boost::json::array open_positions(const daemon_fixture& f) {
  const auto v = f.inspect_json("positions");
  return v.is_array() ? v.as_array() : boost::json::array{};
}

}  // namespace

TEST_CASE("paper run: Open → position, pause → SKIP_PAUSED, inspect close, SIGTERM exits 0") {
  daemon_fixture f(false);
  auto d = f.start("run --paper --shutdown-timeout 5");
  REQUIRE(eventually([&] { return f.daemon_answers(); }));
  const auto status = f.inspect_json("status");
  CHECK(status.at("mode").as_string() == "paper");
  CHECK(status.at("paused").as_bool() == false);

  // 2 BTC at 60000 = 120000 USD, 24 % of the trader's 500000: passes steps 1-3, waits 3 s.
  f.trader_opens("BTC", 60'000, 2);
  REQUIRE(eventually([&] { return open_positions(f).size() == 1; }, seconds(15)));
  const auto pos = open_positions(f).at(0).as_object();
  CHECK(pos.at("token").as_string() == "BTC");
  CHECK(pos.at("side").as_string() == "Long");
  // Paper fill at the fake's mark 60000 plus the simulated slippage against us (SPEC §9.2).
  CHECK(pos.at("entry_price").as_double() >= 60'000);
  CHECK(pos.at("entry_price").as_double() < 60'000 * 1.005);
  CHECK(pos.at("stop_price").as_double() ==
        doctest::Approx(pos.at("entry_price").as_double() * 0.95));
  CHECK(f.hl.order_count() == 0);  // paper: nothing reaches the exchange

  // The supervision tree: the position actor under its supervisor, with its mailbox size.
  const auto tree = f.inspect_json("actors");
  REQUIRE(tree.is_object());
  bool position_listed = false;
  for (const auto& child : tree.at("children").as_array()) {
    const auto& node = child.as_object();
    if (node.at("name").as_string() != "position_supervisor") continue;
    CHECK(node.at("restarts").as_int64() == 0);
    for (const auto& p : node.at("children").as_array())
      if (p.at("name").as_string() == "position." + std::to_string(pos.at("id").as_int64()))
        position_listed = p.at("mailbox").is_int64();
  }
  CHECK(position_listed);

  REQUIRE(f.inspect("pause").exit_code == 0);
  CHECK(f.inspect_json("status").at("paused").as_bool());
  f.trader_opens("ETH", 3'000, 40);  // 120000 USD
  REQUIRE(eventually(
      [&] {
        return f.count(
                   "SELECT count(*) FROM signals WHERE token_symbol = 'ETH' AND "
                   "decision = 'SKIP_PAUSED'") == 1;
      },
      seconds(15)));
  CHECK(f.scalar<std::string>("SELECT reason FROM signals WHERE token_symbol = 'ETH'")
            .find("paused by the operator") != std::string::npos);
  CHECK(open_positions(f).size() == 1);

  const auto id = std::to_string(pos.at("id").as_int64());
  const auto closed = f.inspect("close " + id);
  CHECK_MESSAGE(closed.exit_code == 0, closed.output);
  CHECK(open_positions(f).empty());
  CHECK(f.scalar<std::string>("SELECT close_reason FROM our_positions WHERE id = " + id) ==
        "MANUAL");
  // A position that is not open is a clear error.
  const auto again = f.inspect("close " + id);
  CHECK(again.exit_code == 1);
  CHECK(again.output.find("was not closed") != std::string::npos);

  CHECK(d->stop(SIGTERM, seconds(10)) == 0);
  CHECK(f.scalar<std::string>("PRAGMA integrity_check") == "ok");
  CHECK(f.count("SELECT count(*) FROM signals WHERE decision = 'EXECUTE' AND reason = "
                "'approved, entry sent'") == 0);
}

TEST_CASE("inspect without a daemon says so and exits 1") {
  const auto r = run_smartcopy("inspect status --set inspect.port=" + std::to_string(free_port()));
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("no smartcopy daemon answers") != std::string::npos);
}

TEST_CASE("live mode refuses to start without an account and a key, naming the key") {
  temp_dir dir;
  const auto r = run_smartcopy("run --set mode=live --set db.url=sqlite:" + dir.file("x.db"),
                               "NANSEN_API_KEY=k");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("hyperliquid.account_address") != std::string::npos);
  const auto r2 = run_smartcopy(
      "run --set mode=live --set "
      "hyperliquid.account_address=0x1111111111111111111111111111111111111111 "
      "--set db.url=sqlite:" +
          dir.file("x.db"),
      "NANSEN_API_KEY=k");
  CHECK(r2.exit_code == 2);
  CHECK(r2.output.find("hyperliquid.private_key") != std::string::npos);
}
