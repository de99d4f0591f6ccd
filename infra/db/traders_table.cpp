#include "infra/db/traders_table.hpp"

#include "infra/db/row_values.hpp"

namespace smartcopy {
namespace {

trader_row read(const soci::row& r) {
  trader_row t;
  t.address = db::get_text(r, "address");
  t.label = db::get_text(r, "label");
  t.score = db::get_double(r, "score");
  t.style = parse_trader_style(db::get_text(r, "style")).value_or(trader_style::position);
  t.tier = parse_trader_tier(db::get_text(r, "tier")).value_or(trader_tier::untracked);
  t.roi_7d = db::get_double(r, "roi_7d");
  t.roi_30d = db::get_double(r, "roi_30d");
  t.roi_90d = db::get_double(r, "roi_90d");
  t.account_value = db::get_double(r, "account_value");
  t.nof_trades = static_cast<int>(db::get_int(r, "nof_trades"));
  t.win_rate = db::get_double(r, "win_rate");
  t.last_scored_at = db::get_optional_time(r, "last_scored_at");
  t.blacklisted_until = db::get_optional_time(r, "blacklisted_until");
  return t;
}

std::vector<trader_row> read_all(soci::rowset<soci::row>&& rows) {
  std::vector<trader_row> out;
  for (const auto& r : rows) out.push_back(read(r));
  return out;
}

}  // namespace

void traders_table::upsert(const trader_row& t) {
  const std::string style(to_string(t.style));
  const std::string tier(to_string(t.tier));
  auto scored = db::bind_optional_time(t.last_scored_at);
  auto blacklisted = db::bind_optional_time(t.blacklisted_until);
  sql_ << "INSERT INTO traders (address, label, score, style, tier, roi_7d, roi_30d, roi_90d, "
          "account_value, nof_trades, win_rate, last_scored_at, blacklisted_until) VALUES "
          "(:address, :label, :score, :style, :tier, :r7, :r30, :r90, :av, :n, :wr, :scored, "
          ":bl) ON CONFLICT (address) DO UPDATE SET label = excluded.label, score = "
          "excluded.score, style = excluded.style, tier = excluded.tier, roi_7d = "
          "excluded.roi_7d, roi_30d = excluded.roi_30d, roi_90d = excluded.roi_90d, "
          "account_value = excluded.account_value, nof_trades = excluded.nof_trades, win_rate = "
          "excluded.win_rate, last_scored_at = excluded.last_scored_at, blacklisted_until = "
          "excluded.blacklisted_until",
      soci::use(t.address), soci::use(t.label), soci::use(t.score), soci::use(style),
      soci::use(tier), soci::use(t.roi_7d), soci::use(t.roi_30d), soci::use(t.roi_90d),
      soci::use(t.account_value), soci::use(t.nof_trades), soci::use(t.win_rate),
      soci::use(scored.value, scored.ind), soci::use(blacklisted.value, blacklisted.ind);
}

std::optional<trader_row> traders_table::find(const std::string& address) {
  soci::rowset<soci::row> rows =
      (sql_.prepare << "SELECT * FROM traders WHERE address = :a", soci::use(address));
  for (const auto& r : rows) return read(r);
  return std::nullopt;
}

std::vector<trader_row> traders_table::by_tier(trader_tier tier) {
  const std::string t(to_string(tier));
  return read_all((sql_.prepare << "SELECT * FROM traders WHERE tier = :t ORDER BY score DESC, "
                                   "address",
                   soci::use(t)));
}

std::vector<trader_row> traders_table::all() {
  return read_all((sql_.prepare << "SELECT * FROM traders ORDER BY score DESC, address"));
}

void traders_table::set_blacklisted_until(const std::string& address, utc_time until) {
  const std::string at = to_iso8601(until);
  sql_ << "UPDATE traders SET blacklisted_until = :u WHERE address = :a", soci::use(at),
      soci::use(address);
}

}  // namespace smartcopy
