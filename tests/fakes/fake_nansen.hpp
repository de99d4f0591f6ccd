#pragma once
// A fake Nansen API on the local https_server (reference nansen-api.md): the six perp endpoints,
// validated like the real API (unknown key or missing `date` → 422, wrong path → 404, bad
// `apiKey` → 401), paginated from the request's `pagination`, with credit headers. Data comes
// from shared/fixtures/nansen (load_fixtures) and/or is set per address by the test; replies can
// be scripted per path (429, 500, slow, truncated, HTML) ahead of the normal answers.
// Thread-safe: the test thread scripts while server threads answer.
#include <boost/json/object.hpp>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fakes/https_server.hpp"

namespace smartcopy::fakes {

class fake_nansen {
 public:
  static constexpr const char* default_api_key = "test-nansen-key";
  /// The copied trader of the fixture set (shared/fixtures/nansen/README.md).
  static constexpr const char* fixture_trader = "0xd5250cc230db2c654a03023a8ed3a2b67a123f41";

  explicit fake_nansen(std::string api_key = default_api_key);
  ~fake_nansen();
  fake_nansen(const fake_nansen&) = delete;
  fake_nansen& operator=(const fake_nansen&) = delete;

  std::string base_url() const;  // https://127.0.0.1:<port> (the client appends /api/v1/...)
  std::string ca_file() const;
  const std::string& api_key() const { return api_key_; }
  https_server& server() { return *server_; }

  /// Serves every fixture of `dir` (pages merged; positions for fixture_trader, PnL leaderboard
  /// for BTC). False when the directory is missing (tests then skip).
  bool load_fixtures(const std::string& dir);

  // Data, rows in the API's own field names. Endpoints paginate them per request.
  /// For every window, or only when the request's window spans `window_days` days.
  void set_leaderboard(std::vector<boost::json::object> rows,
                       std::optional<int> window_days = std::nullopt);
  /// Filtered by the request's date range and sorted by its `order_by` timestamp direction
  /// (ascending without one: the API's default is oldest first).
  void set_trades(const std::string& address, std::vector<boost::json::object> rows);
  void add_trade(const std::string& address, boost::json::object row);
  /// The `data` object of profiler/perp-positions (an unknown address gets an empty account).
  void set_positions(const std::string& address, boost::json::object data);
  void set_pnl_leaderboard(const std::string& token, std::vector<boost::json::object> rows);
  void set_smart_money_trades(std::vector<boost::json::object> rows);
  void set_screener(std::vector<boost::json::object> rows);
  void set_credits_remaining(double credits);

  /// The next `times` requests to `path` (e.g. "profiler/perp-trades") that pass the apiKey
  /// check get `r` instead of the normal answer.
  void script(const std::string& path, reply r, int times = 1);
  /// The next `times` requests whose body `address` is `address` (profiler/*) get `r`.
  void script_address(const std::string& address, reply r, int times = 1);
  static reply rate_limited(std::optional<std::string> retry_after = std::nullopt);
  static reply server_error(int status = 500);
  static reply html_page(int status = 502);

  /// Requests received, all or those to one path ("perp-leaderboard"), in arrival order.
  std::vector<recorded_request> requests(std::string_view path = {}) const;
  /// The JSON bodies of requests(path), parsed (null for a body that is not JSON).
  std::vector<boost::json::value> request_bodies(std::string_view path) const;

 private:
  struct state;
  reply handle(const recorded_request& req);

  std::string api_key_;
  std::unique_ptr<state> state_;
  std::unique_ptr<https_server> server_;
};

}  // namespace smartcopy::fakes
