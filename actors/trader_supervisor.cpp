#include "actors/trader_supervisor.hpp"

#include <boost/json.hpp>

#include "actors/mailbox_probe.hpp"
#include "actors/scorer.hpp"
#include "actors/trader.hpp"
#include "infra/log/logging.hpp"

namespace smartcopy {
namespace {

using self_ptr = trader_supervisor_actor::stateful_pointer<trader_supervisor_state>;

bool is_tracked(const trader_row& r) {
  return r.tier == trader_tier::primary || r.tier == trader_tier::secondary;
}

void spawn_child(self_ptr self, const engine_context& ctx, const engine_handles& h,
                 const trader_row& row) {
  // Monitored, not linked: a child killed unconditionally must not take its supervisor along.
  auto child = self->spawn<caf::monitored>(trader, ctx, row, h);
  (self->state.children)[row.address] = child;
}

void stop_child(self_ptr self, const std::string& address) {
  auto& children = self->state.children;
  if (auto it = children.find(address); it != children.end()) {
    auto child = it->second;
    children.erase(it);  // erased first: its DOWN message is then not a failure
    self->send_exit(child, caf::exit_reason::user_shutdown);
  }
}

// Follows a new tracked set: stops traders that left it or changed tier, starts new ones.
void adopt(self_ptr self, const engine_context& ctx, const engine_handles& h,
           const std::vector<trader_row>& rows) {
  auto& st = self->state;
  std::map<std::string, trader_row> next;
  std::vector<trader_row> tracked_rows;
  for (const auto& r : rows)
    if (is_tracked(r)) next[r.address] = r, tracked_rows.push_back(r);
  for (const auto& [address, row] : st.tracked) {
    auto it = next.find(address);
    if (it == next.end() || it->second.tier != row.tier) {
      st.log->info("trader {} {}", address,
                   it == next.end() ? "left the tracked set" : "changed tier");
      stop_child(self, address);
    }
  }
  st.tracked = std::move(next);
  for (const auto& [address, row] : st.tracked)
    if (st.children.count(address) == 0) spawn_child(self, ctx, h, row);
  self->send(h.signals, tracked_atom::value, tracked_rows);
}

caf::result<std::string> status(self_ptr self) {
  std::vector<named_actor> children{{"scorer", caf::actor_cast<caf::actor>(self->state.scorer)}};
  for (const auto& [address, child] : self->state.children)
    children.push_back({"trader." + address, caf::actor_cast<caf::actor>(child)});
  // Trader rows also show their tier and score.
  auto annotate = [self](boost::json::array& rows) {
    for (auto& row : rows) {
      auto& o = row.as_object();
      const std::string name(o["name"].as_string());
      const auto it = self->state.tracked.find(name.substr(name.find('.') + 1));
      if (name.rfind("trader.", 0) != 0 || it == self->state.tracked.end()) continue;
      o["tier"] = std::string(to_string(it->second.tier));
      o["score"] = it->second.score;
    }
  };
  return supervision_status(
      self, {{"name", "trader_supervisor"}, {"restarts", self->state.restarts.restarts()}},
      std::move(children), annotate);
}

}  // namespace

trader_supervisor_state::~trader_supervisor_state() {
  for (const auto& entry : children)
    caf::anon_send_exit(entry.second, caf::exit_reason::user_shutdown);
}

trader_supervisor_actor::behavior_type trader_supervisor(self_ptr self, engine_context ctx,
                                                         engine_handles handles,
                                                         std::vector<trader_row> restored,
                                                         restart_policy policy) {
  auto& st = self->state;
  st.log = named_logger("trader_supervisor", self->id());
  answer_mailbox_probes(self);
  st.restarts = restart_tracker<std::string>(policy);
  st.scorer = self->spawn<caf::linked>(scorer, ctx, handles.nansen, handles.store);

  self->set_down_handler([self](caf::down_msg& dm) {
    auto& st = self->state;
    auto& children = st.children;
    for (auto it = children.begin(); it != children.end(); ++it) {
      if (it->second.address() != dm.source) continue;
      const std::string address = it->first;
      children.erase(it);
      const auto backoff = st.restarts.on_failure(address, self->clock().now());
      if (!backoff) {
        st.log->critical("trader.{} keeps failing ({}); escalating", address,
                         self->system().render(dm.reason));
        self->quit(dm.reason);
        return;
      }
      st.log->error("trader.{} failed ({}); restarting in {} ms", address,
                    self->system().render(dm.reason), backoff->count());
      self->delayed_send(self, *backoff, restart_atom::value, address);
      return;
    }
  });
  // A restored set that is recent enough is followed at once; scoring refreshes it.
  const auto started = now(self, ctx.anchor);
  bool fresh = !restored.empty();
  for (const auto& r : restored)
    fresh = fresh && r.last_scored_at &&
            started - *r.last_scored_at < seconds(ctx.config->polling.leaderboard_sec);
  if (fresh)
    adopt(self, ctx, handles, restored);
  else
    self->send(self, tick_atom::value);

  return {
      [self, ctx, handles](score_atom) -> caf::result<std::vector<trader_row>> {
        auto rp = self->make_response_promise<std::vector<trader_row>>();
        self->request(self->state.scorer, caf::infinite, score_atom::value)
            .then(
                [self, ctx, handles, rp](std::vector<trader_row>& rows) mutable {
                  adopt(self, ctx, handles, rows);
                  rp.deliver(rows);
                },
                [rp](caf::error& e) mutable { rp.deliver(e); });
        return rp;
      },
      [self, ctx, handles](tick_atom) {
        self->request(self->state.scorer, caf::infinite, score_atom::value)
            .then([self, ctx,
                   handles](std::vector<trader_row>& rows) { adopt(self, ctx, handles, rows); },
                  [self](caf::error& e) {
                    self->state.log->error("scoring failed, keeping the tracked set: {}",
                                           self->system().render(e));
                  });
        self->delayed_send(self, seconds(ctx.config->polling.leaderboard_sec), tick_atom::value);
      },
      [self, ctx, handles](tracked_atom, std::vector<trader_row>& rows) {
        adopt(self, ctx, handles, rows);
      },
      [self, ctx, handles](restart_atom, const std::string& address) {
        auto& st = self->state;
        auto it = st.tracked.find(address);
        if (it == st.tracked.end() || st.children.count(address)) return;
        st.log->info("restarting trader.{}", address);
        spawn_child(self, ctx, handles, it->second);
      },
      [self](status_atom) { return status(self); },
  };
}

}  // namespace smartcopy
