#include "infra/dataset/weight_budget.hpp"

#include <algorithm>
#include <thread>

namespace smartcopy {

weight_budget::weight_budget(double per_minute, now_fn now, sleep_fn sleep)
    : per_minute_(per_minute),
      available_(per_minute),
      updated_(now()),
      now_(std::move(now)),
      sleep_(sleep ? std::move(sleep) : [](clock::duration d) { std::this_thread::sleep_for(d); }) {
}

void weight_budget::spend(double weight) {
  const double take = std::min(weight, per_minute_);
  const auto refill = [this] {
    const auto t = now_();
    const double minutes = std::chrono::duration<double, std::ratio<60>>(t - updated_).count();
    available_ = std::min(per_minute_, available_ + minutes * per_minute_);
    updated_ = t;
  };
  refill();
  if (available_ < take) {
    const std::chrono::duration<double, std::ratio<60>> wait((take - available_) / per_minute_);
    sleep_(std::chrono::ceil<clock::duration>(wait));
    refill();
  }
  available_ = std::max(0.0, available_ - take);
}

}  // namespace smartcopy
