// `smartcopy db migrate` (SPEC §1, §8): creates or upgrades the schema; a no-op when current.
#include <CLI/CLI.hpp>

#include <iostream>

#include "app/commands.hpp"
#include "infra/db/database.hpp"

namespace smartcopy::app {

void add_db_command(CLI::App& root, const cli_context& ctx) {
  CLI::App* db = root.add_subcommand("db", "Manage the database");
  db->require_subcommand(1);
  CLI::App* migrate = db->add_subcommand("migrate", "Create or upgrade the database schema");
  migrate->callback([&ctx] {
    const loaded_config cfg = ctx.load();
    database store(cfg.values.db.url);
    const int applied = store.migrate();
    if (applied == 0)
      std::cout << cfg.values.db.url << ": schema up to date (version " << store.schema_version()
                << ")\n";
    else
      std::cout << cfg.values.db.url << ": applied " << applied
                << " migration(s), schema now at version " << store.schema_version() << "\n";
  });
}

}  // namespace smartcopy::app
