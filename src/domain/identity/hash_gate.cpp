#include "domain/identity/hash_gate.hpp"

#include <algorithm>
#include <string>
#include <thread>

#include <fmt/format.h>

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

std::int64_t HashGate::retry_after_seconds(unsigned inside, unsigned limit,
                                           std::chrono::microseconds average) {
  constexpr std::int64_t kMicrosPerSecond = 1000000;
  constexpr std::int64_t kMaxSeconds = 60;
  const auto drain = static_cast<std::int64_t>(inside) * average.count()
                     / static_cast<std::int64_t>(std::max(1U, limit));
  return std::clamp<std::int64_t>((drain + kMicrosPerSecond - 1) / kMicrosPerSecond, 1,
                                  kMaxSeconds);
}

void HashGate::enter(std::string_view refusal) {
  const std::scoped_lock lock(mutex_);
  if (inside_ >= capacity_) {
    const auto retry = retry_after_seconds(inside_, limit_, average_);
    throw core::Busy(fmt::format("{}: {} are being handled or queued, the most this server takes; "
                                 "retry in {} s",
                                 refusal, capacity_, retry),
                     retry);
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

unsigned HashGate::capacity() const {
  const std::scoped_lock lock(mutex_);
  return capacity_;
}

HashGate::Slot::Slot(HashGate& gate) : gate_(gate) {
  std::unique_lock lock(gate_.mutex_);
  if (gate_.running_ >= gate_.limit_) {
    ++gate_.waiting_;
    gate_.available_.wait(lock, [this] { return gate_.running_ < gate_.limit_; });
    --gate_.waiting_;
  }
  ++gate_.running_;
  started_ = std::chrono::steady_clock::now();
}

HashGate::Slot::~Slot() {
  const auto took = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - started_);
  const std::scoped_lock lock(gate_.mutex_);
  --gate_.running_;
  // An exponential moving average (weight 1/8): follows a changed cost within a few runs.
  gate_.average_ = gate_.average_.count() == 0 ? took : (gate_.average_ * 7 + took) / 8;
  gate_.available_.notify_one();
}

}  // namespace qgp::domain::identity
