#pragma once
// store: the only holder of a database session (SPEC §8, ARCHITECTURE "Persistence"). Every
// other actor persists through it, so SQLite is used by one thread at a time and "committed
// before the action that depends on it" is simply "the store answered".
#include <memory>
#include <string>

#include <spdlog/logger.h>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/engine_context.hpp"
#include "infra/db/database.hpp"
#include "messages/actor_interfaces.hpp"

namespace smartcopy {

struct store_state {
  static inline const char* name = "store";
  std::unique_ptr<database> db;  // null when the database could not be opened
  std::string open_error;        // why, answered to every request then
  std::shared_ptr<spdlog::logger> log;
};

/// Opens `db_url` (e.g. "sqlite:/var/lib/smartcopy.db") and applies pending migrations. A
/// database that cannot be opened or migrated does not kill the actor: every request is then
/// answered with a caf::error naming the cause (the root sees it on its first `load`). SQL
/// failures of a single request become that request's caf::error; the store keeps serving.
store_actor::behavior_type store(store_actor::stateful_pointer<store_state> self,
                                 engine_context ctx, std::string db_url);

}  // namespace smartcopy
