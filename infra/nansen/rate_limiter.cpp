#include "infra/nansen/rate_limiter.hpp"

#include <algorithm>
#include <thread>
#include <utility>

namespace smartcopy::nansen {

namespace {

rate_limiter::clock::duration seconds_to_duration(double s) {
  return std::chrono::duration_cast<rate_limiter::clock::duration>(
      std::chrono::duration<double>(s));
}

}  // namespace

rate_limiter::clock::time_point rate_limiter::bucket::ready_at(clock::time_point at) {
  if (rate_per_sec <= 0) return at;
  const auto from = std::max(at, updated);
  const double elapsed = std::chrono::duration<double>(from - updated).count();
  tokens = std::min(capacity, tokens + elapsed * rate_per_sec);
  updated = from;
  if (tokens >= 1) return from;
  return from + seconds_to_duration((1 - tokens) / rate_per_sec);
}

void rate_limiter::bucket::take(clock::time_point at) {
  if (rate_per_sec <= 0) return;
  ready_at(at);  // refill up to the slot time
  tokens -= 1;
}

rate_limiter::rate_limiter(double per_second, double per_minute,
                           std::chrono::milliseconds profiler_interval, now_fn now, sleep_fn sleep)
    : profiler_interval_(profiler_interval), now_(std::move(now)), sleep_(std::move(sleep)) {
  const auto start = now_();
  second_.rate_per_sec = per_second;
  second_.capacity = std::max(1.0, per_second);
  minute_.rate_per_sec = per_minute / 60.0;
  minute_.capacity = std::max(1.0, per_minute / 60.0);
  for (bucket* b : {&second_, &minute_}) {
    b->tokens = b->capacity;
    b->updated = start;
  }
}

rate_limiter::clock::duration rate_limiter::reserve(bool profiler_call) {
  std::lock_guard lock(mu_);
  const auto now = now_();
  auto slot = std::max(now, paused_until_);
  if (profiler_call && any_profiler_) slot = std::max(slot, last_profiler_ + profiler_interval_);
  // Each bucket may push the slot later; a later slot never makes an earlier bucket unready.
  slot = second_.ready_at(slot);
  slot = minute_.ready_at(slot);
  slot = second_.ready_at(slot);
  second_.take(slot);
  minute_.take(slot);
  if (profiler_call) {
    last_profiler_ = slot;
    any_profiler_ = true;
  }
  return slot - now;
}

void rate_limiter::acquire(bool profiler_call) {
  const auto wait = reserve(profiler_call);
  if (wait > clock::duration::zero()) sleep_(wait);
}

void rate_limiter::pause_until(clock::time_point until) {
  std::lock_guard lock(mu_);
  paused_until_ = std::max(paused_until_, until);
}

void rate_limiter::default_sleep(clock::duration d) {
  std::this_thread::sleep_for(d);
}

}  // namespace smartcopy::nansen
