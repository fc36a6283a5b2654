#include "store/audit/audit_seal_store.hpp"

#include <fmt/format.h>

#include "db/connection.hpp"
#include "store/audit/scan.hpp"
#include "store/common/sql_format.hpp"

namespace qgp::store::audit {

namespace {

// pg_try_advisory_xact_lock key of the sealer ('qgpseal' as bytes): at most one sealer works at a
// time, whichever process it runs in.
constexpr std::int64_t kSealerLockKey = 0x0071677073656164;

}  // namespace

bool try_lock_sealer(db::Connection& connection) {
  return connection
      .exec_prepared("SELECT pg_try_advisory_xact_lock($1)", db::Params(kSealerLockKey))
      .boolean(0, 0);
}

ChainTail chain_tail(db::Connection& connection) {
  const auto result = connection.exec_prepared(
      "SELECT position, hash, xact_id::text, audit_log_id FROM audit_chain "
      "ORDER BY position DESC LIMIT 1");
  if (result.empty()) {
    return {};
  }
  return ChainTail{.position = result.int64(0, 0),
                   .hash = result.string(0, 1),
                   .xact_id = result.optional_string(0, 2),
                   .audit_log_id = result.int64(0, 3)};
}

std::string sealing_horizon(db::Connection& connection) {
  // The statement's snapshot is taken before pg_stat_activity is read: a transaction with an id
  // below its xmax either still runs when the activity is read (and is listed) or has ended by
  // then, before the caller's next statement takes its snapshot. backend_xid has 32 bits: it is
  // widened to the 64-bit id within 2^31 of xmax (running ids are never further from it than
  // that: wraparound protection); one above xmax may well run (xmax is the latest completed id
  // plus one), and it does not lower the horizon.
  static constexpr std::string_view kSql = R"sql(
WITH horizon AS (
  SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax
), running AS (
  SELECT backend_xid AS xid FROM pg_stat_activity
  WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()
  UNION ALL
  SELECT transaction FROM pg_prepared_xacts WHERE database = current_database()
), widened AS (
  SELECT (h.xmax >> 32 << 32) + r.xid::text::bigint AS id, h.xmax FROM horizon h, running r
)
SELECT least((SELECT xmax FROM horizon),
             (SELECT min(CASE WHEN id > xmax + 2147483648 THEN id - 4294967296
                              WHEN id < xmax - 2147483648 THEN id + 4294967296
                              ELSE id END)
              FROM widened))::text)sql";
  return connection.exec_prepared(kSql).string(0, 0);
}

std::vector<FinalRow> final_rows_after(db::Connection& connection, const ChainTail& tail,
                                       const std::string& horizon, int limit) {
  // xid8 '0' is below every real transaction id: after an empty or pre-sealer chain, every row
  // with a transaction id is after the frontier.
  const auto sql = fmt::format(
      "SELECT a.id, a.xact_id::text, {} FROM audit_log a "
      "WHERE a.xact_id IS NOT NULL AND (a.xact_id, a.id) > ($1::xid8, $2::bigint) "
      "  AND a.xact_id < $3::xid8 "
      "ORDER BY a.xact_id, a.id LIMIT {}",
      hashed_columns_sql("a"), limit);
  const auto rows = connection.exec_prepared(
      sql, db::Params(tail.xact_id.value_or("0"), tail.xact_id ? tail.audit_log_id : 0, horizon));
  std::vector<FinalRow> out;
  out.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    out.push_back(FinalRow{.id = rows.int64(row, 0),
                           .xact_id = rows.string(row, 1),
                           .hashed = hashed_row_at(rows, row, 2)});
  }
  return out;
}

void insert_links(db::Connection& connection, const std::vector<Link>& links) {
  if (links.empty()) {
    return;
  }
  std::vector<std::optional<std::string>> positions;
  std::vector<std::optional<std::string>> ids;
  std::vector<std::optional<std::string>> xact_ids;
  std::vector<std::optional<std::string>> prev_hashes;
  std::vector<std::optional<std::string>> hashes;
  for (const auto& link : links) {
    positions.emplace_back(std::to_string(link.position));
    ids.emplace_back(std::to_string(link.audit_log_id));
    xact_ids.push_back(link.xact_id);
    prev_hashes.push_back(link.prev_hash);
    hashes.emplace_back(link.hash);
  }
  db::Params params;
  params.add_text(db::text_array_literal(positions))
      .add_text(db::text_array_literal(ids))
      .add_text(db::text_array_literal(xact_ids))
      .add_text(db::text_array_literal(prev_hashes))
      .add_text(db::text_array_literal(hashes));
  connection.exec_prepared(
      "INSERT INTO audit_chain (position, audit_log_id, xact_id, prev_hash, hash) "
      "SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::xid8[], $4::text[], $5::text[])",
      params);
}

std::string database_clock(db::Connection& connection) {
  static const std::string kSql = "SELECT " + common::rfc3339("clock_timestamp()");
  return connection.exec_prepared(kSql).string(0, 0);
}

std::int64_t insert_checkpoint(db::Connection& connection, const Checkpoint& checkpoint) {
  db::Params params;
  params.add(checkpoint.position)
      .add(checkpoint.head_hash)
      .add(checkpoint.rows_sealed)
      .add_text(checkpoint.sealed_at)
      .add(checkpoint.key_id)
      .add(checkpoint.signature);
  return connection
      .exec_prepared(
          "INSERT INTO audit_checkpoints (position, head_hash, rows_sealed, sealed_at, key_id, "
          "signature) VALUES ($1, $2, $3, $4::timestamptz, $5, $6) RETURNING id",
          params)
      .int64(0, 0);
}

void scan_checkpoints(db::Connection& connection,
                      const std::function<bool(const Checkpoint&)>& visit, int batch_size) {
  static const std::string kSql = fmt::format(
      "SELECT k.id, k.position, k.head_hash, k.rows_sealed, {}, k.key_id, k.signature, c.hash "
      "FROM audit_checkpoints k LEFT JOIN audit_chain c ON c.position = k.position "
      "WHERE k.position > $1 ORDER BY k.position LIMIT $2",
      common::rfc3339("k.sealed_at"));
  keyset_scan(connection, kSql, batch_size,
              [&](const db::Result& rows, int row) -> std::optional<std::int64_t> {
                const Checkpoint checkpoint{.id = rows.int64(row, 0),
                                            .position = rows.int64(row, 1),
                                            .head_hash = rows.string(row, 2),
                                            .rows_sealed = rows.int64(row, 3),
                                            .sealed_at = rows.string(row, 4),
                                            .key_id = rows.optional_string(row, 5),
                                            .signature = rows.optional_string(row, 6),
                                            .link_hash = rows.optional_string(row, 7)};
                if (!visit(checkpoint)) {
                  return std::nullopt;
                }
                return checkpoint.position;
              });
}

std::optional<Link> link_at(db::Connection& connection, std::int64_t position, bool or_after) {
  const auto result = connection.exec_prepared(
      or_after ? "SELECT position, audit_log_id, xact_id::text, prev_hash, hash FROM audit_chain "
                 "WHERE position >= $1 ORDER BY position LIMIT 1"
               : "SELECT position, audit_log_id, xact_id::text, prev_hash, hash FROM audit_chain "
                 "WHERE position = $1",
      db::Params(position));
  if (result.empty()) {
    return std::nullopt;
  }
  return Link{.position = result.int64(0, 0),
              .audit_log_id = result.int64(0, 1),
              .xact_id = result.optional_string(0, 2),
              .prev_hash = result.optional_string(0, 3),
              .hash = result.string(0, 4)};
}

UnsealedRows unsealed_rows(db::Connection& connection, std::chrono::seconds bound) {
  static const std::string kSql = fmt::format(R"sql(
WITH unsealed AS (
  SELECT a.id, a.occurred_at FROM audit_log a
  WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.audit_log_id = a.id)
)
SELECT (SELECT count(*) FROM unsealed),
       (SELECT count(*) FROM unsealed
        WHERE occurred_at < clock_timestamp() - make_interval(secs => $1)),
       oldest.id, {}, extract(epoch FROM clock_timestamp() - oldest.occurred_at)::float8
FROM (SELECT 1) AS one
LEFT JOIN LATERAL (SELECT id, occurred_at FROM unsealed ORDER BY occurred_at, id LIMIT 1) AS oldest
  ON true)sql",
                                              common::rfc3339("oldest.occurred_at"));
  const auto result = connection.exec_prepared(kSql, db::Params(std::int64_t{bound.count()}));
  UnsealedRows out;
  out.count = result.int64(0, 0);
  out.overdue = result.int64(0, 1);
  out.oldest_id = result.optional_int64(0, 2);
  out.oldest_occurred_at = result.optional_string(0, 3);
  if (!result.is_null(0, 4)) {
    out.oldest_age_seconds = result.float64(0, 4);
  }
  return out;
}

}  // namespace qgp::store::audit
