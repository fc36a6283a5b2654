// `qgp config check` through the real binary: exit codes and messages of ADR-0002's fail-fast
// rules.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "support/run_process.hpp"

namespace qgp::testing {
namespace {

constexpr const char* kSecret = "Xq3vN8pL2rT6yW9zB4mK7sD1fG5hJ0cA";

TEST(CliConfigCheck, ValidDevelopmentConfigurationExitsZero) {
  const auto result =
      run_qgp({"config", "check"}, {{"APP_ENV", "development"},
                                    {"DATABASE_URL", "postgresql://app:pw-not-shown@localhost/qgp"},
                                    {"QGP_ENV_FILE", "/nonexistent"}});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("APP_ENV=development"), std::string::npos);
  EXPECT_EQ(result.out.find("pw-not-shown"), std::string::npos);
}

TEST(CliConfigCheck, ProductionRefusesLoopbackAndPlaceholderAndNeverEchoesSecrets) {
  const auto result =
      run_qgp({"config", "check"}, {{"APP_ENV", "production"},
                                    {"DATABASE_URL", "postgresql://app:pw-not-shown@127.0.0.1/qgp"},
                                    {"SECRET_KEY", "__CHANGE_ME__"},
                                    {"QGP_ENV_FILE", "/nonexistent"}});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("DATABASE_URL"), std::string::npos);
  EXPECT_NE(result.err.find("SECRET_KEY"), std::string::npos);
  EXPECT_EQ(result.err.find("pw-not-shown"), std::string::npos);
  EXPECT_EQ(result.err.find("__CHANGE_ME__"), std::string::npos);
}

TEST(CliConfigCheck, StagingIsHeldToProductionRules) {
  const auto result =
      run_qgp({"config", "check"}, {{"APP_ENV", "staging"},
                                    {"DATABASE_URL", "postgresql://app@db.internal/qgp"},
                                    {"SECRET_KEY", "short"},
                                    {"QGP_ENV_FILE", "/nonexistent"}});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("SECRET_KEY must be at least 32 bytes"), std::string::npos);
}

TEST(CliConfigCheck, StrongStagingConfigurationPasses) {
  const auto result =
      run_qgp({"config", "check"}, {{"APP_ENV", "staging"},
                                    {"DATABASE_URL", "postgresql://app@db.internal/qgp"},
                                    {"SECRET_KEY", kSecret},
                                    {"QGP_ENV_FILE", "/nonexistent"}});
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST(CliConfigCheck, DotenvFileIsReadAndEnvironmentWins) {
  const std::string path = ::testing::TempDir() + "qgp_cli_config_test.env";
  {
    std::ofstream file(path);
    ASSERT_TRUE(file.good());
    file << "APP_ENV=production\nDATABASE_URL=postgresql://app@db.internal/qgp\n";
  }
  // From the file alone: production without a secret fails.
  auto result = run_qgp({"config", "check"}, {{"QGP_ENV_FILE", path}});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("SECRET_KEY is required"), std::string::npos);
  // The real environment overrides the file.
  result = run_qgp({"config", "check"}, {{"QGP_ENV_FILE", path}, {"APP_ENV", "testing"}});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::filesystem::remove(path);
}

TEST(CliConfigCheck, UnknownCommandIsAUsageError) {
  const auto result = run_qgp({"no-such-command"}, {});
  EXPECT_EQ(result.exit_code, 2);
}

}  // namespace
}  // namespace qgp::testing
