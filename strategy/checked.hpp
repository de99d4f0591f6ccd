#pragma once
// The result of a rule that can refuse its input. Every strategy/ function that takes numbers
// from the outside world (API rows, config, marks) returns either a value or the reason the input
// was rejected: bad input must end in a logged reason, never a crash or a silently wrong number
// (SPEC §11).
#include <cmath>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace smartcopy::strategy {

template <class T>
class checked {
 public:
  static checked ok(T value) { return checked{std::move(value), {}}; }
  static checked fail(std::string why) { return checked{std::nullopt, std::move(why)}; }

  bool has_value() const { return value_.has_value(); }
  explicit operator bool() const { return has_value(); }

  /// The value; throws std::logic_error naming the rejection when there is none, so a caller
  /// that forgot to check fails loudly instead of reading garbage.
  const T& value() const {
    if (!value_) throw std::logic_error("strategy: no value: " + error_);
    return *value_;
  }
  const T& operator*() const { return value(); }
  const T* operator->() const { return &value(); }

  /// Why the input was rejected; empty when there is a value.
  const std::string& error() const { return error_; }

 private:
  checked(std::optional<T> v, std::string e) : value_(std::move(v)), error_(std::move(e)) {}
  std::optional<T> value_;
  std::string error_;
};

/// Input checks shared by the rules. Each returns an empty string when `x` is acceptable, else a
/// sentence naming the input, so callers can chain them and pass the first complaint on.
std::string require_finite(const char* name, double x);
std::string require_positive(const char* name, double x);      // finite and > 0
std::string require_non_negative(const char* name, double x);  // finite and >= 0

/// The first non-empty complaint, or empty.
inline std::string first_error(std::initializer_list<std::string> errors) {
  for (const auto& e : errors)
    if (!e.empty()) return e;
  return {};
}

}  // namespace smartcopy::strategy
