#pragma once
// What every subcommand shares: the --config and --set options and how to turn them, the
// .env file and the environment into the effective configuration.
#include <optional>
#include <string>
#include <vector>

#include "infra/config/config_loader.hpp"

namespace smartcopy::app {

/// Exit codes of SPEC §1.
enum exit_code : int { exit_ok = 0, exit_runtime = 1, exit_usage = 2 };

struct cli_context {
  std::string config_file;
  std::vector<std::string> overrides;

  /// The layered configuration; throws config_error.
  loaded_config load() const;
};

/// Throws config_error naming nansen.api_key (and where to set it) when `s` has none; `purpose`
/// completes "required …" (e.g. "for scoring").
void require_nansen_key(const settings& s, const std::string& purpose);

}  // namespace smartcopy::app
