// PREFIX-YYYY-NNNN: never truncated (issue 15: 10001 became "1000" and every create failed).
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "schema/declared.hpp"
#include "store/common/reference_numbers.hpp"

namespace qgp {
namespace {

using store::common::format_reference_number;

TEST(ReferenceNumberFormat, FourDigitsPaddedThenGrowing) {
  EXPECT_EQ(format_reference_number("FND", 2026, 1), "FND-2026-0001");
  EXPECT_EQ(format_reference_number("FND", 2026, 9999), "FND-2026-9999");
  EXPECT_EQ(format_reference_number("FND", 2026, 10000), "FND-2026-10000");
  EXPECT_EQ(format_reference_number("FND", 2026, 10001), "FND-2026-10001");
  EXPECT_EQ(format_reference_number("TPL", 2027, 1234567), "TPL-2027-1234567");
}

// Every table's format check, applied here as a regular expression (PostgreSQL's ~ on these
// patterns is POSIX ERE too): the numbers the formatter makes pass, other spellings of the same
// number do not.
TEST(ReferenceNumberFormat, EveryTablesCheckTakesExactlyTheFormattersSpelling) {
  static const std::regex kPattern(R"(reference_number ~ '(\^([A-Z]{2,5})-[^']*)')");
  int tables = 0;
  for (const auto& table : schema::declared_schema().tables) {
    for (const auto& check : table.checks) {
      std::smatch match;
      if (!std::regex_search(check.expression, match, kPattern)) {
        continue;
      }
      ++tables;
      const std::regex format(match[1].str(), std::regex::extended);
      const auto prefix = match[2].str();
      for (const std::int64_t number : {1, 9999, 10000, 10001, 123456}) {
        EXPECT_TRUE(std::regex_match(format_reference_number(prefix, 2026, number), format))
            << table.name << " " << number;
      }
      for (const auto& wrong : {prefix + "-2026-00123", prefix + "-2026-123", prefix + "-26-0001",
                                prefix + "-2026-0001x"}) {
        EXPECT_FALSE(std::regex_match(wrong, format)) << table.name << " " << wrong;
      }
    }
  }
  EXPECT_EQ(tables, 11);  // TPL AUD FND RSK INC RTC CMP POL ACT INV MRV
}

}  // namespace
}  // namespace qgp
