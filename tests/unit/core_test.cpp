#include <chrono>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/json_text.hpp"
#include "db/conninfo.hpp"
#include "db/errors.hpp"

namespace qgp {
namespace {

TEST(Clock, FormatsUtcRfc3339WithMillisecondsAndZ) {
  const core::Clock::time_point at{std::chrono::milliseconds(1764023403123)};
  EXPECT_EQ(core::format_rfc3339(at), "2025-11-24T22:30:03.123Z");
  EXPECT_EQ(core::format_rfc3339(core::Clock::time_point{}), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(core::format_rfc3339(core::Clock::time_point{std::chrono::milliseconds(-1)}),
            "1969-12-31T23:59:59.999Z");
}

TEST(JsonText, StringsAreQuotedAndEscapedAndNumbersAreRecognisedExactly) {
  EXPECT_EQ(core::json_string(R"(a "q" \ b)"), R"("a \"q\" \\ b")");
  EXPECT_EQ(core::json_string("line\nnext\ttab"), R"("line\nnext\ttab")");
  EXPECT_EQ(core::json_string("naïve ✓"), "\"naïve ✓\"");
  EXPECT_EQ(core::json_string("bad \xff byte"), "\"bad \xef\xbf\xbd byte\"");
  for (const auto* number :
       {"0", "-12.50", "99.05", "1.5e3", "-0.001", "12345678901234567890.123"}) {
    EXPECT_TRUE(core::is_json_number(number)) << number;
  }
  for (const auto* other :
       {"", "NaN", "Infinity", "-Infinity", "007", ".5", "5.", "+1", "1 2", "\"1\"", "[1]", "-"}) {
    EXPECT_FALSE(core::is_json_number(other)) << other;
  }
}

TEST(Errors, StableCodeNames) {
  EXPECT_EQ(core::error_code_name(core::ErrorCode::kValidation), "VALIDATION_ERROR");
  EXPECT_EQ(core::error_code_name(core::ErrorCode::kNotFound), "NOT_FOUND");
  EXPECT_EQ(core::error_code_name(core::ErrorCode::kInvalidTransition), "INVALID_TRANSITION");
  EXPECT_EQ(core::error_code_name(core::ErrorCode::kRateLimited), "RATE_LIMITED");
  EXPECT_EQ(core::error_code_name(core::ErrorCode::kPayloadTooLarge), "PAYLOAD_TOO_LARGE");
  EXPECT_EQ(core::error_code_name(core::ErrorCode::kInternal), "INTERNAL");
  EXPECT_EQ(core::error_code_name(core::ErrorCode::kBusy), "BUSY");
}

TEST(Ids, RandomHexIdsAreUniqueAndWellFormed) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const auto id = core::random_hex_id();
    ASSERT_EQ(id.size(), 32U);
    ASSERT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000U);
}

template <typename Expected>
void expect_mapped(const char* sqlstate, core::ErrorCode code) {
  try {
    db::throw_for_sqlstate(db::Diagnostics{sqlstate, "message", "", "", "c", 0});
    FAIL() << "nothing thrown for " << sqlstate;
  } catch (const Expected& e) {
    EXPECT_EQ(e.code(), code) << sqlstate;
    EXPECT_EQ(e.sqlstate(), sqlstate);
  } catch (const std::exception& e) {
    FAIL() << sqlstate << " mapped to the wrong type: " << e.what();
  }
}

TEST(DbErrors, SqlstatesMapToTypedErrors) {
  expect_mapped<db::UniqueViolation>("23505", core::ErrorCode::kConflict);
  expect_mapped<db::ForeignKeyViolation>("23503", core::ErrorCode::kConflict);
  expect_mapped<db::DataViolation>("23514", core::ErrorCode::kValidation);
  expect_mapped<db::DataViolation>("23502", core::ErrorCode::kValidation);
  expect_mapped<db::DataViolation>("22P02", core::ErrorCode::kValidation);
  expect_mapped<db::SerializationFailure>("40001", core::ErrorCode::kConflict);
  expect_mapped<db::SerializationFailure>("40P01", core::ErrorCode::kConflict);
  expect_mapped<db::LockTimeout>("55P03", core::ErrorCode::kTimeout);
  expect_mapped<db::LockTimeout>("57014", core::ErrorCode::kTimeout);
  expect_mapped<db::ConnectionError>("08006", core::ErrorCode::kUnavailable);
  expect_mapped<db::ConnectionError>("57P01", core::ErrorCode::kUnavailable);
  expect_mapped<db::DbError>("42P01", core::ErrorCode::kInternal);
}

TEST(Conninfo, RepointsUriAndKeywordFormsAtAnotherDatabase) {
  EXPECT_EQ(db::with_database("postgresql://app@127.0.0.1:5499/postgres", "t1"),
            "user='app' host='127.0.0.1' port='5499' dbname='t1'");
  EXPECT_EQ(db::with_database("host=/tmp/x dbname=old", "new db"), "host='/tmp/x' dbname='new db'");
  EXPECT_EQ(db::database_of("postgresql://app@h/qgp"), "qgp");
  EXPECT_THROW(db::with_database("postgresql://[bad", "x"), core::Error);
}

}  // namespace
}  // namespace qgp
