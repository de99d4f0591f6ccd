#include "actors/order_ids.hpp"

#include <cstdint>
#include <cstdio>

namespace smartcopy {

std::string new_cloid(std::mt19937_64& rng) {
  const std::uint64_t hi = rng();
  const std::uint64_t lo = rng();
  char buf[35];
  std::snprintf(buf, sizeof buf, "0x%016llx%016llx", static_cast<unsigned long long>(hi),
                static_cast<unsigned long long>(lo));
  return buf;
}

}  // namespace smartcopy
