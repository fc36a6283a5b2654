#include "core/config.hpp"

#include <algorithm>
#include <string>

#include <gtest/gtest.h>

namespace qgp::core {
namespace {

constexpr const char* kStrongSecret = "k7P2vQ9xR4mT8wZ1bN6cF3hJ5sL0dG2yA";

Environment strict_env(std::string app_env) {
  return Environment{{"APP_ENV", std::move(app_env)},
                     {"DATABASE_URL", "postgresql://qgp:s3cr3t-pass@db.internal:5432/qgp"},
                     {"SECRET_KEY", kStrongSecret}};
}

std::string problems_of(const Environment& env) {
  try {
    load_config(env);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return {};
}

TEST(Config, DevelopmentDefaults) {
  const auto config = load_config({{"DATABASE_URL", "postgresql:///qgp?host=/tmp"}});
  EXPECT_EQ(config.app_env, AppEnv::kDevelopment);
  EXPECT_EQ(config.http_port, 8000);
  EXPECT_EQ(config.db_pool_size, 8U);
}

TEST(Config, IdentityDefaultsAndTheirLimits) {
  const auto development = load_config({{"DATABASE_URL", "host=x"}});
  EXPECT_EQ(development.password_hash_opslimit, 2U);
  EXPECT_EQ(development.password_hash_memlimit_kib, 65536U);
  EXPECT_EQ(development.access_token_ttl.count(), 900);
  const auto testing = load_config({{"APP_ENV", "testing"}, {"DATABASE_URL", "host=x"}});
  EXPECT_EQ(testing.password_hash_opslimit, 1U);  // fast test suites
  EXPECT_EQ(testing.password_hash_memlimit_kib, 8192U);
  const auto problems = problems_of({{"DATABASE_URL", "host=x"},
                                     {"PASSWORD_HASH_MEMLIMIT_KIB", "16"},
                                     {"ACCESS_TOKEN_TTL_SECONDS", "0"},
                                     {"LOGIN_MAX_FAILURES_PER_ACCOUNT", "lots"},
                                     {"JWT_AUDIENCE", ""}});
  EXPECT_NE(problems.find("PASSWORD_HASH_MEMLIMIT_KIB"), std::string::npos) << problems;
  EXPECT_NE(problems.find("ACCESS_TOKEN_TTL_SECONDS"), std::string::npos) << problems;
  EXPECT_NE(problems.find("LOGIN_MAX_FAILURES_PER_ACCOUNT"), std::string::npos) << problems;
}

TEST(Config, ResponseContractSamplesOnlyInStrictEnvironments) {
  EXPECT_EQ(load_config({{"DATABASE_URL", "host=x"}}).response_contract_sample, 1U);
  EXPECT_EQ(
      load_config({{"APP_ENV", "testing"}, {"DATABASE_URL", "host=x"}}).response_contract_sample,
      1U);
  EXPECT_EQ(load_config(strict_env("staging")).response_contract_sample, 100U);
  EXPECT_EQ(load_config(strict_env("production")).response_contract_sample, 100U);
  auto every = strict_env("production");
  every["RESPONSE_CONTRACT_SAMPLE"] = "1";
  EXPECT_EQ(load_config(every).response_contract_sample, 1U);
  every["RESPONSE_CONTRACT_SAMPLE"] = "0";
  EXPECT_NE(problems_of(every).find("RESPONSE_CONTRACT_SAMPLE"), std::string::npos);
}

TEST(Config, MigrationsConnectAsTheSchemaOwnerWhenGiven) {
  const auto one = load_config({{"DATABASE_URL", "postgresql://qgp_web@db.internal/qgp"}});
  EXPECT_EQ(one.schema_owner_url(), "postgresql://qgp_web@db.internal/qgp");
  const auto two = load_config({{"DATABASE_URL", "postgresql://qgp_web@db.internal/qgp"},
                                {"MIGRATION_DATABASE_URL", "postgresql://owner@db.internal/qgp"}});
  EXPECT_EQ(two.database_url, "postgresql://qgp_web@db.internal/qgp");
  EXPECT_EQ(two.schema_owner_url(), "postgresql://owner@db.internal/qgp");
  EXPECT_NE(problems_of({{"DATABASE_URL", "host=x"}, {"MIGRATION_DATABASE_URL", "host"}})
                .find("MIGRATION_DATABASE_URL"),
            std::string::npos);
}

TEST(Config, UnknownAppEnvIsRejected) {
  EXPECT_NE(problems_of({{"APP_ENV", "prod"}, {"DATABASE_URL", "host=x"}}).find("APP_ENV"),
            std::string::npos);
}

TEST(Config, StrictEnvironmentsAcceptAStrongConfiguration) {
  for (const auto* name : {"staging", "production"}) {
    EXPECT_EQ(problems_of(strict_env(name)), "") << name;
  }
}

TEST(Config, StrictEnvironmentsRefusePlaceholderSecrets) {
  for (const auto* name : {"staging", "production"}) {
    for (const auto* secret :
         {"__CHANGE_ME__", "changeme", "secret", "CHANGEME-please-xxxxxxxxxxxxxxxxxxxx"}) {
      auto env = strict_env(name);
      env["SECRET_KEY"] = secret;
      const auto text = problems_of(env);
      EXPECT_NE(text.find("SECRET_KEY"), std::string::npos) << name << " " << secret;
      EXPECT_EQ(text.find(secret), std::string::npos) << "the secret must never be echoed";
    }
  }
}

TEST(Config, StrictEnvironmentsRefuseShortSecrets) {
  auto env = strict_env("staging");
  env["SECRET_KEY"] = "Zq8#short-but-random";
  const auto text = problems_of(env);
  EXPECT_NE(text.find("at least 32 bytes"), std::string::npos);
  EXPECT_EQ(text.find("Zq8#short"), std::string::npos);
}

TEST(Config, StrictEnvironmentsRefuseLoopbackDatabases) {
  for (const auto* url : {"postgresql://qgp:hunter2-pw@localhost/qgp",
                          "postgresql://qgp:hunter2-pw@127.0.0.1:5432/qgp",
                          "host=/var/run/postgresql dbname=qgp password=hunter2-pw",
                          "postgresql:///qgp", "postgresql://qgp:hunter2-pw@[::1]/qgp"}) {
    auto env = strict_env("production");
    env["DATABASE_URL"] = url;
    const auto text = problems_of(env);
    EXPECT_NE(text.find("DATABASE_URL points at loopback"), std::string::npos) << url;
    EXPECT_EQ(text.find("hunter2-pw"), std::string::npos) << "the password must never be echoed";
  }
}

TEST(Config, DevelopmentAllowsLoopback) {
  EXPECT_EQ(
      problems_of({{"APP_ENV", "development"}, {"DATABASE_URL", "postgresql://localhost/qgp"}}),
      "");
}

TEST(Config, EmptyDatabaseUrlIsRefusedEverywhere) {
  EXPECT_NE(problems_of({{"APP_ENV", "testing"}}).find("DATABASE_URL is empty"), std::string::npos);
}

TEST(Config, WildcardCorsWithCredentialsIsRefusedInStrictEnvironments) {
  auto env = strict_env("staging");
  env["CORS_ORIGINS"] = "https://qgp.example.org, *";
  env["CORS_ALLOW_CREDENTIALS"] = "true";
  EXPECT_NE(problems_of(env).find("CORS_ORIGINS"), std::string::npos);
  env["CORS_ALLOW_CREDENTIALS"] = "false";
  EXPECT_EQ(problems_of(env), "");
}

TEST(Config, EveryProblemIsReportedAtOnce) {
  try {
    load_config({{"APP_ENV", "production"},
                 {"DATABASE_URL", "postgresql://localhost/x"},
                 {"SECRET_KEY", "changeme"},
                 {"CORS_ORIGINS", "*"},
                 {"CORS_ALLOW_CREDENTIALS", "1"}});
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.problems().size(), 3U);
  }
}

TEST(Config, BadNumbersNameTheVariable) {
  EXPECT_NE(problems_of({{"DATABASE_URL", "host=x"}, {"HTTP_PORT", "70000"}}).find("HTTP_PORT"),
            std::string::npos);
  EXPECT_NE(
      problems_of({{"DATABASE_URL", "host=x"}, {"DB_POOL_SIZE", "many"}}).find("DB_POOL_SIZE"),
      std::string::npos);
}

TEST(Config, RedactsPasswordsInBothUrlForms) {
  EXPECT_EQ(redact_database_url("postgresql://app:pa55word@db:5432/qgp"),
            "postgresql://app:***@db:5432/qgp");
  EXPECT_EQ(redact_database_url("host=db password=pa55word dbname=qgp"),
            "host=db password=*** dbname=qgp");
  EXPECT_EQ(redact_database_url("postgresql://db/qgp?password=pa55word&sslmode=require"),
            "postgresql://db/qgp?password=***&sslmode=require");
}

TEST(Dotenv, ParsesCommentsQuotesAndExport) {
  const auto env = parse_dotenv(
      "# comment\n\nexport APP_ENV=testing\nSECRET_KEY=\"with spaces\"\nA='x=y'\nB=plain # note\n",
      ".env");
  EXPECT_EQ(env.at("APP_ENV"), "testing");
  EXPECT_EQ(env.at("SECRET_KEY"), "with spaces");
  EXPECT_EQ(env.at("A"), "x=y");
  EXPECT_EQ(env.at("B"), "plain");
}

TEST(Dotenv, MalformedLineNamesFileAndLineButNotTheValue) {
  try {
    parse_dotenv("OK=1\nthis is not valid topsecretvalue\n", "/srv/.env");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    const std::string text = e.what();
    EXPECT_NE(text.find("/srv/.env:2"), std::string::npos);
    EXPECT_EQ(text.find("topsecretvalue"), std::string::npos);
  }
}

}  // namespace
}  // namespace qgp::core
