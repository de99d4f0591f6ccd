#include "actors/store.hpp"

#include <soci/soci.h>

#include <exception>
#include <utility>

#include "actors/mailbox_probe.hpp"
#include "infra/db/events_table.hpp"
#include "infra/db/orders_table.hpp"
#include "infra/db/positions_table.hpp"
#include "infra/db/signals_table.hpp"
#include "infra/db/trader_positions_table.hpp"
#include "infra/db/traders_table.hpp"
#include "infra/log/logging.hpp"

namespace smartcopy {
namespace {

using store_pointer = store_actor::stateful_pointer<store_state>;

// The upper bound of the Add look-up: every Open since `from`, whatever the clock says (a
// backtest's trades carry simulated times, a restored signal may be ahead of a skewed clock).
const utc_time far_future = *parse_iso8601("9999-12-31T23:59:59Z");

/// Runs `body` against the open database; a missing database or any exception (SOCI,
/// database_error, bad data) becomes a logged caf::error saying what was being done.
template <class F>
auto guarded(store_pointer self, const char* what, F body)
    -> caf::result<decltype(body(std::declval<database&>()))> {
  auto& st = self->state;
  if (!st.db) {
    st.log->error("{}: database unavailable: {}", what, st.open_error);
    return caf::make_error(caf::sec::runtime_error, std::string("store: ") + what +
                                                        ": database unavailable: " + st.open_error);
  }
  try {
    return body(*st.db);
  } catch (const std::exception& e) {
    st.log->error("{} failed: {}", what, e.what());
    return caf::make_error(caf::sec::runtime_error,
                           std::string("store: ") + what + " failed: " + e.what());
  }
}

void open_database(store_state& st, const std::string& url, bool durable) {
  try {
    auto db = std::make_unique<database>(url);
    if (!durable) db->skip_disk_syncs();
    const int applied = db->migrate();
    st.log->info("database open, {} migration(s) applied, schema version {}", applied,
                 db->schema_version());
    st.db = std::move(db);
  } catch (const std::exception& e) {
    st.open_error = e.what();
    st.log->error("cannot open the database: {}", st.open_error);
  }
}

std::int64_t save_signal(database& db, const signal& s) {
  signals_table table(db.session());
  if (s.id == 0) return table.insert(s);
  table.update(s);
  return s.id;
}

std::int64_t save_position(database& db, const our_position& p) {
  positions_table table(db.session());
  if (p.id == 0) return table.insert(p);
  table.update(p);
  return p.id;
}

bool save_order(database& db, const order& o) {
  orders_table table(db.session());
  if (table.find(o.cloid))
    table.update(o);
  else
    table.insert(o);
  return true;
}

bool save_traders(database& db, const std::vector<trader_row>& rows) {
  soci::transaction tr(db.session());
  traders_table table(db.session());
  for (const auto& row : rows) table.upsert(row);
  tr.commit();
  return true;
}

// A blacklisted trader unknown to the traders table (never scored, e.g. copied from a previous
// tracked set) gets a minimal untracked row, so the blacklist survives a restart (SPEC §7 step 6).
bool blacklist(database& db, const std::string& address, utc_time until) {
  traders_table table(db.session());
  if (!table.find(address)) {
    trader_row row;
    row.address = address;
    row.tier = trader_tier::untracked;
    table.upsert(row);
  }
  table.set_blacklisted_until(address, until);
  return true;
}

std::vector<signal> opens_since(database& db, const std::string& address, const std::string& token,
                                side s, utc_time from) {
  std::vector<signal> out;
  for (auto& sig : signals_table(db.session()).of_trader(address, token, s, from, far_future))
    if (sig.action == trade_action::open) out.push_back(std::move(sig));
  return out;
}

persisted_state load_state(database& db) {
  persisted_state out;
  out.traders = traders_table(db.session()).all();
  out.open_positions = positions_table(db.session()).unclosed();
  out.deferred_signals = signals_table(db.session()).deferred();
  out.unresolved_orders = orders_table(db.session()).unresolved();
  for (auto& sig : signals_table(db.session()).in_flight()) {
    auto orders = orders_table(db.session()).of_signal(sig.id);
    out.in_flight.push_back({std::move(sig), std::move(orders)});
  }
  return out;
}

}  // namespace

store_actor::behavior_type store(store_pointer self, engine_context ctx, std::string db_url) {
  self->state.log = named_logger("store", self->id());
  answer_mailbox_probes(self);
  open_database(self->state, db_url, ctx.durable_writes);
  return {
      [=](record_atom, const signal& s, utc_time seen_at) {
        return guarded(self, "record signal", [&](database& db) -> std::int64_t {
          const auto id = signals_table(db.session()).record_new_trade(s, seen_at);
          if (!id) {
            self->state.log->debug("trade {} already seen", s.trade_key);
            return 0;
          }
          self->state.log->info("signal {} recorded: {} {} {} {} {}", *id, s.trader_address,
                                s.token_symbol, to_string(s.position_side), to_string(s.action),
                                to_string(s.outcome));
          return *id;
        });
      },
      [=](save_atom, const signal& s) {
        return guarded(self, "save signal", [&](database& db) { return save_signal(db, s); });
      },
      [=](save_atom, const our_position& p) {
        return guarded(self, "save position", [&](database& db) { return save_position(db, p); });
      },
      [=](save_atom, const order& o) {
        return guarded(self, "save order", [&](database& db) { return save_order(db, o); });
      },
      [=](save_atom, const std::vector<trader_row>& rows) {
        return guarded(self, "save traders", [&](database& db) { return save_traders(db, rows); });
      },
      [=](save_atom, const trader_snapshot& snap) {
        return guarded(self, "save trader snapshot", [&](database& db) {
          trader_positions_table(db.session()).replace(snap);
          return true;
        });
      },
      [=](blacklist_atom, const std::string& address, utc_time until) {
        return guarded(self, "blacklist trader",
                       [&](database& db) { return blacklist(db, address, until); });
      },
      [=](opens_atom, const std::string& address, const std::string& token, side s, utc_time from) {
        return guarded(self, "look up opens",
                       [&](database& db) { return opens_since(db, address, token, s, from); });
      },
      [=](event_atom, utc_time at, const std::string& kind, const std::string& subject,
          const std::string& detail) {
        // Fire-and-forget: a failure is logged by guarded(); the sender is not waiting.
        guarded(self, "append event", [&](database& db) {
          events_table(db.session()).append(event_record{0, at, kind, subject, detail});
          return true;
        });
      },
      [=](load_atom) { return guarded(self, "load state", load_state); },
      [=](list_atom, int limit) {
        return guarded(self, "list signals",
                       [limit](database& db) { return signals_table(db.session()).recent(limit); });
      },
  };
}

}  // namespace smartcopy
