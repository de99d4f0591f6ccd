#include "app/cli_context.hpp"

namespace smartcopy::app {

loaded_config cli_context::load() const {
  config_sources sources;
  if (!config_file.empty()) sources.config_file = config_file;
  sources.environment = current_environment();
  sources.overrides = overrides;
  return load_config(sources);
}

}  // namespace smartcopy::app
