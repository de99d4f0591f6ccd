#pragma once
// Pacing of Hyperliquid /info calls by request weight (reference hyperliquid-api.md §7: 1200 per
// minute per IP; candleSnapshot weighs 20 + 1 per 60 candles). A token bucket of weight that
// holds one minute's budget: short fetches never wait, long ones settle at the budget's rate.
// Not thread-safe (one fetch, one thread).
#include <chrono>
#include <functional>

namespace smartcopy {

class weight_budget {
 public:
  using clock = std::chrono::steady_clock;
  using now_fn = std::function<clock::time_point()>;
  using sleep_fn = std::function<void(clock::duration)>;

  /// `per_minute` > 0: the refill rate and the bucket's size.
  explicit weight_budget(double per_minute, now_fn now = &clock::now, sleep_fn sleep = nullptr);

  /// Waits until `weight` is available, then takes it. A weight above the bucket's size waits
  /// until the bucket is full and leaves it empty.
  void spend(double weight);

 private:
  double per_minute_;
  double available_;
  clock::time_point updated_;
  now_fn now_;
  sleep_fn sleep_;
};

}  // namespace smartcopy
