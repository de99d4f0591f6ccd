#pragma once
// Test doubles for the risk/signal/position tests: typed actors implementing the Nansen
// gateway, market data and exchange gateway interfaces with state the test sets directly (the
// deterministic scheduler runs one thing at a time, so touching state between runs is safe).
#include <caf/actor_cast.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "messages/actor_interfaces.hpp"

namespace smartcopy::testing {

/// The state of a typed stateful actor spawned in a deterministic test.
template <class State, class Handle>
State& state_of(const Handle& h) {
  auto* ptr = caf::actor_cast<caf::abstract_actor*>(h);
  return dynamic_cast<typename Handle::template stateful_base<State>&>(*ptr).state;
}

// -- Nansen gateway ---------------------------------------------------------------------------

struct fake_nansen_state {
  static inline const char* name = "fake_nansen";
  std::map<std::string, trader_snapshot> snapshots;  // by address
  std::map<std::string, std::vector<trade>> trades;  // by address
  bool down = false;                                 // every call fails
  int positions_calls = 0;
  int trades_calls = 0;
};

inline nansen_gateway_actor::behavior_type fake_nansen(
    nansen_gateway_actor::stateful_pointer<fake_nansen_state> self) {
  auto unavailable = [] { return caf::make_error(caf::sec::runtime_error, "nansen: HTTP 503"); };
  return {
      [=](leaderboard_atom, int) -> caf::result<std::vector<leaderboard_row>> {
        return std::vector<leaderboard_row>{};
      },
      [=](trades_atom, const std::string& address,
          utc_time from) -> caf::result<std::vector<trade>> {
        ++self->state.trades_calls;
        if (self->state.down) return unavailable();
        std::vector<trade> out;
        for (const auto& t : self->state.trades[address])
          if (t.timestamp >= from) out.push_back(t);
        return out;
      },
      [=](positions_atom, const std::string& address) -> caf::result<trader_snapshot> {
        ++self->state.positions_calls;
        if (self->state.down) return unavailable();
        auto it = self->state.snapshots.find(address);
        if (it != self->state.snapshots.end()) return it->second;
        trader_snapshot empty;
        empty.address = address;
        return empty;
      },
      [=](smart_money_atom) -> caf::result<std::vector<std::string>> {
        return std::vector<std::string>{};
      },
  };
}

// -- market data ------------------------------------------------------------------------------

struct fake_market_state {
  static inline const char* name = "fake_market";
  std::map<std::string, double> marks;
  std::multimap<std::string, position_actor> subscribers;
};

/// `tick` pushes every known mark to the token's subscribers.
inline market_data_actor::behavior_type fake_market(
    market_data_actor::stateful_pointer<fake_market_state> self) {
  return {
      [=](subscribe_atom, const std::string& token, const position_actor& who) {
        self->state.subscribers.emplace(token, who);
      },
      [=](unsubscribe_atom, const std::string& token, const position_actor& who) {
        auto range = self->state.subscribers.equal_range(token);
        for (auto it = range.first; it != range.second;)
          it = it->second == who ? self->state.subscribers.erase(it) : std::next(it);
      },
      [=](mark_atom, const std::string& token) -> caf::result<double> {
        auto it = self->state.marks.find(token);
        if (it == self->state.marks.end())
          return caf::make_error(caf::sec::runtime_error, "no mark for " + token);
        return it->second;
      },
      [=](tick_atom) {
        for (const auto& [token, who] : self->state.subscribers) {
          auto it = self->state.marks.find(token);
          if (it != self->state.marks.end()) self->send(who, mark_atom::value, token, it->second);
        }
      },
  };
}

// -- exchange gateway -------------------------------------------------------------------------

struct fake_exchange_state {
  static inline const char* name = "fake_exchange";
  std::map<std::string, double> marks;  // fills happen here, no slippage
  bool fill_entries = true;
  std::string reject_detail = "rejected: Order could not immediately match";
  double fee_usd = 0;
  bool place_stops = false;          // live-like: stops rest on the exchange
  double close_fill_fraction = 1.0;  // < 1: close orders fill only partly
  account_snapshot account;
  std::vector<entry_request> entries;
  std::vector<close_request> closes;
  std::vector<stop_request> stops;
};

inline exchange_gateway_actor::behavior_type fake_exchange(
    exchange_gateway_actor::stateful_pointer<fake_exchange_state> self) {
  return {
      [=](execute_atom, const entry_request& req) -> caf::result<entry_result> {
        auto& st = self->state;
        st.entries.push_back(req);
        entry_result r;
        if (!st.fill_entries) {
          r.detail = st.reject_detail;
          return r;
        }
        const double mark = st.marks.at(req.approved.token_symbol);
        r.filled = true;
        r.cloid = "0xentry" + std::to_string(st.entries.size());
        r.avg_price = mark;
        r.filled_size = req.approved.copy_size_usd / mark;
        r.fee_usd = st.fee_usd;
        r.leverage = req.approved.leverage;
        return r;
      },
      [=](close_atom, const close_request& req) -> caf::result<close_result> {
        auto& st = self->state;
        st.closes.push_back(req);
        close_result r;
        const bool partial = req.kind == order_kind::close && st.close_fill_fraction < 1.0;
        r.filled_size = partial ? req.size * st.close_fill_fraction : req.size;
        r.avg_price = st.marks.at(req.token);
        r.fee_usd = st.fee_usd;
        r.complete = !partial;
        if (partial) st.close_fill_fraction = 1.0;  // the retry fills the rest
        return r;
      },
      [=](stop_atom, const stop_request& req) -> caf::result<stop_result> {
        self->state.stops.push_back(req);
        stop_result r;
        r.placed = self->state.place_stops;
        r.cloid = "0xstop" + std::to_string(self->state.stops.size());
        return r;
      },
      [=](account_atom) -> caf::result<account_snapshot> { return self->state.account; },
      // Reconciliation by cloid: the double never knew an order it is asked about.
      [=](resolve_atom, order o) -> caf::result<order> {
        if (is_open(o.status)) o.status = order_status::cancelled;
        return o;
      },
  };
}

}  // namespace smartcopy::testing
