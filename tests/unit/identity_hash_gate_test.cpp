// The Argon2id admission gate: a bounded number run, a bounded number wait, the rest are refused
// at once (so waiting logins never hold more than `capacity` worker threads).
#include <atomic>
#include <chrono>
#include <latch>
#include <optional>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/config.hpp"
#include "core/errors.hpp"
#include "domain/identity/auth_service.hpp"
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

TEST(HashGate, ARefusalIsBusyNamesTheOperationAndHasARetryAfter) {
  HashGate gate(1, 2);
  gate.enter();
  gate.enter();
  try {
    gate.enter("too many sign-ins at once");
    gate.leave();
    ADD_FAILURE() << "admitted beyond capacity";
  } catch (const core::Busy& e) {
    EXPECT_EQ(e.code(), core::ErrorCode::kBusy);
    EXPECT_TRUE(std::string(e.what()).starts_with("too many sign-ins at once: 2 are being"))
        << e.what();
    EXPECT_GE(e.retry_after_seconds(), 1);
  }
  gate.leave();
  gate.leave();
}

TEST(HashGate, RetryAfterIsTheTimeTheAdmittedNeedToDrain) {
  using std::chrono::microseconds;
  using std::chrono::milliseconds;
  EXPECT_EQ(HashGate::retry_after_seconds(4, 1, microseconds(0)), 1);  // nothing measured yet
  EXPECT_EQ(HashGate::retry_after_seconds(10, 1, milliseconds(500)), 5);
  EXPECT_EQ(HashGate::retry_after_seconds(3, 2, milliseconds(1000)), 2);  // 1.5 s rounds up
  EXPECT_EQ(HashGate::retry_after_seconds(32, 1, milliseconds(100)), 4);
  EXPECT_EQ(HashGate::retry_after_seconds(1000, 1, milliseconds(1000)), 60);  // capped
}

// Twenty callers released at once into a gate that runs one at a time: none is refused, each
// waits its turn (issue 15: the gate of one slot refused the fifth of six simultaneous sign-ins).
TEST(HashGate, TwentyAtOnceAllWaitTheirTurnInTheDefaultQueue) {
  HashGate gate(1, 32);
  constexpr int kCallers = 20;
  std::latch start(kCallers);
  std::atomic<int> ran{0};
  std::atomic<int> refused{0};
  std::atomic<int> running{0};
  std::atomic<int> most_running{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&] {
      start.arrive_and_wait();
      try {
        gate.enter("too many sign-ins at once");
      } catch (const core::Busy&) {
        ++refused;
        return;
      }
      {
        const HashGate::Slot slot(gate);
        const int now = ++running;
        int seen = most_running.load();
        while (now > seen && !most_running.compare_exchange_weak(seen, now)) {
        }
        --running;
        ++ran;
      }
      gate.leave();
    });
  }
  for (auto& caller : callers) {
    caller.join();
  }
  EXPECT_EQ(refused.load(), 0);
  EXPECT_EQ(ran.load(), kCallers);
  EXPECT_EQ(most_running.load(), 1);  // and never two computations at once
}

TEST(PasswordHashCapacity, IsTheQueueOfPasswordThreadsAtLeastOneMoreThanRunAtOnce) {
  const auto config_with = [](core::Environment env) {
    env.emplace("DATABASE_URL", "postgresql://app@db.example.org/qgp");
    return core::load_config(env);
  };
  const auto defaults = config_with({});
  EXPECT_EQ(defaults.worker_threads, 0);  // the workers stay the pool's size
  EXPECT_EQ(domain::identity::password_hash_capacity(defaults), 32U);
  EXPECT_EQ(domain::identity::password_hash_capacity(config_with({{"PASSWORD_HASH_QUEUE", "5"}})),
            5U);
  EXPECT_EQ(domain::identity::password_hash_capacity(
                config_with({{"PASSWORD_HASH_QUEUE", "1"}, {"PASSWORD_HASH_CONCURRENCY", "2"}})),
            3U);
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
