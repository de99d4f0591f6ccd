#include "app/cli_context.hpp"

#include "infra/config/config_error.hpp"

namespace smartcopy::app {

loaded_config cli_context::load() const {
  config_sources sources;
  if (!config_file.empty()) sources.config_file = config_file;
  sources.environment = current_environment();
  sources.overrides = overrides;
  return load_config(sources);
}

void require_nansen_key(const settings& s, const std::string& purpose) {
  if (!s.nansen.api_key.empty()) return;
  throw config_error("nansen.api_key", "required " + purpose +
                                           ": set NANSEN_API_KEY (environment or .env) or "
                                           "nansen.api_key_file");
}

}  // namespace smartcopy::app
