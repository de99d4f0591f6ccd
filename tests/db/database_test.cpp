// SPEC §8: schema creation, idempotent migration, refusal of foreign or corrupt files.
#include <doctest/doctest.h>
#include <soci/soci.h>

#include <fstream>
#include <iterator>

#include "infra/db/database.hpp"
#include "support/temp_dir.hpp"

using namespace smartcopy;

namespace {

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("migrate creates every SPEC §8 table once; a second run is a no-op") {
  temp_dir dir;
  const std::string url = "sqlite:" + dir.file("t.db");
  {
    database db(url);
    CHECK(db.schema_version() == 0);
    CHECK(db.migrate() == database::latest_version());
    CHECK(db.schema_version() == database::latest_version());
    for (const char* table : {"schema_version", "traders", "trader_positions", "our_positions",
                              "signals", "orders", "seen_trades", "events"}) {
      int n = 0;
      const std::string name = table;
      db.session() << "SELECT count(*) FROM sqlite_master WHERE type='table' AND name=:n",
          soci::use(name), soci::into(n);
      CHECK_MESSAGE(n == 1, table);
    }
    std::string mode;
    db.session() << "PRAGMA journal_mode", soci::into(mode);
    CHECK(mode == "wal");
    int fk = 0;
    db.session() << "PRAGMA foreign_keys", soci::into(fk);
    CHECK(fk == 1);
  }
  database again(url);
  CHECK(again.migrate() == 0);
  int rows = 0;
  again.session() << "SELECT count(*) FROM schema_version", soci::into(rows);
  CHECK(rows == database::latest_version());
}

TEST_CASE("a file that is not a database is refused and left untouched") {
  temp_dir dir;
  std::string junk(4096, '\0');
  for (std::size_t i = 0; i < junk.size(); ++i) junk[i] = static_cast<char>((i * 7919) % 251);
  const std::string path = dir.write("junk.db", junk);
  CHECK_THROWS_WITH_AS(database("sqlite:" + path), doctest::Contains("not an SQLite database"),
                       database_error);
  CHECK(read_bytes(path) == junk);
}

TEST_CASE("a foreign schema or a newer one is refused and left untouched") {
  temp_dir dir;
  const std::string foreign = dir.file("foreign.db");
  {
    soci::session s("sqlite3", "db=" + foreign);
    s << "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)";
  }
  const std::string before = read_bytes(foreign);
  CHECK_THROWS_WITH_AS(database("sqlite:" + foreign), doctest::Contains("another application"),
                       database_error);
  CHECK(read_bytes(foreign) == before);

  const std::string newer = dir.file("newer.db");
  {
    database db("sqlite:" + newer);
    db.migrate();
    db.session() << "INSERT INTO schema_version VALUES (999, 'future', '2030-01-01T00:00:00Z')";
  }
  CHECK_THROWS_WITH_AS(database("sqlite:" + newer), doctest::Contains("newer"), database_error);
}

TEST_CASE("unsupported URLs are clear errors") {
  CHECK_THROWS_WITH_AS(database("postgres://x"), doctest::Contains("sqlite:PATH"), database_error);
  CHECK_THROWS_AS(database("sqlite:"), database_error);
}
