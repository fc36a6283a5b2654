// The seed catalog of the standards library: structure, Annex A and cross-mappings.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "domain/standards/catalog.hpp"
#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/pattern.hpp"
#include "kit/text.hpp"
#include "model/standards/clause.hpp"
#include "model/standards/control.hpp"
#include "model/standards/standard.hpp"

namespace qgp::domain::standards {
namespace {

// Whether the API would take `text` for field `name` of R: its declared pattern and length.
template <class R>
bool valid_as(std::string_view name, std::string_view text) {
  bool valid = false;
  kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
    if (f.name == name) {
      valid = !f.pattern.empty() && kit::matches(f.pattern, text)
              && std::cmp_less_equal(kit::code_points(text), f.max);
    }
  });
  return valid;
}

const StandardDef& standard(std::string_view code) {
  for (const auto& def : standard_catalog()) {
    if (def.code == code) {
      return def;
    }
  }
  throw std::runtime_error("no standard " + std::string(code));
}

std::set<std::string, std::less<>> numbers(std::string_view code) {
  std::set<std::string, std::less<>> out;
  for (const auto& clause : standard(code).clauses) {
    out.emplace(clause.number);
  }
  return out;
}

std::string title_of(std::string_view code, std::string_view number) {
  for (const auto& clause : standard(code).clauses) {
    if (clause.number == number) {
      return std::string(clause.title);
    }
  }
  return "<missing>";
}

TEST(StandardsCatalog, ShipsTheFourStandardsWithUniqueCodes) {
  std::set<std::string_view> codes;
  for (const auto& def : standard_catalog()) {
    EXPECT_TRUE(valid_as<model::standards::Standard>("code", def.code)) << def.code;
    EXPECT_FALSE(def.name.empty());
    EXPECT_FALSE(def.full_name.empty());
    EXPECT_FALSE(def.edition.empty());
    codes.insert(def.code);
  }
  EXPECT_EQ(codes, (std::set<std::string_view>{kIso9001, kIso14001, kIso45001, kIso27001}));
  EXPECT_EQ(standard(kIso27001).edition, "2022");
  EXPECT_EQ(standard(kIso45001).edition, "2018");
}

TEST(StandardsCatalog, EveryStandardHasTheHarmonizedClausesFourToTen) {
  for (const auto& def : standard_catalog()) {
    const auto all = numbers(def.code);
    for (const auto* number : {"4", "5", "6", "7", "8", "9", "10"}) {
      EXPECT_TRUE(all.contains(number)) << def.code << " lacks " << number;
    }
    for (const auto* number :
         {"4.1", "4.2", "4.3",   "4.4",   "5.1",   "5.2", "5.3", "6.1", "6.2", "7.1",  "7.2", "7.3",
          "7.4", "7.5", "7.5.1", "7.5.2", "7.5.3", "8.1", "9.1", "9.2", "9.3", "10.1", "10.2"}) {
      EXPECT_TRUE(all.contains(number)) << def.code << " lacks " << number;
    }
  }
}

TEST(StandardsCatalog, ClauseNumbersAreUniqueValidAndParentsComeFirst) {
  for (const auto& def : standard_catalog()) {
    std::set<std::string_view> seen;
    for (const auto& clause : def.clauses) {
      EXPECT_TRUE(valid_as<model::standards::Clause>("clause_number", clause.number))
          << def.code << " " << clause.number;
      EXPECT_FALSE(clause.title.empty()) << def.code << " " << clause.number;
      EXPECT_LE(clause.title.size(), 300U);
      EXPECT_TRUE(seen.insert(clause.number).second) << "duplicate " << clause.number;
      const auto parent = parent_number(clause.number);
      // Annex A theme groups ("A.5") are top-level; every other dotted number has its parent in
      // the same standard, listed before it (the seed inserts in catalog order).
      const bool annex_group = clause.number.starts_with("A.") && parent == "A";
      if (!parent.empty() && !annex_group) {
        EXPECT_TRUE(seen.contains(parent))
            << def.code << " " << clause.number << " has no earlier parent " << parent;
      }
    }
  }
}

TEST(StandardsCatalog, EachStandardKeepsItsOwnSubClauseStructure) {
  const auto iso9001 = numbers(kIso9001);
  for (const auto* number : {"7.1.1", "7.1.2", "7.1.3", "7.1.4", "7.1.5", "7.1.6", "8.5.1", "8.5.2",
                             "8.5.3", "8.5.4", "8.5.5", "8.5.6", "10.3", "6.3"}) {
    EXPECT_TRUE(iso9001.contains(number)) << "9001 lacks " << number;
  }
  EXPECT_FALSE(iso9001.contains("8.5.7"));
  EXPECT_FALSE(iso9001.contains("5.4"));

  const auto iso14001 = numbers(kIso14001);
  for (const auto* number : {"6.1.1", "6.1.2", "6.1.3", "6.1.4", "9.1.1", "9.1.2", "8.2"}) {
    EXPECT_TRUE(iso14001.contains(number)) << "14001 lacks " << number;
  }
  EXPECT_FALSE(iso14001.contains("9.1.3"));
  EXPECT_EQ(title_of(kIso14001, "6.1.2"), "Environmental aspects");

  const auto iso45001 = numbers(kIso45001);
  for (const auto* number :
       {"5.4", "6.1.1", "6.1.2", "6.1.3", "6.1.4", "8.1.1", "8.1.2", "8.1.3", "8.1.4"}) {
    EXPECT_TRUE(iso45001.contains(number)) << "45001 lacks " << number;
  }
  EXPECT_NE(title_of(kIso45001, "10.2").find("Incident"), std::string::npos);

  const auto iso27001 = numbers(kIso27001);
  for (const auto* number : {"6.1.1", "6.1.2", "6.1.3", "6.3", "9.2.1", "9.2.2", "9.3.1", "9.3.2",
                             "9.3.3", "8.2", "8.3"}) {
    EXPECT_TRUE(iso27001.contains(number)) << "27001 lacks " << number;
  }
  EXPECT_FALSE(iso27001.contains("6.1.4"));
  EXPECT_FALSE(iso27001.contains("10.3"));
  // 27001:2022 swapped the improvement clauses.
  EXPECT_EQ(title_of(kIso27001, "10.1"), "Continual improvement");
  EXPECT_EQ(title_of(kIso27001, "10.2"), "Nonconformity and corrective action");
}

TEST(StandardsCatalog, AnnexAHasNinetyThreeUniqueControlsInFourThemes) {
  const auto controls = annex_a_controls();
  ASSERT_EQ(controls.size(), 93U);
  std::set<std::string_view> ids;
  std::map<std::string_view, int> per_theme;
  const std::map<std::string_view, std::string_view> prefix_theme = {
      {"A.5", "organizational"}, {"A.6", "people"}, {"A.7", "physical"}, {"A.8", "technological"}};
  const auto iso27001 = numbers(kIso27001);
  std::map<std::string_view, int> last_in_group;
  for (const auto& control : controls) {
    EXPECT_TRUE(ids.insert(control.number).second) << "duplicate " << control.number;
    EXPECT_TRUE(valid_as<model::standards::Control>("control_number", control.number))
        << control.number;
    EXPECT_FALSE(control.title.empty()) << control.number;
    ++per_theme[control.theme];
    const auto group = parent_number(control.number);
    ASSERT_TRUE(prefix_theme.contains(group)) << control.number;
    EXPECT_EQ(prefix_theme.at(group), control.theme) << control.number;
    EXPECT_TRUE(iso27001.contains(group)) << "27001 has no clause " << group;
    // Numbered 1..n without gaps inside each theme.
    const int index = std::stoi(std::string(control.number.substr(group.size() + 1)));
    EXPECT_EQ(index, ++last_in_group[group]) << control.number;
  }
  EXPECT_EQ(per_theme["organizational"], 37);
  EXPECT_EQ(per_theme["people"], 8);
  EXPECT_EQ(per_theme["physical"], 14);
  EXPECT_EQ(per_theme["technological"], 34);
  EXPECT_TRUE(ids.contains("A.5.37"));
  EXPECT_TRUE(ids.contains("A.8.34"));
  EXPECT_FALSE(ids.contains("A.5.38"));
  for (const auto& theme : per_theme) {
    EXPECT_TRUE(kit::parse_enum<model::standards::ControlTheme>(theme.first).has_value());
  }
}

TEST(StandardsCatalog, MappingsLinkExistingClausesOfDifferentStandardsOnce) {
  const auto mappings = clause_mappings();
  ASSERT_GT(mappings.size(), 100U);
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& mapping : mappings) {
    EXPECT_NE(mapping.a.standard_code, mapping.b.standard_code);
    EXPECT_TRUE(numbers(mapping.a.standard_code).contains(mapping.a.clause_number))
        << mapping.a.standard_code << " " << mapping.a.clause_number;
    EXPECT_TRUE(numbers(mapping.b.standard_code).contains(mapping.b.clause_number))
        << mapping.b.standard_code << " " << mapping.b.clause_number;
    EXPECT_TRUE(kit::parse_enum<model::standards::MappingType>(mapping.mapping_type).has_value());
    auto a = std::string(mapping.a.standard_code) + ":" + std::string(mapping.a.clause_number);
    auto b = std::string(mapping.b.standard_code) + ":" + std::string(mapping.b.clause_number);
    if (b < a) {
      std::swap(a, b);
    }
    EXPECT_TRUE(pairs.emplace(a, b).second) << "duplicate mapping " << a << " - " << b;
  }
}

TEST(StandardsCatalog, DocumentedInformationAuditReviewAndNonconformityMapAcrossAllFour) {
  const auto mappings = clause_mappings();
  const auto mapped = [&](std::string_view code_a, std::string_view number_a,
                          std::string_view code_b, std::string_view number_b) {
    return std::any_of(mappings.begin(), mappings.end(), [&](const MappingDef& m) {
      return (m.a.standard_code == code_a && m.a.clause_number == number_a
              && m.b.standard_code == code_b && m.b.clause_number == number_b)
             || (m.a.standard_code == code_b && m.a.clause_number == number_b
                 && m.b.standard_code == code_a && m.b.clause_number == number_a);
    });
  };
  const std::string_view codes[] = {kIso9001, kIso14001, kIso45001, kIso27001};
  for (const auto* number : {"4.1", "4.2", "5.2", "6.1", "7.5", "9.2", "9.3", "10.2"}) {
    for (std::size_t i = 0; i < 4; ++i) {
      for (std::size_t j = i + 1; j < 4; ++j) {
        EXPECT_TRUE(mapped(codes[i], number, codes[j], number))
            << number << " " << codes[i] << " - " << codes[j];
      }
    }
  }
  // Continual improvement is 10.3 in three standards and 10.1 in 27001:2022.
  EXPECT_TRUE(mapped(kIso9001, "10.3", kIso27001, "10.1"));
  EXPECT_FALSE(mapped(kIso9001, "10.1", kIso27001, "10.1"));
  EXPECT_TRUE(mapped(kIso14001, "8.2", kIso45001, "8.2"));
}

TEST(StandardsCatalog, ParentNumberDropsTheLastSegment) {
  EXPECT_EQ(parent_number("7.1.5.2"), "7.1.5");
  EXPECT_EQ(parent_number("7"), "");
  EXPECT_EQ(parent_number("A.5.1"), "A.5");
}

}  // namespace
}  // namespace qgp::domain::standards
