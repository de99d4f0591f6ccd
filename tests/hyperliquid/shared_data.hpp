#pragma once
// Reads files below ../shared (SMARTCOPY_SHARED_DIR); tests skip when it is absent.
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace smartcopy::test {

inline std::optional<std::string> read_shared(const std::string& relative) {
  std::ifstream in(std::string(SMARTCOPY_SHARED_DIR) + "/" + relative, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace smartcopy::test
