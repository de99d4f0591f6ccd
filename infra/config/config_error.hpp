#pragma once
#include <stdexcept>
#include <string>

namespace smartcopy {

/// A configuration problem found at start-up (SPEC §2): names the key so the user can fix it.
/// The CLI maps it to exit code 2.
class config_error : public std::runtime_error {
 public:
  config_error(std::string key, const std::string& problem)
      : std::runtime_error(key.empty() ? problem : key + ": " + problem), key_(std::move(key)) {}
  const std::string& key() const { return key_; }

 private:
  std::string key_;
};

}  // namespace smartcopy
