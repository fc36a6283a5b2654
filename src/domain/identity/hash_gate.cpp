#include "domain/identity/hash_gate.hpp"

#include <algorithm>
#include <thread>

#include "core/errors.hpp"

namespace qgp::domain::identity {

HashGate::HashGate(unsigned limit, unsigned capacity) {
  set_limits(limit, capacity);
}

void HashGate::set_limits(unsigned limit, unsigned capacity) {
  const std::scoped_lock lock(mutex_);
  limit_ = limit > 0 ? limit : std::max(1U, std::thread::hardware_concurrency() / 2);
  capacity_ = std::max(capacity, limit_);
  available_.notify_all();
}

void HashGate::enter() {
  const std::scoped_lock lock(mutex_);
  if (inside_ >= capacity_) {
    throw core::Unavailable("too many sign-ins are being checked at once; retry shortly", 1);
  }
  ++inside_;
}

void HashGate::leave() noexcept {
  const std::scoped_lock lock(mutex_);
  --inside_;
}

unsigned HashGate::inside() const {
  const std::scoped_lock lock(mutex_);
  return inside_;
}

unsigned HashGate::waiting() const {
  const std::scoped_lock lock(mutex_);
  return waiting_;
}

HashGate::Slot::Slot(HashGate& gate) : gate_(gate) {
  std::unique_lock lock(gate_.mutex_);
  if (gate_.running_ >= gate_.limit_) {
    ++gate_.waiting_;
    gate_.available_.wait(lock, [this] { return gate_.running_ < gate_.limit_; });
    --gate_.waiting_;
  }
  ++gate_.running_;
}

HashGate::Slot::~Slot() {
  const std::scoped_lock lock(gate_.mutex_);
  --gate_.running_;
  gate_.available_.notify_one();
}

}  // namespace qgp::domain::identity
