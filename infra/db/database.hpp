#pragma once
// The SQLite database of SPEC §8 through SOCI: opening with safety checks, pragmas (WAL,
// foreign keys, busy timeout) and versioned migrations. A `database` is used by one thread at a
// time — in the daemon only the `store` actor holds one.
#include <memory>
#include <stdexcept>
#include <string>

namespace soci {
class session;
}

namespace smartcopy {

/// The database cannot be used: not a database, a foreign or newer schema, a bad URL, or an
/// SQL failure. The message says which and what to do.
class database_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class database {
 public:
  /// Opens `url` (`sqlite:PATH` or `sqlite::memory:`) without changing anything. Throws
  /// database_error when the file is not an SQLite database, holds tables of another
  /// application, or has a schema newer than this build knows.
  explicit database(const std::string& url);
  /// Commits still reach the file in order, but are no longer synced to the disk one by one
  /// (PRAGMA synchronous = OFF): for a database rebuilt on every run (a backtest's), where a
  /// power loss costs nothing and each sync costs a disk round trip.
  void skip_disk_syncs();
  ~database();
  database(const database&) = delete;
  database& operator=(const database&) = delete;

  /// Applies the migrations not yet recorded in `schema_version`, each in its own
  /// transaction. Returns how many were applied (0: already up to date).
  int migrate();

  /// The highest applied migration (0 for a new file).
  int schema_version();

  /// The schema version this build creates.
  static int latest_version();

  soci::session& session() { return *session_; }

 private:
  std::unique_ptr<soci::session> session_;
};

}  // namespace smartcopy
