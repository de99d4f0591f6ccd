#pragma once
// One registration function per subcommand family; each lives in its own file.
#include "app/cli_context.hpp"

namespace CLI {
class App;
}

namespace smartcopy::app {

void add_config_command(CLI::App& root, const cli_context& ctx);
void add_db_command(CLI::App& root, const cli_context& ctx);
void add_score_command(CLI::App& root, const cli_context& ctx);
void add_backtest_command(CLI::App& root, const cli_context& ctx);
void add_data_command(CLI::App& root, const cli_context& ctx);
void add_data_fetch_command(CLI::App& data, const cli_context& ctx);
void add_data_synth_command(CLI::App& data, const cli_context& ctx);
void add_run_command(CLI::App& root, const cli_context& ctx);
void add_inspect_command(CLI::App& root, const cli_context& ctx);

}  // namespace smartcopy::app
