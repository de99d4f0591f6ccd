#pragma once
// scorer: the daily scoring pass of SPEC §3 — leaderboards (7/30/90 days) and the smart-money
// feed from the Nansen gateway, each candidate's 90 days of trades and current positions,
// strategy/ scores, the selection filter and tiers; rows saved through the store.
#include <map>
#include <memory>
#include <string>

#include "actors/engine_context.hpp"
#include "messages/actor_interfaces.hpp"

namespace smartcopy {

struct scorer_state {
  static inline const char* name = "scorer";
};

scorer_actor::behavior_type scorer(scorer_actor::stateful_pointer<scorer_state> self,
                                   engine_context ctx, nansen_gateway_actor nansen,
                                   store_actor store);

}  // namespace smartcopy
