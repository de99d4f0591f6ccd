#include "strategy/describe.hpp"

#include <sstream>

namespace smartcopy::strategy {

std::string describe_number(double x, int decimals) {
  std::ostringstream out;
  out.precision(decimals);
  out << std::fixed << x;
  return out.str();
}

}  // namespace smartcopy::strategy
