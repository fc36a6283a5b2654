// The sealer inside `qgp serve` (docs/adr/0003): two replicas on one database each run one, every
// audit row is linked exactly once, and a graceful stop seals what the drained requests wrote, so
// `qgp audit verify` with only the public key proves the whole trail afterwards.
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "db/connection.hpp"
#include "domain/audit/checkpoint_signing.hpp"
#include "support/api_session.hpp"
#include "support/run_process.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

TEST(AuditSealerApi, TwoReplicasSealEveryRowOnceAndAGracefulStopLeavesNothingUnsealed) {
  TestDatabase database;
  const auto key = domain::audit::SigningKey::generate();
  auto env = api_server_env(database);
  env["AUDIT_SIGNING_KEY"] = key.seed_base64();
  env["AUDIT_SEAL_INTERVAL_MS"] = "20";
  env["AUDIT_SEAL_BATCH_SIZE"] = "3";
  ServerProcess first(env);
  env["AUDIT_SEAL_INTERVAL_MS"] = "600000";  // seals only when it stops
  ServerProcess second(env);
  for (int i = 0; i < 4; ++i) {
    // Each user creation and sign-in writes audit rows, through both replicas.
    static_cast<void>(create_api_user(database, first.port(), {}));
    static_cast<void>(create_api_user(database, second.port(), {}));
  }
  EXPECT_EQ(first.terminate(), 0);
  // Rows written now can be sealed only by the second replica's last pass on its way out.
  static_cast<void>(create_api_user(database, second.port(), {}));
  EXPECT_EQ(second.terminate(), 0);

  db::Connection connection(database.url());
  const auto counts = connection.exec(
      "SELECT (SELECT count(*) FROM audit_log), count(*), count(DISTINCT audit_log_id), "
      "max(position), (SELECT sum(rows_sealed) FROM audit_checkpoints) FROM audit_chain");
  EXPECT_GE(counts.int64(0, 0), 8);
  EXPECT_EQ(counts.int64(0, 1), counts.int64(0, 0));  // every row linked
  EXPECT_EQ(counts.int64(0, 2), counts.int64(0, 0));  // none twice
  EXPECT_EQ(counts.int64(0, 3), counts.int64(0, 0));  // positions without a gap
  EXPECT_EQ(counts.int64(0, 4), counts.int64(0, 0));  // each covered by one checkpoint

  const auto verified =
      run_qgp({"audit", "verify", "--max-unsealed-seconds", "1"},
              {{"APP_ENV", "testing"},
               {"DATABASE_URL", database.app_url()},
               {"AUDIT_VERIFY_KEYS", domain::audit::public_key_base64(key.public_key())}});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  EXPECT_NE(verified.out.find("audit trail intact"), std::string::npos) << verified.out;
  EXPECT_NE(verified.out.find(" 0 unsigned); signatures checked"), std::string::npos)
      << verified.out;
  EXPECT_NE(verified.out.find("unsealed: 0 rows"), std::string::npos) << verified.out;
}

}  // namespace
}  // namespace qgp::testing
