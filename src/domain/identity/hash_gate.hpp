#pragma once

#include <condition_variable>
#include <mutex>

// Admission control for Argon2id (ADR-0005): each computation holds a core and tens of MiB for
// its whole run, and the handler that waits for one blocks a worker thread.
namespace qgp::domain::identity {

// At most `limit` computations run at once and at most `capacity` callers are admitted (running
// or waiting). A caller beyond that is refused at once with core::Unavailable (503 +
// Retry-After) instead of parking one more worker thread, so a login burst cannot take every
// worker from the rest of the API.
class HashGate {
 public:
  // limit 0: half the cores (at least one); capacity is raised to at least the limit.
  HashGate(unsigned limit, unsigned capacity);

  void set_limits(unsigned limit, unsigned capacity);

  // Admission: throws core::Unavailable when `capacity` callers are already in; every enter()
  // that returns must be matched by one leave(). Cheap, so callers can ask before they do any
  // other work for a request the gate would refuse anyway.
  void enter();
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
  };

  // Callers admitted (running or waiting), for tests and metrics.
  [[nodiscard]] unsigned inside() const;
  // Admitted callers that found every computation slot taken and wait for one to free up.
  [[nodiscard]] unsigned waiting() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable available_;
  unsigned limit_ = 1;
  unsigned capacity_ = 1;
  unsigned running_ = 0;
  unsigned waiting_ = 0;
  unsigned inside_ = 0;
};

}  // namespace qgp::domain::identity
