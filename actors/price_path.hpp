#pragma once
// Mark prices over time for a replay (SPEC §9.2): per token a time-ordered list of
// (instant, price). Built once (by a test or from candles), then shared immutable
// (std::shared_ptr<const price_path>) by replay_market_data and the backtest.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "messages/time.hpp"

namespace smartcopy {

struct price_point {
  utc_time at{};
  double price = 0;
};

struct price_path {
  /// Points by token, in time order (a point at an instant already present replaces it).
  std::map<std::string, std::vector<price_point>> by_token;

  /// Adds (or replaces) the price of `token` at `at`; returns *this for chaining.
  price_path& add(const std::string& token, utc_time at, double price);

  /// add() of each of `points`, in order: the token is looked up once for the millions of
  /// points of a year-long replay.
  price_path& add(const std::string& token, const std::vector<price_point>& points);

  /// The latest price of `token` at or before `t`; nullopt before its first point.
  std::optional<double> price_at(const std::string& token, utc_time t) const;

  /// The earliest instant after `t` at which any token's price changes; nullopt at the end.
  std::optional<utc_time> next_change_after(utc_time t) const;

  /// The points of `token` in (from, to], in time order.
  std::vector<price_point> points_between(const std::string& token, utc_time from,
                                          utc_time to) const;
};

/// Reads a price_path forward in time, as the replay's clock only moves forward: it keeps its
/// place in each token's points, so a query costs the points passed since the previous one
/// instead of a binary search per token (a year of 1m candles is two million instants). Any
/// order of queries gives the price_path's own answers; only the speed depends on it.
class price_path_reader {
 public:
  price_path_reader() = default;
  explicit price_path_reader(std::shared_ptr<const price_path> path);

  const price_path& path() const { return *path_; }

  /// As price_path::next_change_after.
  std::optional<utc_time> next_change_after(utc_time t);

  /// The points of price_path::points_between, passed to `on_point` in time order.
  template <class F>
  void for_points_between(const std::string& token, utc_time from, utc_time to, F on_point) {
    const auto it = cursors_.find(token);
    if (it == cursors_.end() || to <= from) return;
    cursor& c = it->second;
    const std::size_t first = c.first_after(from);
    const std::size_t last = c.first_after(to);
    for (std::size_t i = first; i < last; ++i) on_point((*c.points)[i]);
  }

 private:
  struct cursor {
    const std::vector<price_point>* points = nullptr;
    std::size_t place = 0;  // the answer of the latest first_after
    /// The index of the first point after `t`, searched from `place`.
    std::size_t first_after(utc_time t);
  };

  std::shared_ptr<const price_path> path_;
  std::map<std::string, cursor> cursors_;
};

}  // namespace smartcopy
