// The Argon2id admission gate: a bounded number run, a bounded number wait, the rest are refused
// at once (so waiting logins never hold more than `capacity` worker threads).
#include <atomic>
#include <optional>
#include <thread>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "domain/identity/hash_gate.hpp"
#include "domain/identity/password.hpp"

namespace qgp {
namespace {

using domain::identity::HashGate;

// Re-checks `condition` whenever the thread gets the CPU again: the other thread's progress is
// observed, never guessed with a sleep.
template <typename Condition>
void spin_until(Condition condition) {
  while (!condition()) {
    std::this_thread::yield();
  }
}

TEST(HashGate, OneRunsOneWaitsAndTheNextIsRefusedAtOnceWithRetryAfter) {
  HashGate gate(1, 2);
  gate.enter();
  std::optional<HashGate::Slot> running;
  running.emplace(gate);
  std::atomic<bool> entered{false};
  std::atomic<bool> waiter_ran{false};
  std::thread waiter([&] {
    gate.enter();
    entered = true;
    {
      const HashGate::Slot slot(gate);  // blocks until `running` is released
      waiter_ran = true;
    }
    gate.leave();
  });
  // The waiter is admitted, finds the one running slot taken and waits for it (or, were the
  // limit not enforced, runs at once: then the loop ends on waiter_ran and the test fails).
  spin_until([&] { return gate.waiting() == 1 || waiter_ran; });
  EXPECT_FALSE(waiter_ran);
  EXPECT_TRUE(entered);
  EXPECT_EQ(gate.inside(), 2U);
  try {
    gate.enter();
    gate.leave();
    ADD_FAILURE() << "a third caller was admitted to a gate of capacity 2";
  } catch (const core::Unavailable& e) {
    EXPECT_EQ(e.retry_after_seconds(), 1);
  }
  EXPECT_EQ(gate.waiting(), 1U);
  running.reset();
  gate.leave();
  waiter.join();
  EXPECT_TRUE(waiter_ran);
  EXPECT_EQ(gate.waiting(), 0U);
  EXPECT_EQ(gate.inside(), 0U);
  EXPECT_NO_THROW(gate.enter());  // room again once they left
  EXPECT_EQ(gate.inside(), 1U);
  gate.leave();
}

TEST(HashGate, CapacityIsNeverBelowTheConcurrencyLimit) {
  HashGate gate(2, 0);
  gate.enter();
  gate.enter();  // both admitted: capacity was raised to the limit
  const HashGate::Slot first(gate);
  const HashGate::Slot second(gate);  // and both run at once
  EXPECT_EQ(gate.inside(), 2U);
  EXPECT_THROW(gate.enter(), core::Unavailable);
  gate.leave();
  gate.leave();
}

TEST(PasswordAdmission, HashingInsideAnAdmissionDoesNotAskTwice) {
  // Capacity 1: the handler's admission is the only place; the hash inside it must not be
  // refused for want of a second one.
  domain::identity::set_password_hash_limits(1, 1);
  {
    const domain::identity::PasswordAdmission admission;
    EXPECT_THROW(domain::identity::PasswordAdmission{}, core::Unavailable);
    const domain::identity::PasswordHashCost cheap{.opslimit = 1,
                                                   .memlimit_bytes = std::size_t{8} << 20U};
    EXPECT_TRUE(domain::identity::hash_password("a passphrase of some length", cheap)
                    .starts_with("$argon2id$"));
  }
  domain::identity::set_password_hash_limits(0, 1U << 20U);
}

}  // namespace
}  // namespace qgp
