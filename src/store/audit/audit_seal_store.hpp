#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/audit/audit_hash.hpp"

namespace qgp::db {
class Connection;
}

// The sealer's SQL (docs/adr/0003-audit-trail.md). Writers append audit_log rows without a lock;
// the sealer, one at a time across every process, links the rows whose transactions are final
// into audit_chain and records a checkpoint per batch. Nothing here decides policy (batch sizes,
// keys, what a broken chain means): domain/audit does.
namespace qgp::store::audit {

// Takes the sealer's transaction-level advisory lock without waiting: false when another sealer
// (in this or any other process) holds it. Held until the caller's transaction ends.
bool try_lock_sealer(db::Connection& connection);

// Where the next link goes: the last link of audit_chain, or position 0 for an empty chain.
struct ChainTail {
  std::int64_t position = 0;
  std::optional<std::string> hash;
  // The sealed frontier in (xact_id, id) order; xact_id is nullopt for an empty chain or one that
  // ends with rows chained before the sealer existed.
  std::optional<std::string> xact_id;
  std::int64_t audit_log_id = 0;
};
ChainTail chain_tail(db::Connection& connection);

// An audit_log row ready to be linked: its transaction has ended (committed, since the row is
// visible) and so has every transaction with a smaller id, so no row can still appear before it
// in (xact_id, id) order.
struct FinalRow {
  std::int64_t id = 0;
  std::string xact_id;
  HashedRow hashed;
};

// The sealing horizon (an xid8, as text): every transaction of this database with a smaller id
// has ended, and every later statement of the caller sees the rows the committed ones wrote. It is
// the smallest transaction id still running in this database (pg_stat_activity, prepared
// transactions), or the snapshot's xmax when none runs. Only this database counts: a long
// transaction in another database of the cluster does not hold sealing back. Call it in a
// statement of its own, before final_rows_after: the rows must be read with a later snapshot.
std::string sealing_horizon(db::Connection& connection);

// Up to `limit` rows after `tail`'s frontier and below `horizon`, in (xact_id, id) order. A row
// whose writer was still running at the horizon is never passed over: it sorts after the horizon,
// and so after every row sealed now.
std::vector<FinalRow> final_rows_after(db::Connection& connection, const ChainTail& tail,
                                       const std::string& horizon, int limit);

struct Link {
  std::int64_t position = 0;
  std::int64_t audit_log_id = 0;
  std::optional<std::string> xact_id;
  std::optional<std::string> prev_hash;
  std::string hash;
};
// One multi-row INSERT into audit_chain.
void insert_links(db::Connection& connection, const std::vector<Link>& links);

// The database clock (clock_timestamp()) as RFC 3339 UTC with microseconds: a checkpoint's
// sealed_at is signed in exactly the text it is stored and read back in.
std::string database_clock(db::Connection& connection);

struct Checkpoint {
  std::int64_t id = 0;  // assigned by insert_checkpoint
  std::int64_t position = 0;
  std::string head_hash;
  std::int64_t rows_sealed = 0;
  std::string sealed_at;
  std::optional<std::string> key_id;
  std::optional<std::string> signature;
  // Read back only: audit_chain.hash at `position` (nullopt when that link is missing).
  std::optional<std::string> link_hash;
};
std::int64_t insert_checkpoint(db::Connection& connection, const Checkpoint& checkpoint);

// Every checkpoint in position order, `batch_size` per query; `visit` returns false to stop.
void scan_checkpoints(db::Connection& connection,
                      const std::function<bool(const Checkpoint&)>& visit, int batch_size = 5000);

// The link at `position`, or the first one after it (`or_after`); nullopt when there is none.
std::optional<Link> link_at(db::Connection& connection, std::int64_t position,
                            bool or_after = false);

// audit_log rows without a link. `overdue` counts those older than `bound` (by occurred_at,
// against the database clock); the oldest one is named.
struct UnsealedRows {
  std::int64_t count = 0;
  std::int64_t overdue = 0;
  std::optional<std::int64_t> oldest_id;
  std::optional<std::string> oldest_occurred_at;
  double oldest_age_seconds = 0;
};
UnsealedRows unsealed_rows(db::Connection& connection, std::chrono::seconds bound);

}  // namespace qgp::store::audit
