#include "infra/db/database.hpp"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "infra/db/migrations.hpp"
#include "messages/time.hpp"

namespace smartcopy {
namespace {

constexpr std::string_view sqlite_scheme = "sqlite:";

std::string path_of(const std::string& url) {
  if (url.rfind(sqlite_scheme, 0) != 0 || url.size() == sqlite_scheme.size())
    throw database_error("db.url: '" + url + "' is not supported; expected sqlite:PATH");
  return url.substr(sqlite_scheme.size());
}

// Refuses a file that exists but is not SQLite, before SQLite gets a chance to touch it.
void check_sqlite_header(const std::string& path) {
  std::error_code ec;
  if (path == ":memory:" || !std::filesystem::exists(path, ec)) return;
  if (std::filesystem::file_size(path, ec) == 0) return;
  std::array<char, 16> header{};
  std::ifstream in(path, std::ios::binary);
  in.read(header.data(), header.size());
  if (!in || std::memcmp(header.data(), "SQLite format 3\0", 16) != 0)
    throw database_error(path + " is not an SQLite database; refusing to open it (check db.url)");
}

}  // namespace

database::database(const std::string& url) {
  const std::string path = path_of(url);
  check_sqlite_header(path);
  try {
    session_ = std::make_unique<soci::session>(soci::sqlite3, "db=" + path + " timeout=10");
    // Connection settings only: nothing is written to the file here.
    *session_ << "PRAGMA foreign_keys = ON";
    *session_ << "PRAGMA busy_timeout = 10000";
  } catch (const soci::soci_error& e) {
    throw database_error("cannot open " + path + ": " + e.what());
  }
  const int version = schema_version();
  if (version > latest_version())
    throw database_error(path + " has schema version " + std::to_string(version) +
                         ", newer than this smartcopy knows (" + std::to_string(latest_version()) +
                         "); upgrade smartcopy");
}

database::~database() = default;

int database::latest_version() {
  return schema_migrations().back().version;
}

int database::schema_version() {
  try {
    int tables = 0;
    int ours = 0;
    *session_ << "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                 "'sqlite_%'",
        soci::into(tables);
    *session_ << "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = "
                 "'schema_version'",
        soci::into(ours);
    if (ours == 0) {
      if (tables > 0)
        throw database_error(
            "the database holds tables but no smartcopy schema_version: it "
            "belongs to another application; refusing to change it");
      return 0;
    }
    int version = 0;
    soci::indicator ind = soci::i_ok;
    *session_ << "SELECT max(version) FROM schema_version", soci::into(version, ind);
    return ind == soci::i_null ? 0 : version;
  } catch (const soci::soci_error& e) {
    throw database_error(std::string("cannot read the schema: ") + e.what());
  }
}

void database::skip_disk_syncs() {
  *session_ << "PRAGMA synchronous = OFF";
}

int database::migrate() {
  const int current = schema_version();
  int applied = 0;
  try {
    *session_ << "PRAGMA journal_mode = WAL";
    *session_ << "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                 "description TEXT NOT NULL, applied_at TEXT NOT NULL)";
    for (const auto& m : schema_migrations()) {
      if (m.version <= current) continue;
      soci::transaction tr(*session_);
      for (const auto& statement : m.statements) *session_ << statement;
      const std::string now =
          to_iso8601(std::chrono::time_point_cast<milliseconds>(std::chrono::system_clock::now()));
      *session_ << "INSERT INTO schema_version (version, description, applied_at) VALUES "
                   "(:v, :d, :a)",
          soci::use(m.version), soci::use(m.description), soci::use(now);
      tr.commit();
      ++applied;
    }
  } catch (const soci::soci_error& e) {
    throw database_error(std::string("migration failed: ") + e.what());
  }
  return applied;
}

}  // namespace smartcopy
