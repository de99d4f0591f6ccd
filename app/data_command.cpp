// `smartcopy data` (SPEC §1): the dataset commands, `fetch` (record from the APIs) and `synth`
// (generate), both writing the §9.1 directory that `backtest` reads.
#include <CLI/CLI.hpp>

#include "app/commands.hpp"

namespace smartcopy::app {

void add_data_command(CLI::App& root, const cli_context& ctx) {
  CLI::App* data = root.add_subcommand("data", "Record or synthesize backtest datasets");
  data->require_subcommand(1);
  add_data_fetch_command(*data, ctx);
  add_data_synth_command(*data, ctx);
}

}  // namespace smartcopy::app
