#include "actors/entry_recovery.hpp"

#include <algorithm>
#include <memory>
#include <string>

#include "actors/clock.hpp"
#include "infra/log/logging.hpp"
#include "strategy/opened_position.hpp"

namespace smartcopy {
namespace {

using logger_ptr = std::shared_ptr<spdlog::logger>;

void record(caf::event_based_actor* self, const engine_handles& handles, const logger_ptr& log,
            signal sig, decision outcome, const std::string& reason) {
  sig.outcome = outcome;
  sig.reason = reason;
  log->warn("signal {} recovered at restart: {} ({})", sig.id, to_string(outcome), reason);
  self->request(handles.store, caf::infinite, save_atom::value, sig)
      .then([](std::int64_t) {},
            [log, id = sig.id, self](caf::error& e) {
              log->error("signal {} outcome not stored: {}", id, self->system().render(e));
            });
}

std::string describe_fill(const order& o) {
  return "filled " + std::to_string(o.filled_size) + " at " + std::to_string(o.avg_price) + " (" +
         o.cloid + ")";
}

void open_recovered(caf::event_based_actor* self, const engine_context& ctx,
                    const engine_handles& handles, const logger_ptr& log, const signal& sig,
                    const order& o) {
  // The fee is not in the order row; the position's fees start at 0 (logged).
  const strategy::entry_fill fill{o.filled_size, o.avg_price, 0,
                                  sig.leverage > 0 ? sig.leverage : 1};
  const auto pos = strategy::opened_position(sig, fill, ctx.config->stops, o.updated_at);
  self->request(handles.positions, caf::infinite, open_atom::value, pos, std::int64_t{0})
      .then(
          [=](our_position& managed) {
            self->send(handles.risk, open_atom::value, managed);
            record(self, handles, log, sig, decision::execute,
                   describe_fill(o) + ", recovered at restart, position " +
                       std::to_string(managed.id) + " (entry fee unknown)");
          },
          [=](caf::error& e) {
            log->critical("{} but the position was NOT opened: {}", describe_fill(o),
                          self->system().render(e));
            record(self, handles, log, sig, decision::execute,
                   describe_fill(o) + ", position NOT opened at restart");
          });
}

void on_resolved(caf::event_based_actor* self, const engine_context& ctx,
                 const engine_handles& handles, const logger_ptr& log, const signal& sig,
                 const order& o, const std::vector<our_position>& open_positions) {
  if (!(o.filled_size > 0))
    return record(self, handles, log, sig, decision::skip_order_failed,
                  "entry " + o.cloid + " not filled (" + std::string(to_string(o.status)) +
                      ", resolved at restart)");
  const auto held =
      std::find_if(open_positions.begin(), open_positions.end(),
                   [&](const our_position& p) { return p.source_signal_id == sig.id; });
  if (held != open_positions.end())
    return record(self, handles, log, sig, decision::execute,
                  describe_fill(o) + ", position " + std::to_string(held->id));
  open_recovered(self, ctx, handles, log, sig, o);
}

}  // namespace

void entry_recovery(caf::event_based_actor* self, engine_context ctx, engine_handles handles,
                    in_flight_entry entry, std::vector<our_position> open_positions) {
  auto log = named_logger("recovery.signal." + std::to_string(entry.sig.id), self->id());
  const auto it = std::find_if(entry.orders.begin(), entry.orders.end(),
                               [](const order& o) { return o.kind == order_kind::entry; });
  if (it == entry.orders.end())
    return record(self, handles, log, entry.sig, decision::skip_order_failed,
                  "the daemon stopped before the entry was sent (no order row)");
  const auto sig = entry.sig;
  const order sent = *it;
  if (!is_open(sent.status)) return on_resolved(self, ctx, handles, log, sig, sent, open_positions);
  self->request(handles.exchange, caf::infinite, resolve_atom::value, sent)
      .then(
          [=](const order& resolved) {
            on_resolved(self, ctx, handles, log, sig, resolved, open_positions);
          },
          [=](caf::error& e) {
            // Unknown outcome: the row stays as it is and the next start tries again.
            log->error("entry {} of signal {} not resolved: {}", sent.cloid, sig.id,
                       self->system().render(e));
          });
}

}  // namespace smartcopy
