#pragma once
// What the daemon's end-to-end tests share: a fake Nansen and a fake Hyperliquid over HTTPS, a
// database seeded with one primary trader, the configuration (short intervals) on the command
// line, and helpers to script the trader, start the real binary and ask it through `inspect`.
#include <netinet/in.h>
#include <sys/socket.h>

#include <soci/soci.h>
#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "fakes/fake_hyperliquid.hpp"
#include "fakes/fake_nansen.hpp"
#include "infra/db/database.hpp"
#include "infra/db/traders_table.hpp"
#include "infra/hyperliquid/signer.hpp"
#include "support/daemon_process.hpp"
#include "support/run_binary.hpp"
#include "support/temp_dir.hpp"

namespace smartcopy::daemon_test {

inline const std::string trader = "0x1111111111111111111111111111111111111111";
// A throwaway key that signs for the fake exchange only.
inline const std::string key_hex =
    "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

inline utc_time wall_now() {
  return std::chrono::time_point_cast<milliseconds>(std::chrono::system_clock::now());
}

inline int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

struct daemon_fixture {
  fakes::fake_nansen nansen;
  fakes::fake_hyperliquid hl;
  temp_dir dir;
  std::string account = hyperliquid::private_key::from_hex(key_hex).address();
  int port = free_port();
  bool live;
  std::string extra;  // more --set options
  std::vector<boost::json::object> trades;
  boost::json::array holdings;
  int trade_count = 0;

  explicit daemon_fixture(bool live_mode, std::string more = {})
      : live(live_mode), extra(std::move(more)) {
    hl.add_agent(account, account);
    hl.set_account_value(account, 100'000);
    seed_trader();
    set_holdings();
  }

  // The last daemon log survives the test's directory, for a failure's post-mortem.
  ~daemon_fixture() {
    std::error_code ignored;
    std::filesystem::copy_file(
        log_file(), std::filesystem::temp_directory_path() / "smartcopy-daemon-test-last.log",
        std::filesystem::copy_options::overwrite_existing, ignored);
  }

  std::string db_file() const { return dir.file("smartcopy.db"); }
  std::string log_file() const { return dir.file("daemon.log"); }

  std::string options() const {
    std::string o = " --set nansen.base_url=" + nansen.base_url() +
                    " --set hyperliquid.base_url=" + hl.base_url() +
                    " --set http.ca_file=" + hl.ca_file() + " --set db.url=sqlite:" + db_file() +
                    " --set inspect.port=" + std::to_string(port) +
                    " --set polling.address_trades_sec=1 --set polling.positions_sec=1"
                    " --set polling.monitor_sec=1 --set entry.copy_delay_minutes=0.05"
                    " --set account.paper_equity_usd=100000";
    if (live) o += " --set mode=live --set hyperliquid.account_address=" + account;
    return o + " " + extra;
  }

  std::unique_ptr<daemon_process> start(const std::string& run_args = "run --shutdown-timeout 5") {
    std::vector<std::string> env{"NANSEN_API_KEY=" + nansen.api_key()};
    if (live) env.push_back("HYPERLIQUID_PRIVATE_KEY=" + key_hex);
    auto d =
        std::make_unique<daemon_process>(run_args + options(), env, log_file(), dir.path.string());
    return d;
  }

  /// `smartcopy inspect <args> --json` answered by the daemon.
  run_result inspect(const std::string& args) const {
    return run_smartcopy("inspect " + args + " --set inspect.port=" + std::to_string(port));
  }
  boost::json::value inspect_json(const std::string& view) const {
    const auto r = inspect(view + " --json");
    if (r.exit_code != 0) return nullptr;
    return boost::json::parse(r.output);
  }
  bool daemon_answers() const { return inspect("status").exit_code == 0; }

  /// The trader as a primary, freshly scored row: the daemon follows it at once.
  void seed_trader() {
    database db("sqlite:" + db_file());
    db.migrate();
    trader_row row;
    row.address = trader;
    row.tier = trader_tier::primary;
    row.score = 0.9;
    row.roi_7d = 5;
    row.account_value = 500'000;
    row.nof_trades = 80;
    row.win_rate = 0.6;
    row.last_scored_at = wall_now();
    traders_table(db.session()).upsert(row);
  }

  /// The trader opens `size` coins of `token` long at `price`, now: the trade and the position.
  void trader_opens(const std::string& token, double price, double size) {
    const auto at = wall_now();
    auto stamp = to_iso8601(at);
    stamp.pop_back();
    ++trade_count;
    trades.push_back(
        {{"action", "Open"},
         {"side", "Long"},
         {"token_symbol", token},
         {"size", size},
         {"price", price},
         {"value_usd", price * size},
         {"start_position", 0.0},
         {"closed_pnl", 0.0},
         {"fee_usd", price * size * 0.00045},
         {"fee_token_symbol", "USDC"},
         {"crossed", true},
         {"oid", 7000 + trade_count},
         {"block_number", 9000 + trade_count},
         {"timestamp", stamp},
         {"transaction_hash", "0x" + std::string(60, 'b') + std::to_string(1000 + trade_count)},
         {"user", trader}});
    nansen.set_trades(trader, trades);
    holdings.push_back(boost::json::object{{"position",
                                            {{"token_symbol", token},
                                             {"size", std::to_string(size)},
                                             {"entry_price_usd", std::to_string(price)},
                                             {"position_value_usd", std::to_string(price * size)},
                                             {"leverage_value", 3},
                                             {"leverage_type", "isolated"},
                                             {"unrealized_pnl_usd", "0"}}},
                                           {"position_type", "oneWay"}});
    set_holdings();
  }

  void set_holdings() {
    nansen.set_positions(trader, {{"asset_positions", holdings},
                                  {"margin_summary_account_value_usd", "500000"},
                                  {"timestamp", static_cast<std::int64_t>(to_ms(wall_now()))}});
  }

  // ---- what the fake exchange holds ----
  std::size_t entry_orders(const std::string& coin) const {
    std::size_t n = 0;
    for (const auto& o : hl.orders(account))
      if (o.coin == coin && !o.reduce_only && !o.is_trigger) ++n;
    return n;
  }
  std::size_t resting_stops(const std::string& coin) const {
    std::size_t n = 0;
    for (const auto& o : hl.orders(account))
      if (o.coin == coin && o.is_trigger && o.reduce_only && o.status == "open") ++n;
    return n;
  }

  // ---- what the database holds ----
  template <class T>
  T scalar(const std::string& sql) const {
    database db("sqlite:" + db_file());
    T v{};
    db.session() << sql, soci::into(v);
    return v;
  }
  int count(const std::string& sql) const { return scalar<int>(sql); }
};

}  // namespace smartcopy::daemon_test
