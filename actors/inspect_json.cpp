#include "actors/inspect_json.hpp"

#include <boost/json.hpp>
#include <string>

namespace smartcopy {
namespace {

boost::json::value optional_time(const std::optional<utc_time>& t) {
  return t ? boost::json::value(to_iso8601(*t)) : boost::json::value(nullptr);
}

template <class T>
boost::json::value optional_value(const std::optional<T>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

std::string text(std::string_view v) {
  return std::string(v);
}

}  // namespace

boost::json::value to_json(const our_position& p) {
  return {{"id", p.id},
          {"token", p.token},
          {"side", text(to_string(p.position_side))},
          {"status", text(to_string(p.status))},
          {"entry_price", p.entry_price},
          {"size", p.size},
          {"remaining_size", p.remaining_size},
          {"value_usd", p.value_usd},
          {"stop_price", p.stop_price},
          {"trailing_stop_price", p.trailing_stop_price},
          {"highest_price", p.highest_price},
          {"lowest_price", p.lowest_price},
          {"tiers_taken", p.tiers_taken},
          {"opened_at", to_iso8601(p.opened_at)},
          {"closed_at", optional_time(p.closed_at)},
          {"exit_price", optional_value(p.exit_price)},
          {"realized_pnl_usd", p.realized_pnl_usd},
          {"fees_usd", p.fees_usd},
          {"close_reason",
           p.reason ? boost::json::value(text(to_string(*p.reason))) : boost::json::value(nullptr)},
          {"source_trader", p.source_trader},
          {"source_signal_id", optional_value(p.source_signal_id)},
          {"leverage", p.leverage}};
}

boost::json::value to_json(const signal& s) {
  return {{"id", s.id},
          {"trader_address", s.trader_address},
          {"token_symbol", s.token_symbol},
          {"side", text(to_string(s.position_side))},
          {"action", text(to_string(s.action))},
          {"value_usd", s.value_usd},
          {"position_weight", s.position_weight},
          {"timestamp", to_iso8601(s.timestamp)},
          {"decision", text(to_string(s.outcome))},
          {"reason", s.reason},
          {"copy_size_usd", s.copy_size_usd},
          {"leverage", s.leverage},
          {"mark_price", s.mark_price},
          {"slippage_check", s.slippage_check},
          {"due_at", optional_time(s.due_at)},
          {"created_at", to_iso8601(s.created_at)}};
}

boost::json::value to_json(const trader_row& t) {
  return {{"address", t.address},
          {"label", t.label},
          {"tier", text(to_string(t.tier))},
          {"style", text(to_string(t.style))},
          {"score", t.score},
          {"roi_7d", t.roi_7d},
          {"roi_30d", t.roi_30d},
          {"roi_90d", t.roi_90d},
          {"account_value", t.account_value},
          {"nof_trades", t.nof_trades},
          {"win_rate", t.win_rate},
          {"last_scored_at", optional_time(t.last_scored_at)},
          {"blacklisted_until", optional_time(t.blacklisted_until)}};
}

}  // namespace smartcopy
