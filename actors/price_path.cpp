#include "actors/price_path.hpp"

#include <algorithm>

namespace smartcopy {
namespace {

using points = std::vector<price_point>;

points::const_iterator first_after_in(points::const_iterator first, points::const_iterator last,
                                      utc_time t) {
  return std::upper_bound(first, last, t,
                          [](utc_time x, const price_point& q) { return x < q.at; });
}

points::const_iterator first_after(const points& p, utc_time t) {
  return first_after_in(p.begin(), p.end(), t);
}

/// Inserts (at, price) in time order; a point at an instant already present is replaced.
void add_point(points& p, utc_time at, double price) {
  if (p.empty() || p.back().at < at) {  // the usual case: points come in time order
    p.push_back(price_point{at, price});
    return;
  }
  auto it = std::lower_bound(p.begin(), p.end(), at,
                             [](const price_point& q, utc_time x) { return q.at < x; });
  if (it != p.end() && it->at == at)
    it->price = price;
  else
    p.insert(it, price_point{at, price});
}

}  // namespace

price_path& price_path::add(const std::string& token, utc_time at, double price) {
  add_point(by_token[token], at, price);
  return *this;
}

price_path& price_path::add(const std::string& token, const std::vector<price_point>& points) {
  auto& p = by_token[token];
  p.reserve(p.size() + points.size());
  for (const auto& q : points) add_point(p, q.at, q.price);
  return *this;
}

std::optional<double> price_path::price_at(const std::string& token, utc_time t) const {
  const auto it = by_token.find(token);
  if (it == by_token.end()) return std::nullopt;
  const auto next = first_after(it->second, t);
  if (next == it->second.begin()) return std::nullopt;
  return std::prev(next)->price;
}

std::optional<utc_time> price_path::next_change_after(utc_time t) const {
  std::optional<utc_time> best;
  for (const auto& [token, p] : by_token) {
    const auto next = first_after(p, t);
    if (next != p.end() && (!best || next->at < *best)) best = next->at;
  }
  return best;
}

std::vector<price_point> price_path::points_between(const std::string& token, utc_time from,
                                                    utc_time to) const {
  const auto it = by_token.find(token);
  if (it == by_token.end() || to <= from) return {};
  return {first_after(it->second, from), first_after(it->second, to)};
}

price_path_reader::price_path_reader(std::shared_ptr<const price_path> path)
    : path_(std::move(path)) {
  for (const auto& [token, points] : path_->by_token) cursors_[token].points = &points;
}

std::optional<utc_time> price_path_reader::next_change_after(utc_time t) {
  std::optional<utc_time> best;
  for (auto& [token, c] : cursors_) {
    const std::size_t next = c.first_after(t);
    if (next < c.points->size() && (!best || (*c.points)[next].at < *best))
      best = (*c.points)[next].at;
  }
  return best;
}

std::size_t price_path_reader::cursor::first_after(utc_time t) {
  const std::vector<price_point>& p = *points;
  const auto index = [&p](std::vector<price_point>::const_iterator it) {
    return static_cast<std::size_t>(it - p.begin());
  };
  place = std::min(place, p.size());
  if (place > 0 && p[place - 1].at > t)  // t went back: the answer lies before
    return place = index(first_after_in(p.begin(), p.begin() + place, t));
  // Gallop forward from place: every point before `lo` is at or before t.
  std::size_t lo = place, step = 1;
  while (lo < p.size() && p[lo].at <= t) {
    const std::size_t probe = std::min(p.size(), lo + step);
    if (probe == p.size() || p[probe].at > t)
      return place = index(first_after_in(p.begin() + lo + 1, p.begin() + probe, t));
    lo = probe;
    step *= 2;
  }
  return place = lo;
}

}  // namespace smartcopy
