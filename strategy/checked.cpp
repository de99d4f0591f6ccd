#include "strategy/checked.hpp"

#include <sstream>

namespace smartcopy::strategy {

namespace {
std::string describe(const char* name, double x, const char* expected) {
  std::ostringstream out;
  out << name << " must be " << expected << ", got " << x;
  return out.str();
}
}  // namespace

std::string require_finite(const char* name, double x) {
  return std::isfinite(x) ? std::string{} : describe(name, x, "a finite number");
}

std::string require_positive(const char* name, double x) {
  return std::isfinite(x) && x > 0 ? std::string{} : describe(name, x, "finite and positive");
}

std::string require_non_negative(const char* name, double x) {
  return std::isfinite(x) && x >= 0 ? std::string{} : describe(name, x, "finite and >= 0");
}

}  // namespace smartcopy::strategy
