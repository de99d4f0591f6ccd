#include "actors/inspect_commands.hpp"

#include <boost/json.hpp>
#include <memory>
#include <stdexcept>

#include "actors/clock.hpp"
#include "actors/inspect_json.hpp"
#include "actors/mailbox_probe.hpp"
#include "infra/log/logging.hpp"

namespace smartcopy {
namespace {

using promise = caf::typed_response_promise<std::string>;

caf::error usage(const std::string& text) {
  return caf::make_error(caf::sec::invalid_argument, text);
}

template <class T>
std::string json_array(const std::vector<T>& rows) {
  boost::json::array out;
  for (const auto& r : rows) out.push_back(to_json(r));
  return boost::json::serialize(out);
}

/// Runs `request` (which must deliver to the promise) and answers its result.
template <class Result, class Handle, class F, class... Ts>
caf::result<std::string> ask(root_pointer self, const Handle& dest, F render, Ts... xs) {
  auto rp = self->make_response_promise<std::string>();
  self->request(dest, std::chrono::seconds(10), xs...)
      .then([rp, render](Result& r) mutable { rp.deliver(render(r)); },
            [rp](caf::error& e) mutable { rp.deliver(e); });
  return rp;
}

caf::result<std::string> status(root_pointer self) {
  auto rp = self->make_response_promise<std::string>();
  const auto& st = self->state;
  boost::json::object out{{"mode", st.mode},
                          {"paused", st.paused},
                          {"shutting_down", st.shutting_down},
                          {"started_at", to_iso8601(st.started_at)},
                          {"now", to_iso8601(now(self, st.anchor))}};
  self->request(st.handles.risk, std::chrono::seconds(10), equity_atom::value)
      .then(
          [self, rp, out](double equity) mutable {
            out["equity_usd"] = equity;
            self->request(self->state.handles.positions, std::chrono::seconds(10), list_atom::value)
                .then(
                    [rp, out](const std::vector<our_position>& open) mutable {
                      out["open_positions"] = open.size();
                      rp.deliver(boost::json::serialize(out));
                    },
                    [rp](caf::error& e) mutable { rp.deliver(e); });
          },
          [rp](caf::error& e) mutable { rp.deliver(e); });
  return rp;
}

/// The supervision tree: the root, its core children with their mailboxes, and each
/// supervisor's own children and restart count.
caf::result<std::string> actors(root_pointer self) {
  auto rp = self->make_response_promise<std::string>();
  const auto& h = self->state.handles;
  auto any = [](const auto& handle) { return caf::actor_cast<caf::actor>(handle); };
  std::vector<named_actor> core{{"store", any(h.store)},     {"nansen", any(h.nansen)},
                                {"market", any(h.market)},   {"exchange", any(h.exchange)},
                                {"risk_guard", any(h.risk)}, {"root_supervisor", any(self)}};
  probe_mailboxes(self, std::move(core), [self, rp](boost::json::array core_rows) mutable {
    struct tree {
      boost::json::array children;
      int pending = 3;
      promise rp;
    };
    auto t = std::make_shared<tree>();
    t->children = std::move(core_rows);
    t->rp = rp;
    auto add = [t, self](caf::expected<std::string> sub) {
      if (sub)
        t->children.push_back(boost::json::parse(*sub));
      else
        t->children.push_back(boost::json::object{{"error", self->system().render(sub.error())}});
      if (--t->pending == 0)
        t->rp.deliver(boost::json::serialize(
            boost::json::object{{"name", "root_supervisor"}, {"children", t->children}}));
    };
    const auto& hs = self->state.handles;
    const auto wait = std::chrono::seconds(5);
    self->request(hs.positions, wait, status_atom::value)
        .then([add](std::string& s) { add(s); }, [add](caf::error& e) { add(e); });
    self->request(hs.signals, wait, status_atom::value)
        .then([add](std::string& s) { add(s); }, [add](caf::error& e) { add(e); });
    if (self->state.traders)
      self->request(self->state.traders, wait, status_atom::value)
          .then([add](std::string& s) { add(s); }, [add](caf::error& e) { add(e); });
    else
      add(std::string(R"({"name":"trader_supervisor","stopped":true})"));
  });
  return rp;
}

caf::result<std::string> close(root_pointer self, const std::vector<std::string>& args) {
  std::int64_t id = 0;
  try {
    std::size_t used = 0;
    id = args.size() == 1 ? std::stoll(args[0], &used) : 0;
    if (used != args.at(0).size()) id = 0;
  } catch (const std::exception&) {
    id = 0;
  }
  if (id <= 0) return usage("close needs one position id (a positive integer)");
  self->state.log->warn("operator: close position {}", id);
  auto rp = self->make_response_promise<std::string>();
  self->request(self->state.handles.positions, std::chrono::seconds(30), close_atom::value, id)
      .then(
          [rp, id](bool closed) mutable {
            if (closed)
              rp.deliver(
                  boost::json::serialize(boost::json::object{{"position", id}, {"closed", true}}));
            else
              rp.deliver(usage("position " + std::to_string(id) +
                               " was not closed: it is not open, or its close did not complete "
                               "yet (see the daemon's log)"));
          },
          [rp](caf::error& e) mutable { rp.deliver(e); });
  return rp;
}

caf::result<std::string> log_level(root_pointer self, const std::vector<std::string>& args) {
  if (args.size() != 2) return usage("log-level needs a pattern and a level");
  try {
    const int changed = set_log_level(args[0], args[1]);
    self->state.log->warn("operator: log level of {} set to {} ({} logger(s) now)", args[0],
                          args[1], changed);
    return boost::json::serialize(boost::json::object{
        {"pattern", args[0]}, {"level", args[1]}, {"loggers_changed", changed}});
  } catch (const std::exception& e) {
    return usage(e.what());
  }
}

}  // namespace

caf::result<std::string> answer_inspect(root_pointer self, const std::string& command,
                                        const std::vector<std::string>& args) {
  auto& st = self->state;
  if (command == "status") return status(self);
  if (command == "actors") return actors(self);
  if (command == "positions")
    return ask<std::vector<our_position>>(
        self, st.handles.positions, [](auto& rows) { return json_array(rows); }, list_atom::value);
  if (command == "signals")
    return ask<std::vector<signal>>(
        self, st.handles.store, [](auto& rows) { return json_array(rows); }, list_atom::value, 50);
  if (command == "traders")
    return ask<persisted_state>(
        self, st.handles.store, [](auto& state) { return json_array(state.traders); },
        load_atom::value);
  if (command == "pause" || command == "resume") {
    const auto me = caf::actor_cast<root_supervisor_actor>(self);
    if (command == "pause")
      self->send(me, pause_atom::value);
    else
      self->send(me, resume_atom::value);
    return boost::json::serialize(boost::json::object{{"paused", command == "pause"}});
  }
  if (command == "close") return close(self, args);
  if (command == "log-level") return log_level(self, args);
  return usage("unknown inspect command '" + command +
               "' (status, actors, traders, positions, signals, pause, resume, close, log-level)");
}

}  // namespace smartcopy
