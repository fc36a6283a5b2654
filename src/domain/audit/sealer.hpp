#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "domain/audit/checkpoint_signing.hpp"

namespace qgp::db {
class Connection;
}

// The audit trail's sealer (docs/adr/0003-audit-trail.md). Writers append audit_log rows in their
// own transactions without any shared lock; the sealer links the rows whose transactions are final
// into audit_chain, in (transaction id, id) order, a batch at a time, and records one checkpoint
// per batch, signed when it has a key. One sealer works at a time across every process (a
// transaction-level advisory lock taken without waiting), so several `qgp serve` replicas and a
// `qgp audit seal` can all run one and each row is still linked exactly once.
namespace qgp::domain::audit {

struct SealOutcome {
  bool busy = false;  // another sealer held the lock: nothing was done
  std::int64_t rows_sealed = 0;
  std::int64_t position = 0;  // the chain's last position after this batch
  std::optional<std::string> head_hash;
};

class Sealer {
 public:
  // `batch_size` rows at most per batch (and per checkpoint).
  Sealer(const std::optional<SigningKey>& key, int batch_size);

  // Seals one batch in its own transaction on `connection` (which must not be in one). Throws
  // core::Error (kInternal) when the chain's tail moved back below a position this sealer
  // committed: links were removed behind its back.
  SealOutcome seal_batch(db::Connection& connection);

  // Batches until one is not full or another sealer holds the lock: rows_sealed is their sum,
  // busy and position those of the last batch.
  SealOutcome seal_pending(db::Connection& connection);

  [[nodiscard]] int batch_size() const noexcept { return batch_size_; }
  [[nodiscard]] bool signs() const noexcept { return key_.has_value(); }

 private:
  std::optional<SigningKey> key_;
  int batch_size_;
  std::int64_t committed_position_ = 0;
};

// A Sealer on its own thread and connection, as `qgp serve` runs it: every `interval` (or on a
// nudge) it seals everything pending. Database errors are logged and retried on the next round
// with a fresh connection; they never stop the service. stop() runs a last pass, so a graceful
// shutdown leaves nothing it could have sealed. The first round waits one interval.
class BackgroundSealer {
 public:
  BackgroundSealer(std::string database_url, const Sealer& sealer,
                   std::chrono::milliseconds interval);
  BackgroundSealer(const BackgroundSealer&) = delete;
  BackgroundSealer& operator=(const BackgroundSealer&) = delete;
  BackgroundSealer(BackgroundSealer&&) = delete;
  BackgroundSealer& operator=(BackgroundSealer&&) = delete;
  ~BackgroundSealer();

  void start();
  void stop() noexcept;

  // Blocks until this sealer has committed a chain position >= `position` or `timeout` passed;
  // true when it has. For tests and orderly shutdowns; wakes on every committed batch.
  bool wait_for_position(std::int64_t position, std::chrono::milliseconds timeout);
  // Wakes the thread for a round now instead of at the end of its interval.
  void nudge();

 private:
  void run(const std::stop_token& stop);
  void round(std::optional<db::Connection>& connection);

  std::string database_url_;
  Sealer sealer_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::condition_variable progress_;
  bool nudged_ = false;
  std::int64_t position_ = 0;
  std::jthread thread_;
};

}  // namespace qgp::domain::audit
