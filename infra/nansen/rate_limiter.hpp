#pragma once
// Client-side limiter for Nansen calls (SPEC §2 nansen.requests_per_second / _per_minute /
// profiler_min_interval_ms; reference §3): a per-second and a per-minute token bucket, an extra
// minimum spacing between `profiler/*` calls, and a pause for everyone after a 429.
//
// Buckets: the per-second bucket holds max(1, rate) tokens (a one-second burst); the per-minute
// bucket holds max(1, rate/60) tokens, so any 60 s window sees at most rate + rate/60 calls.
// A rate <= 0 disables that bucket. Thread-safe: one limiter may be shared by several clients
// using the same API key.
#include <chrono>
#include <functional>
#include <mutex>

namespace smartcopy::nansen {

class rate_limiter {
 public:
  using clock = std::chrono::steady_clock;
  using now_fn = std::function<clock::time_point()>;
  using sleep_fn = std::function<void(clock::duration)>;

  rate_limiter(double per_second, double per_minute, std::chrono::milliseconds profiler_interval,
               now_fn now = &clock::now, sleep_fn sleep = default_sleep);

  /// Takes a slot for one call and returns how long the caller must wait before sending it.
  /// Slots are handed out in order: the next reservation queues behind this one.
  clock::duration reserve(bool profiler_call);
  /// reserve() and sleep for the returned time.
  void acquire(bool profiler_call);
  /// No call may start before `until` (after a 429 with or without Retry-After).
  void pause_until(clock::time_point until);

  static void default_sleep(clock::duration d);

 private:
  struct bucket {
    double rate_per_sec = 0;  // <= 0: disabled
    double capacity = 1;
    double tokens = 1;
    clock::time_point updated{};
    // Earliest time >= `at` when one token is available; refills up to that time.
    clock::time_point ready_at(clock::time_point at);
    void take(clock::time_point at);
  };

  std::mutex mu_;
  bucket second_;
  bucket minute_;
  std::chrono::milliseconds profiler_interval_;
  clock::time_point last_profiler_{};
  bool any_profiler_ = false;
  clock::time_point paused_until_{};
  now_fn now_;
  sleep_fn sleep_;
};

}  // namespace smartcopy::nansen
