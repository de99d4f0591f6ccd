#pragma once
// What every actor of the engine is given at spawn: the immutable configuration (the only
// object actors share) and the time anchor.
#include <memory>

#include "actors/clock.hpp"
#include "messages/settings.hpp"

namespace smartcopy {

struct engine_context {
  std::shared_ptr<const settings> config;
  time_anchor anchor;
  /// Spawn actors that block (HTTP, database) detached, so blocking I/O never runs on a
  /// scheduler thread. False under the deterministic test scheduler, where every actor must be
  /// driven by the coordinator (blocking there only delays the simulated run, never a worker).
  bool detach_blocking = true;
  /// Every database commit synced to the disk before the action that depends on it (SPEC §8).
  /// A backtest, whose database is rebuilt on every run, turns it off for speed.
  bool durable_writes = true;
};

}  // namespace smartcopy
