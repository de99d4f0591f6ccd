#include "infra/db/events_table.hpp"

#include "infra/db/row_values.hpp"

namespace smartcopy {

std::int64_t events_table::append(const event_record& e) {
  const std::string at = to_iso8601(e.at);
  sql_ << "INSERT INTO events (at, kind, subject, detail) VALUES (:at, :k, :s, :d)", soci::use(at),
      soci::use(e.kind), soci::use(e.subject), soci::use(e.detail);
  long long id = 0;
  sql_ << "SELECT last_insert_rowid()", soci::into(id);
  return id;
}

std::vector<event_record> events_table::recent(int limit) {
  std::vector<event_record> out;
  soci::rowset<soci::row> rows =
      (sql_.prepare << "SELECT * FROM events ORDER BY id DESC LIMIT :n", soci::use(limit));
  for (const auto& r : rows)
    out.push_back({db::get_int(r, "id"), db::get_time(r, "at"), db::get_text(r, "kind"),
                   db::get_text(r, "subject"), db::get_text(r, "detail")});
  return out;
}

}  // namespace smartcopy
