// smartcopy: one binary, one subcommand per mode of SPEC §1. Exit codes: 0 success,
// 1 runtime failure, 2 usage or configuration error.
#include <CLI/CLI.hpp>

#include <iostream>

#include "app/commands.hpp"
#include "infra/config/config_error.hpp"
#include "infra/db/database.hpp"

int main(int argc, char** argv) {
  using namespace smartcopy;
  using namespace smartcopy::app;
  CLI::App root{"smartcopy — copy the entries of the best Hyperliquid traders, manage every exit"};
  root.set_version_flag("--version", std::string("smartcopy ") + SMARTCOPY_VERSION);
  root.require_subcommand(1);
  // Options of the root may also be given after any subcommand.
  root.fallthrough();
  cli_context ctx;
  root.add_option("--config", ctx.config_file, "TOML configuration file")->check(CLI::ExistingFile);
  root.add_option("--set", ctx.overrides, "Override a key: --set entry.copy_delay_minutes=10")
      ->type_name("KEY=VALUE");
  add_config_command(root, ctx);
  add_db_command(root, ctx);
  add_score_command(root, ctx);
  add_backtest_command(root, ctx);
  add_data_command(root, ctx);
  add_run_command(root, ctx);
  add_inspect_command(root, ctx);

  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = root.exit(e);
    return code == 0 ? exit_ok : exit_usage;
  } catch (const config_error& e) {
    std::cerr << "configuration error: " << e.what() << "\n";
    return exit_usage;
  } catch (const database_error& e) {
    std::cerr << "database error: " << e.what() << "\n";
    return exit_runtime;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return exit_runtime;
  }
  return exit_ok;
}
