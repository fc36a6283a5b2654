#include "domain/audit/sealer.hpp"

#include <algorithm>
#include <exception>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/logging.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "store/audit/audit_hash.hpp"
#include "store/audit/audit_seal_store.hpp"

namespace qgp::domain::audit {

namespace seal_store = store::audit;

Sealer::Sealer(const std::optional<SigningKey>& key, int batch_size)
    : key_(key), batch_size_(std::max(1, batch_size)) {}

SealOutcome Sealer::seal_batch(db::Connection& connection) {
  if (connection.in_transaction()) {
    // Nested, it would inherit the caller's snapshot: the horizon and the rows must be read by
    // statements with snapshots of their own (READ COMMITTED), in this order.
    throw core::Error(core::ErrorCode::kInternal, "the sealer runs in a transaction of its own");
  }
  db::Transaction transaction(connection, db::Isolation::kReadCommitted);
  if (!seal_store::try_lock_sealer(connection)) {
    return SealOutcome{.busy = true, .rows_sealed = 0, .position = 0, .head_hash = std::nullopt};
  }
  const auto tail = seal_store::chain_tail(connection);
  if (tail.position < committed_position_) {
    throw core::Error(core::ErrorCode::kInternal,
                      fmt::format("audit_chain ends at position {} although this sealer committed "
                                  "position {}: links were removed",
                                  tail.position, committed_position_));
  }
  SealOutcome outcome{
      .busy = false, .rows_sealed = 0, .position = tail.position, .head_hash = tail.hash};
  const auto horizon = seal_store::sealing_horizon(connection);
  const auto rows = seal_store::final_rows_after(connection, tail, horizon, batch_size_);
  if (rows.empty()) {
    return outcome;  // nothing written; the transaction ends with the lock
  }
  std::vector<seal_store::Link> links;
  links.reserve(rows.size());
  auto previous = tail.hash;
  auto position = tail.position;
  for (const auto& row : rows) {
    auto hash = seal_store::chain_hash(previous.value_or(""), row.hashed);
    links.push_back(seal_store::Link{.position = ++position,
                                     .audit_log_id = row.id,
                                     .xact_id = row.xact_id,
                                     .prev_hash = previous,
                                     .hash = hash});
    previous = std::move(hash);
  }
  seal_store::insert_links(connection, links);

  seal_store::Checkpoint checkpoint{.id = 0,
                                    .position = position,
                                    .head_hash = *previous,
                                    .rows_sealed = static_cast<std::int64_t>(links.size()),
                                    .sealed_at = seal_store::database_clock(connection),
                                    .key_id = std::nullopt,
                                    .signature = std::nullopt,
                                    .link_hash = std::nullopt};
  if (key_) {
    checkpoint.key_id = key_->key_id();
    checkpoint.signature = key_->sign(checkpoint_text(
        checkpoint.position, checkpoint.head_hash, checkpoint.rows_sealed, checkpoint.sealed_at));
  }
  checkpoint.id = seal_store::insert_checkpoint(connection, checkpoint);
  transaction.commit();
  committed_position_ = position;
  // The log is a second record of every checkpoint, kept outside the database: a rollback of the
  // chain's tail in the database no longer matches it (ADR-0003's anchors).
  core::log::info("audit_checkpoint", {{"checkpoint_id", std::to_string(checkpoint.id)},
                                       {"position", std::to_string(checkpoint.position)},
                                       {"head_hash", checkpoint.head_hash},
                                       {"rows_sealed", std::to_string(checkpoint.rows_sealed)},
                                       {"sealed_at", checkpoint.sealed_at},
                                       {"key_id", checkpoint.key_id.value_or("")},
                                       {"signature", checkpoint.signature.value_or("")}});
  outcome.rows_sealed = checkpoint.rows_sealed;
  outcome.position = position;
  outcome.head_hash = checkpoint.head_hash;
  return outcome;
}

SealOutcome Sealer::seal_pending(db::Connection& connection) {
  std::int64_t sealed = 0;
  while (true) {
    auto outcome = seal_batch(connection);
    sealed += outcome.rows_sealed;
    if (outcome.busy || outcome.rows_sealed < batch_size_) {
      outcome.rows_sealed = sealed;
      return outcome;
    }
  }
}

BackgroundSealer::BackgroundSealer(std::string database_url, const Sealer& sealer,
                                   std::chrono::milliseconds interval)
    : database_url_(std::move(database_url)), sealer_(sealer), interval_(interval) {}

BackgroundSealer::~BackgroundSealer() {
  stop();
}

void BackgroundSealer::start() {
  thread_ = std::jthread([this](const std::stop_token& stop) { run(stop); });
}

void BackgroundSealer::stop() noexcept {
  if (thread_.joinable()) {
    thread_.request_stop();
    thread_.join();
  }
}

void BackgroundSealer::nudge() {
  {
    const std::scoped_lock lock(mutex_);
    nudged_ = true;
  }
  wake_.notify_all();
}

bool BackgroundSealer::wait_for_position(std::int64_t position, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return progress_.wait_for(lock, timeout, [&] { return position_ >= position; });
}

void BackgroundSealer::run(const std::stop_token& stop) {
  std::optional<db::Connection> connection;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, stop, interval_, [this] { return nudged_; });
      nudged_ = false;
    }
    if (stop.stop_requested()) {
      break;
    }
    round(connection);
  }
  // A graceful stop seals what the drained requests wrote (an unreachable database costs at most
  // the connect timeout, and an error is only logged).
  round(connection);
}

void BackgroundSealer::round(std::optional<db::Connection>& connection) {
  try {
    if (!connection) {
      connection.emplace(database_url_);
    }
    while (true) {
      const auto outcome = sealer_.seal_batch(*connection);
      {
        const std::scoped_lock lock(mutex_);
        position_ = std::max(position_, outcome.position);
      }
      progress_.notify_all();
      if (outcome.busy || outcome.rows_sealed < sealer_.batch_size()) {
        return;
      }
    }
  } catch (const std::exception& e) {
    // The service goes on; rows stay unsealed until a round succeeds, and `qgp audit verify`
    // reports them once they are older than its bound.
    core::log::error("audit_sealer_error", {{"error", e.what()}});
    connection.reset();
  }
}

}  // namespace qgp::domain::audit
