#pragma once
// The outcome of one step of the SPEC §4 signal pipeline: passed, or the decision code that ends
// the evaluation (a SKIP reason, or DEFERRED for step 4), with a human-readable detail that the
// caller logs and stores in `signals.reason`.
#include <string>
#include <utility>

#include "messages/signal.hpp"

namespace smartcopy::strategy {

struct gate_result {
  bool passed = false;
  decision code = decision::execute;  // execute when passed
  std::string detail;

  static gate_result pass(std::string detail = {}) {
    return {true, decision::execute, std::move(detail)};
  }
  static gate_result fail(decision code, std::string detail) {
    return {false, code, std::move(detail)};
  }
};

}  // namespace smartcopy::strategy
