#pragma once
// The handles a supervisor hands its children (ARCHITECTURE "Routing by supervisors"):
// children never look actors up by name. The root spawns them in this order, so each only
// needs those above it: store, nansen, market, exchange, risk, positions, signals, traders.
#include "messages/actor_interfaces.hpp"

namespace smartcopy {

struct engine_handles {
  store_actor store;
  nansen_gateway_actor nansen;
  market_data_actor market;
  exchange_gateway_actor exchange;
  risk_guard_actor risk;
  position_supervisor_actor positions;
  signal_supervisor_actor signals;
};

}  // namespace smartcopy
