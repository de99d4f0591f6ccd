#pragma once
// Supervision bookkeeping (SPEC §10 "Supervision"): exponential backoff between restarts of a
// failed child and an intensity limit (too many failures in a window escalate).
#include <chrono>
#include <deque>
#include <map>
#include <optional>

namespace smartcopy {

struct restart_policy {
  std::chrono::milliseconds initial_backoff{1000};
  std::chrono::milliseconds max_backoff{60'000};
  int max_restarts = 5;                       // within `window`
  std::chrono::milliseconds window{600'000};  // older failures are forgotten
};

template <class Key>
class restart_tracker {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  explicit restart_tracker(restart_policy policy = {}) : policy_(policy) {}

  /// Records a failure of `key` at `now`. Returns the backoff before restarting it, or nullopt
  /// when the child failed more than max_restarts times within the window (escalate).
  std::optional<std::chrono::milliseconds> on_failure(const Key& key, time_point now) {
    auto& failures = failures_[key];
    failures.push_back(now);
    while (!failures.empty() && now - failures.front() > policy_.window) failures.pop_front();
    if (static_cast<int>(failures.size()) > policy_.max_restarts) return std::nullopt;
    ++restarts_;
    auto delay = policy_.initial_backoff;
    for (std::size_t i = 1; i < failures.size() && delay < policy_.max_backoff; ++i) delay *= 2;
    return std::min(delay, policy_.max_backoff);
  }

  /// Restarts scheduled so far, all children together.
  int restarts() const { return restarts_; }

  /// Forgets a child that ended normally.
  void forget(const Key& key) { failures_.erase(key); }

 private:
  restart_policy policy_;
  std::map<Key, std::deque<time_point>> failures_;
  int restarts_ = 0;
};

}  // namespace smartcopy
