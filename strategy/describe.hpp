#pragma once
// Numbers in the human-readable details that gates and checks return (logged, stored in
// `signals.reason`).
#include <string>

namespace smartcopy::strategy {

/// `x` with a fixed number of decimals ("2.50"); "nan"/"inf" pass through as such.
std::string describe_number(double x, int decimals = 2);

}  // namespace smartcopy::strategy
