#pragma once
// Shared helpers of the Nansen tests: fixture files (skipped when ../shared is absent) and a
// client wired to a fake_nansen with tiny delays so the whole suite runs in seconds.
#include <boost/json.hpp>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "fakes/fake_nansen.hpp"
#include "infra/nansen/client.hpp"

namespace smartcopy::test {

inline std::string nansen_fixture_dir() {
  return std::string(SMARTCOPY_SHARED_DIR) + "/fixtures/nansen";
}

inline std::optional<std::string> nansen_fixture(const std::string& name) {
  std::ifstream in(nansen_fixture_dir() + "/" + name, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline nansen_settings fake_settings(const fakes::fake_nansen& fake) {
  nansen_settings s;
  s.base_url = fake.base_url();
  s.api_key = fake.api_key();
  s.requests_per_second = 0;  // unlimited unless a test asks for limits
  s.requests_per_minute = 0;
  s.max_retries = 3;
  s.timeout_sec = 5;
  return s;
}

inline nansen::client_options fast_options(const fakes::fake_nansen& fake) {
  nansen::client_options o;
  o.http.ca_file = fake.ca_file();
  o.backoff_base = std::chrono::milliseconds(2);
  o.backoff_cap = std::chrono::milliseconds(20);
  o.jitter_seed = 42;
  return o;
}

inline utc_time at(const char* iso) {
  return *parse_iso8601(iso);
}

}  // namespace smartcopy::test
