#include "actors/price_path.hpp"

#include <algorithm>

namespace smartcopy {
namespace {

using points = std::vector<price_point>;

points::const_iterator first_after(const points& p, utc_time t) {
  return std::upper_bound(p.begin(), p.end(), t,
                          [](utc_time x, const price_point& q) { return x < q.at; });
}

}  // namespace

price_path& price_path::add(const std::string& token, utc_time at, double price) {
  auto& p = by_token[token];
  auto it = std::lower_bound(p.begin(), p.end(), at,
                             [](const price_point& q, utc_time x) { return q.at < x; });
  if (it != p.end() && it->at == at)
    it->price = price;
  else
    p.insert(it, price_point{at, price});
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

}  // namespace smartcopy
