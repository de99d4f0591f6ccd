#include "infra/db/migrations.hpp"

namespace smartcopy {

const std::vector<migration>& schema_migrations() {
  static const std::vector<migration> all{
      {1,
       "SPEC 8 tables",
       {
           R"(CREATE TABLE traders (
                address TEXT PRIMARY KEY,
                label TEXT NOT NULL DEFAULT '',
                score REAL NOT NULL DEFAULT 0,
                style TEXT NOT NULL DEFAULT 'POSITION',
                tier TEXT NOT NULL DEFAULT 'untracked',
                roi_7d REAL NOT NULL DEFAULT 0,
                roi_30d REAL NOT NULL DEFAULT 0,
                roi_90d REAL NOT NULL DEFAULT 0,
                account_value REAL NOT NULL DEFAULT 0,
                nof_trades INTEGER NOT NULL DEFAULT 0,
                win_rate REAL NOT NULL DEFAULT 0,
                last_scored_at TEXT,
                blacklisted_until TEXT))",
           // The trader actors are restored by tier, ranked.
           "CREATE INDEX traders_by_tier ON traders (tier, score DESC)",
           R"(CREATE TABLE trader_positions (
                address TEXT NOT NULL,
                token TEXT NOT NULL,
                side TEXT NOT NULL,
                size REAL NOT NULL DEFAULT 0,
                position_value_usd REAL NOT NULL,
                entry_price REAL NOT NULL,
                leverage REAL,
                last_seen_at TEXT NOT NULL,
                PRIMARY KEY (address, token)))",
           R"(CREATE TABLE signals (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                trader_address TEXT NOT NULL,
                token_symbol TEXT NOT NULL,
                side TEXT NOT NULL,
                action TEXT NOT NULL,
                value_usd REAL NOT NULL,
                position_weight REAL NOT NULL,
                timestamp TEXT NOT NULL,
                age_seconds REAL NOT NULL,
                trade_price REAL NOT NULL,
                mark_price REAL NOT NULL,
                slippage_check REAL NOT NULL,
                trader_score REAL NOT NULL,
                trader_roi_7d REAL NOT NULL,
                copy_size_usd REAL NOT NULL,
                leverage REAL NOT NULL,
                order_type TEXT,
                max_slippage REAL NOT NULL,
                decision TEXT NOT NULL,
                reason TEXT NOT NULL DEFAULT '',
                trade_key TEXT NOT NULL,
                due_at TEXT,
                created_at TEXT NOT NULL))",
           // Deferred signals are restored at start; Add look-ups and reports go by trader.
           "CREATE INDEX signals_by_decision ON signals (decision, due_at)",
           "CREATE INDEX signals_by_trader ON signals (trader_address, token_symbol, timestamp)",
           R"(CREATE TABLE our_positions (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                token TEXT NOT NULL,
                side TEXT NOT NULL,
                entry_price REAL NOT NULL,
                size REAL NOT NULL,
                remaining_size REAL NOT NULL,
                value_usd REAL NOT NULL,
                stop_price REAL NOT NULL,
                trailing_stop_price REAL NOT NULL,
                highest_price REAL NOT NULL,
                lowest_price REAL NOT NULL,
                tiers_taken INTEGER NOT NULL DEFAULT 0,
                opened_at TEXT NOT NULL,
                closed_at TEXT,
                exit_price REAL,
                realized_pnl_usd REAL NOT NULL DEFAULT 0,
                fees_usd REAL NOT NULL DEFAULT 0,
                close_reason TEXT,
                source_trader TEXT NOT NULL,
                source_signal_id INTEGER REFERENCES signals (id),
                leverage REAL NOT NULL DEFAULT 1,
                status TEXT NOT NULL))",
           "CREATE INDEX our_positions_by_status ON our_positions (status, token)",
           R"(CREATE TABLE orders (
                cloid TEXT PRIMARY KEY,
                signal_id INTEGER REFERENCES signals (id),
                position_id INTEGER REFERENCES our_positions (id),
                kind TEXT NOT NULL,
                token TEXT NOT NULL,
                side TEXT NOT NULL,
                price REAL NOT NULL,
                size REAL NOT NULL,
                reduce_only INTEGER NOT NULL DEFAULT 0,
                status TEXT NOT NULL,
                exchange_oid BIGINT,
                filled_size REAL NOT NULL DEFAULT 0,
                avg_price REAL NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL))",
           // Reconciliation looks for unresolved orders; positions list their stops.
           "CREATE INDEX orders_by_status ON orders (status)",
           "CREATE INDEX orders_by_position ON orders (position_id, kind)",
           R"(CREATE TABLE seen_trades (
                trade_key TEXT PRIMARY KEY,
                seen_at TEXT NOT NULL))",
           R"(CREATE TABLE events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                kind TEXT NOT NULL,
                subject TEXT NOT NULL DEFAULT '',
                detail TEXT NOT NULL DEFAULT ''))",
           "CREATE INDEX events_by_time ON events (at)",
           // The audit log is append-only: the database itself refuses edits.
           R"(CREATE TRIGGER events_no_update BEFORE UPDATE ON events
                BEGIN SELECT RAISE(ABORT, 'events is append-only'); END)",
           R"(CREATE TRIGGER events_no_delete BEFORE DELETE ON events
                BEGIN SELECT RAISE(ABORT, 'events is append-only'); END)",
       }},
      {2,
       "sizing context of signals (deferred signals resume after a restart)",
       {
           "ALTER TABLE signals ADD COLUMN trader_account_value REAL NOT NULL DEFAULT 0",
           "ALTER TABLE signals ADD COLUMN trader_position_value REAL NOT NULL DEFAULT 0",
           "ALTER TABLE signals ADD COLUMN trader_leverage REAL",
       }},
  };
  return all;
}

}  // namespace smartcopy
