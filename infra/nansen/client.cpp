#include "infra/nansen/client.hpp"

#include <boost/json/serialize.hpp>
#include <charconv>
#include <thread>
#include <utility>

#include "infra/nansen/retry_policy.hpp"

namespace smartcopy::nansen {

namespace json = boost::json;
using std::chrono::milliseconds;

namespace {

http::client_options http_options(const nansen_settings& s, client_options& o) {
  const milliseconds t = o.timeout.value_or(milliseconds(std::int64_t{s.timeout_sec} * 1000));
  o.http.read_timeout = t;
  o.http.total_timeout = t;
  o.http.connect_timeout = std::min(o.http.connect_timeout, t);
  return o.http;
}

std::shared_ptr<rate_limiter> limiter_for(const nansen_settings& s, const client_options& o) {
  if (o.limiter) return o.limiter;
  return std::make_shared<rate_limiter>(s.requests_per_second, s.requests_per_minute,
                                        milliseconds(s.profiler_min_interval_ms));
}

std::uint64_t seed_of(const client_options& o) {
  if (o.jitter_seed != 0) return o.jitter_seed;
  std::random_device rd;
  return (std::uint64_t{rd()} << 32) | rd();
}

// reference §3: observed per-endpoint limits are far lower for profiler/* calls.
bool is_profiler(std::string_view path) {
  return path.rfind("profiler/", 0) == 0;
}

std::optional<double> header_number(const http::response& res, std::string_view name) {
  const auto v = res.header(name);
  if (!v) return std::nullopt;
  double out = 0;
  const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || end != v->data() + v->size()) return std::nullopt;
  return out;
}

// A transport failure worth retrying: the network or the server, not our configuration.
bool is_retryable(const http::transport_error& e) {
  switch (e.kind()) {
    case http::error_kind::bad_url:
    case http::error_kind::tls:
    case http::error_kind::too_large:
      return false;
    default:
      return true;
  }
}

}  // namespace

client::client(const nansen_settings& settings, std::string ca_file)
    : client(settings, [&] {
        client_options o;
        o.http.ca_file = std::move(ca_file);
        return o;
      }()) {}

client::client(const nansen_settings& settings, client_options options)
    : settings_(settings),
      options_(std::move(options)),
      http_(http_options(settings_, options_)),
      limiter_(limiter_for(settings_, options_)),
      rng_(seed_of(options_)) {}

void client::count_credits(const http::response& res) {
  if (const auto used = header_number(res, "X-Nansen-Credits-Used")) usage_.credits_used += *used;
  if (const auto left = header_number(res, "X-Nansen-Credits-Remaining")) {
    usage_.credits_remaining = *left;
  }
}

void client::fail_status(std::string_view path, const http::response& res, int attempts,
                         const std::string& extra) {
  const error_body body = parse_error_body(res.body);
  std::string what =
      "nansen " + std::string(path) + ": HTTP " + std::to_string(res.status) + ": " + body.message;
  if (attempts > 1) what += " (after " + std::to_string(attempts) + " attempts)";
  if (!extra.empty()) what += " (" + extra + ")";
  throw error(error_kind::http_status, what, res.status, body.message, body.code, attempts);
}

std::string client::post(std::string_view path, const json::object& body) {
  http::request req;
  req.url = settings_.base_url + "/api/v1/" + std::string(path);
  req.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
  if (!settings_.api_key.empty()) req.headers.emplace_back("apiKey", settings_.api_key);
  req.body = json::serialize(body);
  const int max_retries = std::max(0, settings_.max_retries);
  for (int attempt = 0;; ++attempt) {
    limiter_->acquire(is_profiler(path));
    ++usage_.requests;
    milliseconds wait{0};
    try {
      const http::response res = http_.send(req);
      count_credits(res);
      if (res.status >= 200 && res.status < 300) return res.body;
      if (!is_retryable_status(res.status) || attempt == max_retries) {
        fail_status(path, res, attempt + 1);
      }
      const auto retry_after = res.header("Retry-After");
      const auto server_wait =
          retry_after ? parse_retry_after(*retry_after, std::chrono::system_clock::now())
                      : std::nullopt;
      if (server_wait && *server_wait > options_.max_retry_after) {
        fail_status(path, res, attempt + 1, "Retry-After " + *retry_after + " is too long");
      }
      wait = server_wait.value_or(
          backoff_delay(attempt, options_.backoff_base, options_.backoff_cap, rng_));
      // A 429 concerns the key, not this request: hold every call sharing the limiter.
      if (res.status == 429) limiter_->pause_until(rate_limiter::clock::now() + wait);
    } catch (const http::transport_error& e) {
      if (!is_retryable(e) || attempt == max_retries) {
        throw error(error_kind::transport,
                    "nansen " + std::string(path) + ": " + e.what() + " (after " +
                        std::to_string(attempt + 1) + " attempts)",
                    0, {}, {}, attempt + 1);
      }
      wait = backoff_delay(attempt, options_.backoff_base, options_.backoff_cap, rng_);
    }
    ++usage_.retries;
    std::this_thread::sleep_for(wait);
  }
}

template <class Row>
list_result<Row> client::paginate(std::string_view path,
                                  const std::function<json::object(int)>& body_of,
                                  const std::function<parsed_page<Row>(std::string_view)>& parse,
                                  int max_pages,
                                  const std::function<bool(const Row&)>& stop_after) {
  // reference §2.4: stop on is_last_page, an empty page, a short page or the page cap.
  list_result<Row> out;
  for (int page = 1;; ++page) {
    parsed_page<Row> p = parse(post(path, body_of(page)));
    ++out.pages;
    out.stats.merge(p.stats);
    bool seen = false;
    for (auto& row : p.rows) {
      seen = seen || (stop_after && stop_after(row));
      out.rows.push_back(std::move(row));
    }
    const bool last = p.pagination.is_last_page.value_or(false) || p.pagination.raw_rows == 0 ||
                      p.pagination.raw_rows < static_cast<std::size_t>(options_.per_page);
    if (last || seen) return out;
    if (page >= max_pages) {
      out.truncated = true;
      return out;
    }
  }
}

list_result<leaderboard_row> client::get_perp_leaderboard(utc_time date_from, utc_time date_to) {
  const date_range dates = date_range::dates(date_from, date_to);
  return paginate<leaderboard_row>(
      "perp-leaderboard",
      [&](int page) { return perp_leaderboard_body(dates, page, options_.per_page); },
      parse_leaderboard_page, options_.max_pages, {});
}

list_result<trade> client::get_address_perp_trades(const std::string& address,
                                                   const date_range& range,
                                                   const trades_query& query) {
  auto out = paginate<trade>(
      "profiler/perp-trades",
      [&](int page) { return address_perp_trades_body(address, range, page, options_.per_page); },
      parse_trades_page, query.max_pages > 0 ? query.max_pages : options_.max_pages,
      query.already_seen);
  for (auto& t : out.rows) {
    if (t.trader_address.empty()) t.trader_address = address;
  }
  return out;
}

positions_result client::get_address_perp_positions(const std::string& address) {
  const std::string body = post("profiler/perp-positions", address_perp_positions_body(address));
  const auto now = std::chrono::time_point_cast<milliseconds>(std::chrono::system_clock::now());
  return parse_positions(body, address, now);
}

list_result<pnl_leaderboard_row> client::get_perp_pnl_leaderboard(const std::string& token_symbol,
                                                                  const date_range& range) {
  return paginate<pnl_leaderboard_row>("tgm/perp-pnl-leaderboard",
                                       [&](int page) {
                                         return perp_pnl_leaderboard_body(token_symbol, range, page,
                                                                          options_.per_page);
                                       },
                                       parse_pnl_leaderboard_page, options_.max_pages, {});
}

list_result<smart_money_trade> client::get_smart_money_perp_trades(bool only_new_positions) {
  return paginate<smart_money_trade>("smart-money/perp-trades",
                                     [&](int page) {
                                       return smart_money_perp_trades_body(only_new_positions, page,
                                                                           options_.per_page);
                                     },
                                     parse_smart_money_trades_page, options_.max_pages, {});
}

list_result<screener_row> client::get_perp_screener(const date_range& range) {
  return paginate<screener_row>(
      "perp-screener", [&](int page) { return perp_screener_body(range, page, options_.per_page); },
      parse_screener_page, options_.max_pages, {});
}

}  // namespace smartcopy::nansen
