#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string_view>

// Admission control for Argon2id (ADR-0005, docs/adr/0012): each computation holds a core and tens
// of MiB for its whole run, so only `limit` run at once; the others wait in a bounded queue.
namespace qgp::domain::identity {

// At most `limit` computations run at once and at most `capacity` callers are admitted (running
// or queued). A caller beyond that is refused at once with core::Busy (503 BUSY + Retry-After),
// before it does any other work. A queued caller blocks its handler thread but holds no database
// connection; the server sizes its worker pool so that a full queue still leaves the pool's worth
// of threads to everything else (WORKER_THREADS defaults to DB_POOL_SIZE + PASSWORD_HASH_QUEUE).
class HashGate {
 public:
  // limit 0: half the cores (at least one); capacity is raised to at least the limit.
  HashGate(unsigned limit, unsigned capacity);

  void set_limits(unsigned limit, unsigned capacity);

  // Admission: throws core::Busy, whose message starts with `refusal` (e.g. "too many sign-ins at
  // once"), when `capacity` callers are already in; its Retry-After is the time the admitted
  // callers need to drain at the recent pace (at least 1 s). Every enter() that returns must be
  // matched by one leave().
  void enter(std::string_view refusal = "too many password checks at once");
  void leave() noexcept;

  // One running computation for its lifetime (of an admitted caller); waits for a free one.
  class Slot {
   public:
    explicit Slot(HashGate& gate);
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    Slot(Slot&&) = delete;
    Slot& operator=(Slot&&) = delete;
    ~Slot();

   private:
    HashGate& gate_;
    std::chrono::steady_clock::time_point started_;
  };

  // Callers admitted (running or waiting), for tests and metrics.
  [[nodiscard]] unsigned inside() const;
  // Admitted callers that found every computation slot taken and wait for one to free up.
  [[nodiscard]] unsigned waiting() const;
  [[nodiscard]] unsigned capacity() const;

  // Seconds a refused caller should wait: `inside` callers drain `limit` at a time, each taking
  // `average` (at least 1 s, at most 60 s).
  [[nodiscard]] static std::int64_t retry_after_seconds(unsigned inside, unsigned limit,
                                                        std::chrono::microseconds average);

 private:
  mutable std::mutex mutex_;
  std::condition_variable available_;
  unsigned limit_ = 1;
  unsigned capacity_ = 1;
  unsigned running_ = 0;
  unsigned waiting_ = 0;
  unsigned inside_ = 0;
  std::chrono::microseconds average_{0};  // moving average of a computation's duration
};

}  // namespace qgp::domain::identity
