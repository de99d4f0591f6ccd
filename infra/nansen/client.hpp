#pragma once
// The Nansen API client (SPEC §2 [nansen], §3, §11; reference nansen-api.md): the six calls of
// seed task 2.1 with automatic pagination, a client-side rate limiter, retries with backoff and
// Retry-After, typed errors and credit accounting.
//
// Synchronous and NOT thread-safe (it owns one https_client): use one instance per actor. Several
// instances may share one rate_limiter (client_options::limiter) to respect the per-key limits.
#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "infra/http/https_client.hpp"
#include "infra/nansen/errors.hpp"
#include "infra/nansen/leaderboard_parser.hpp"
#include "infra/nansen/parse_stats.hpp"
#include "infra/nansen/pnl_leaderboard_parser.hpp"
#include "infra/nansen/positions_parser.hpp"
#include "infra/nansen/rate_limiter.hpp"
#include "infra/nansen/request_bodies.hpp"
#include "infra/nansen/screener_parser.hpp"
#include "infra/nansen/smart_money_parser.hpp"
#include "infra/nansen/trades_parser.hpp"
#include "messages/settings.hpp"

namespace smartcopy::nansen {

/// Knobs beyond nansen_settings (tests shrink the delays; the daemon keeps the defaults).
struct client_options {
  http::client_options http;  // ca_file; its timeouts are replaced, see `timeout`
  /// Read and total timeout of one HTTP attempt; unset: nansen_settings::timeout_sec.
  std::optional<std::chrono::milliseconds> timeout;
  int per_page = 100;                            // reference §2.2: "use 100"
  int max_pages = 10;                            // page cap of every paginated call
  std::chrono::milliseconds backoff_base{1000};  // first retry waits 0.5-1 x this
  std::chrono::milliseconds backoff_cap{30'000};
  /// A Retry-After longer than this is not waited for: the call fails at once instead.
  std::chrono::milliseconds max_retry_after{120'000};
  std::uint64_t jitter_seed = 0;          // 0: seeded from std::random_device
  std::shared_ptr<rate_limiter> limiter;  // null: a limiter of this client's own
};

/// Credit and request counters (reference §4: credits are charged on 2xx only and reported in
/// X-Nansen-Credits-Used / -Remaining).
struct usage_counters {
  double credits_used = 0;
  std::optional<double> credits_remaining;  // the latest value the server reported
  std::size_t requests = 0;                 // HTTP attempts, retries included
  std::size_t retries = 0;
};

template <class Row>
struct list_result {
  std::vector<Row> rows;
  parse_stats stats;
  int pages = 0;           // pages fetched
  bool truncated = false;  // stopped by the page cap while the server had more
};

/// Polling options of get_address_perp_trades (newest first, reference §6.2).
struct trades_query {
  int max_pages = 0;  // 0: client_options::max_pages
  /// Stop paging after a page that contains a trade for which this returns true (a fill the
  /// caller has already processed: everything older is known too).
  std::function<bool(const trade&)> already_seen;
};

class client {
 public:
  explicit client(const nansen_settings& settings, std::string ca_file = {});
  client(const nansen_settings& settings, client_options options);

  /// perp-leaderboard over the UTC dates of [date_from, date_to] (date-only range).
  list_result<leaderboard_row> get_perp_leaderboard(utc_time date_from, utc_time date_to);
  /// profiler/perp-trades, newest first; `trader_address` of every row is `address`.
  list_result<trade> get_address_perp_trades(const std::string& address, const date_range& range,
                                             const trades_query& query = {});
  /// profiler/perp-positions (not paginated).
  positions_result get_address_perp_positions(const std::string& address);
  list_result<pnl_leaderboard_row> get_perp_pnl_leaderboard(const std::string& token_symbol,
                                                            const date_range& range);
  list_result<smart_money_trade> get_smart_money_perp_trades(bool only_new_positions);
  list_result<screener_row> get_perp_screener(const date_range& range);

  const usage_counters& usage() const { return usage_; }

  /// One POST with limiter and retries; returns the 2xx body. Throws nansen::error.
  std::string post(std::string_view path, const boost::json::object& body);

 private:
  template <class Row>
  list_result<Row> paginate(std::string_view path,
                            const std::function<boost::json::object(int page)>& body_of,
                            const std::function<parsed_page<Row>(std::string_view)>& parse,
                            int max_pages, const std::function<bool(const Row&)>& stop_after);
  void count_credits(const http::response& res);
  [[noreturn]] void fail_status(std::string_view path, const http::response& res, int attempts,
                                const std::string& extra = {});

  nansen_settings settings_;
  client_options options_;
  http::https_client http_;
  std::shared_ptr<rate_limiter> limiter_;
  std::mt19937_64 rng_;
  usage_counters usage_;
};

}  // namespace smartcopy::nansen
