// The response validator of ADR-0007: every rule of the schema subset passes a conforming value and
// reports a violating one by JSON pointer and rule.
#include <ostream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/schema_check.hpp"

namespace qgp::http {

// Readable failures instead of raw bytes (GoogleTest prints through operator<<).
std::ostream& operator<<(std::ostream& out, const SchemaViolation& violation) {
  return out << violation.pointer << " " << violation.rule << ": " << violation.message;
}

namespace {

using nlohmann::json;

// The single violation of `value` against `schema` as "pointer rule", or "ok" / "N violations".
std::string outcome(const json& value, const json& schema, const json& document = json::object()) {
  const SchemaChecker checker(document);
  const auto found = checker.check(value, schema);
  if (found.empty()) {
    return "ok";
  }
  if (found.size() > 1) {
    std::string all = std::to_string(found.size()) + " violations:";
    for (const auto& v : found) {
      all += " [" + v.pointer + " " + v.rule + "]";
    }
    return all;
  }
  return found.front().pointer + " " + found.front().rule;
}

TEST(HttpSchemaCheck, TypeNamesAndListsIncludingNull) {
  EXPECT_EQ(outcome("x", {{"type", "string"}}), "ok");
  EXPECT_EQ(outcome(3, {{"type", "string"}}), " type");
  EXPECT_EQ(outcome(true, {{"type", "boolean"}}), "ok");
  EXPECT_EQ(outcome(1, {{"type", "boolean"}}), " type");
  EXPECT_EQ(outcome(nullptr, {{"type", "null"}}), "ok");
  EXPECT_EQ(outcome(json::object(), {{"type", "object"}}), "ok");
  EXPECT_EQ(outcome(json::array(), {{"type", "object"}}), " type");
  EXPECT_EQ(outcome(json::array(), {{"type", "array"}}), "ok");
  EXPECT_EQ(outcome(nullptr, {{"type", {"string", "null"}}}), "ok");
  EXPECT_EQ(outcome("a", {{"type", {"string", "null"}}}), "ok");
  EXPECT_EQ(outcome(5, {{"type", {"string", "null"}}}), " type");
  EXPECT_EQ(outcome(nullptr, {{"type", "string"}}), " type");
}

TEST(HttpSchemaCheck, IntegerIsANumberWithoutAFraction) {
  EXPECT_EQ(outcome(7, {{"type", "integer"}}), "ok");
  EXPECT_EQ(outcome(json(18446744073709551615ULL), {{"type", "integer"}}), "ok");
  EXPECT_EQ(outcome(json::parse("2.0"), {{"type", "integer"}}), "ok");
  EXPECT_EQ(outcome(2.5, {{"type", "integer"}}), " type");
  EXPECT_EQ(outcome("7", {{"type", "integer"}}), " type");
  EXPECT_EQ(outcome(7, {{"type", "number"}}), "ok");
  EXPECT_EQ(outcome(2.5, {{"type", "number"}}), "ok");
  EXPECT_EQ(outcome("2.5", {{"type", "number"}}), " type");
}

TEST(HttpSchemaCheck, PropertiesCheckTheMembersThatArePresent) {
  const json schema = {{"type", "object"},
                       {"properties", {{"a", {{"type", "string"}}}, {"b", {{"type", "integer"}}}}}};
  EXPECT_EQ(outcome({{"a", "x"}}, schema), "ok");  // b may be absent: not required
  EXPECT_EQ(outcome({{"a", "x"}, {"b", "no"}}, schema), "/b type");
  // Open by default: a key the schema does not mention is no violation (legacy schemas).
  EXPECT_EQ(outcome({{"a", "x"}, {"extra", 1}}, schema), "ok");
}

TEST(HttpSchemaCheck, RequiredKeysMustBePresent) {
  const json schema = {{"type", "object"}, {"required", {"id", "name"}}};
  EXPECT_EQ(outcome({{"id", 1}, {"name", "n"}}, schema), "ok");
  EXPECT_EQ(outcome({{"id", 1}}, schema), "/name required");
  // null is present (nullability is the type's business).
  EXPECT_EQ(outcome({{"id", 1}, {"name", nullptr}}, schema), "ok");
}

TEST(HttpSchemaCheck, ClosedObjectsReportEveryUndeclaredKey) {
  const json schema = {{"type", "object"},
                       {"properties", {{"a", {{"type", "string"}}}}},
                       {"additionalProperties", false}};
  EXPECT_EQ(outcome({{"a", "x"}}, schema), "ok");
  EXPECT_EQ(outcome({{"a", "x"}, {"b/c~d", 1}}, schema), "/b~1c~0d additionalProperties");
  EXPECT_EQ(outcome({{"x", 1}, {"y", 2}}, schema),
            "2 violations: [/x additionalProperties] [/y additionalProperties]");
}

TEST(HttpSchemaCheck, AdditionalPropertiesAsASchemaChecksTheUndeclaredMembers) {
  const json counts = {{"type", "object"},
                       {"additionalProperties", {{"type", "integer"}, {"minimum", 0}}}};
  EXPECT_EQ(outcome({{"major", 2}, {"minor", 0}}, counts), "ok");
  EXPECT_EQ(outcome({{"major", -1}}, counts), "/major minimum");
  EXPECT_EQ(outcome({{"major", "two"}}, counts), "/major type");
  EXPECT_EQ(outcome({{"ok", true}}, {{"additionalProperties", true}}), "ok");
}

TEST(HttpSchemaCheck, ItemsAreCheckedByIndex) {
  const json schema = {{"type", "array"}, {"items", {{"type", "integer"}}}};
  EXPECT_EQ(outcome({1, 2, 3}, schema), "ok");
  EXPECT_EQ(outcome({1, "2", 3}, schema), "/1 type");
  EXPECT_EQ(outcome(json::array(), schema), "ok");
  EXPECT_EQ(outcome({1}, {{"items", json::array({{{"type", "integer"}}})}}), " items");
}

TEST(HttpSchemaCheck, EnumAndConst) {
  const json schema = {{"type", {"string", "null"}}, {"enum", {"open", "closed", nullptr}}};
  EXPECT_EQ(outcome("open", schema), "ok");
  EXPECT_EQ(outcome(nullptr, schema), "ok");
  EXPECT_EQ(outcome("OPEN", schema), " enum");
  EXPECT_EQ(outcome(1, {{"enum", {1, 2}}}), "ok");
  EXPECT_EQ(outcome(3, {{"enum", {1, 2}}}), " enum");
  EXPECT_EQ(outcome("bearer", {{"const", "bearer"}}), "ok");
  EXPECT_EQ(outcome("basic", {{"const", "bearer"}}), " const");
}

TEST(HttpSchemaCheck, NumericLimitsAreExactForLargeIntegers) {
  EXPECT_EQ(outcome(1, {{"minimum", 1}}), "ok");
  EXPECT_EQ(outcome(0, {{"minimum", 1}}), " minimum");
  EXPECT_EQ(outcome(10, {{"maximum", 10}}), "ok");
  EXPECT_EQ(outcome(10.5, {{"maximum", 10}}), " maximum");
  EXPECT_EQ(outcome(0.5, {{"exclusiveMinimum", 0}}), "ok");
  EXPECT_EQ(outcome(0, {{"exclusiveMinimum", 0}}), " exclusiveMinimum");
  EXPECT_EQ(outcome(9.99, {{"exclusiveMaximum", 10}}), "ok");
  EXPECT_EQ(outcome(10, {{"exclusiveMaximum", 10}}), " exclusiveMaximum");
  // 2^63 - 1 and 2^63 differ by one; a double cannot tell them apart.
  const json max = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(outcome(max, {{"maximum", max}}), "ok");
  EXPECT_EQ(outcome(json(9223372036854775808ULL), {{"maximum", max}}), " maximum");
  EXPECT_EQ(outcome(-1, {{"minimum", json(0ULL)}}), " minimum");
  // Limits apply to numbers only: a string is the type rule's business.
  EXPECT_EQ(outcome("0", {{"minimum", 1}}), "ok");
  // OpenAPI 3.0's boolean exclusiveMinimum is not 3.1: reported, not guessed.
  EXPECT_EQ(outcome(1, {{"exclusiveMinimum", true}}), " exclusiveMinimum");
}

TEST(HttpSchemaCheck, LengthsCountCodePoints) {
  EXPECT_EQ(code_points("\xC3\xA9t\xC3\xA9"), 3U);  // "été": 5 bytes
  EXPECT_EQ(outcome("\xC3\xA9t\xC3\xA9", {{"maxLength", 3}}), "ok");
  EXPECT_EQ(outcome("\xC3\xA9t\xC3\xA9!", {{"maxLength", 3}}), " maxLength");
  EXPECT_EQ(outcome("\xF0\x9F\x98\x80", {{"minLength", 1}, {"maxLength", 1}}), "ok");
  EXPECT_EQ(outcome("", {{"minLength", 1}}), " minLength");
  EXPECT_EQ(outcome(12345, {{"maxLength", 1}}), "ok");  // not a string
}

TEST(HttpSchemaCheck, ItemCountsAndUniqueness) {
  EXPECT_EQ(outcome({1, 2}, {{"maxItems", 2}}), "ok");
  EXPECT_EQ(outcome({1, 2, 3}, {{"maxItems", 2}}), " maxItems");
  EXPECT_EQ(outcome(json::array(), {{"minItems", 1}}), " minItems");
  EXPECT_EQ(outcome({3, 1, 2}, {{"uniqueItems", true}}), "ok");
  EXPECT_EQ(outcome({3, 1, 3}, {{"uniqueItems", true}}), " uniqueItems");
  EXPECT_EQ(outcome({3, 3}, {{"uniqueItems", false}}), "ok");
}

TEST(HttpSchemaCheck, DateAndDateTimeFormats) {
  EXPECT_TRUE(is_rfc3339_date("2026-12-06"));
  EXPECT_TRUE(is_rfc3339_date("2024-02-29"));
  EXPECT_FALSE(is_rfc3339_date("2025-02-29"));
  EXPECT_FALSE(is_rfc3339_date("1900-02-29"));
  EXPECT_TRUE(is_rfc3339_date("2000-02-29"));
  EXPECT_FALSE(is_rfc3339_date("2026-13-01"));
  EXPECT_FALSE(is_rfc3339_date("2026-04-31"));
  EXPECT_FALSE(is_rfc3339_date("2026-1-01"));
  EXPECT_FALSE(is_rfc3339_date("2026-12-06T00:00:00Z"));
  EXPECT_TRUE(is_rfc3339_date_time("2026-12-06T10:20:30Z"));
  EXPECT_TRUE(is_rfc3339_date_time("2026-12-06T10:20:30.123456Z"));
  EXPECT_TRUE(is_rfc3339_date_time("2026-12-06t10:20:30+01:00"));
  EXPECT_TRUE(is_rfc3339_date_time("2026-12-31T23:59:60-05:30"));
  EXPECT_FALSE(is_rfc3339_date_time("2026-12-06 10:20:30Z"));  // PostgreSQL's text form
  EXPECT_FALSE(is_rfc3339_date_time("2026-12-06T10:20:30"));   // no offset
  EXPECT_FALSE(is_rfc3339_date_time("2026-12-06T10:20:30+0100"));
  EXPECT_FALSE(is_rfc3339_date_time("2026-12-06T24:00:00Z"));
  EXPECT_FALSE(is_rfc3339_date_time("2026-12-06T10:20:30.Z"));
  EXPECT_FALSE(is_rfc3339_date_time("2026-12-06"));

  EXPECT_EQ(outcome("2026-12-06", {{"format", "date"}}), "ok");
  EXPECT_EQ(outcome("06/12/2026", {{"format", "date"}}), " format");
  EXPECT_EQ(outcome("2026-12-06T10:20:30Z", {{"format", "date-time"}}), "ok");
  EXPECT_EQ(outcome("2026-12-06 10:20:30+00", {{"format", "date-time"}}), " format");
}

TEST(HttpSchemaCheck, IntegerFormatsAreRangesAndOtherFormatsAnnotations) {
  EXPECT_EQ(outcome(2147483647, {{"format", "int32"}}), "ok");
  EXPECT_EQ(outcome(2147483648, {{"format", "int32"}}), " format");
  EXPECT_EQ(outcome(-2147483649, {{"format", "int32"}}), " format");
  EXPECT_EQ(outcome(std::numeric_limits<std::int64_t>::min(), {{"format", "int64"}}), "ok");
  EXPECT_EQ(outcome(json(9223372036854775808ULL), {{"format", "int64"}}), " format");
  // email, uri, ... are annotations here: not checked, never invented.
  EXPECT_EQ(outcome("not an address", {{"format", "email"}}), "ok");
  EXPECT_EQ(outcome("x", {{"format", "something-new"}}), "ok");
}

TEST(HttpSchemaCheck, OneOfOfANullableReference) {
  const json document = {{"components",
                          {{"schemas",
                            {{"User",
                              {{"type", "object"},
                               {"required", {"id"}},
                               {"properties", {{"id", {{"type", "integer"}}}}},
                               {"additionalProperties", false}}}}}}}};
  const json nullable_user = {
      {"oneOf", {{{"$ref", "#/components/schemas/User"}}, {{"type", "null"}}}}};
  EXPECT_EQ(outcome(nullptr, nullable_user, document), "ok");
  EXPECT_EQ(outcome({{"id", 4}}, nullable_user, document), "ok");
  // No alternative matches: the nearest one's own violation says why.
  EXPECT_EQ(outcome({{"id", 4}, {"extra", 1}}, nullable_user, document),
            "2 violations: [ oneOf] [/extra additionalProperties]");
  // Exactly one: a value both alternatives accept is a violation of oneOf.
  EXPECT_EQ(outcome(1, {{"oneOf", {{{"type", "integer"}}, {{"minimum", 0}}}}}), " oneOf");
  EXPECT_EQ(outcome(1, {{"anyOf", {{{"type", "integer"}}, {{"minimum", 0}}}}}), "ok");
  EXPECT_EQ(outcome("x", {{"anyOf", {{{"type", "integer"}}, {{"type", "null"}}}}}),
            "2 violations: [ anyOf] [ type]");
  EXPECT_EQ(outcome(5, {{"allOf", {{{"type", "integer"}}, {{"maximum", 4}}}}}), " maximum");
}

TEST(HttpSchemaCheck, ReferencesResolveIntoComponentsAndReportWhereTheyFail) {
  const json document = {
      {"components",
       {{"schemas",
         {{"Page",
           {{"type", "object"},
            {"required", {"items"}},
            {"properties",
             {{"items",
               {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/Item"}}}}}}}}},
          {"Item",
           {{"type", "object"},
            {"properties", {{"name", {{"type", "string"}}}}},
            {"additionalProperties", false}}},
          {"Loop", {{"$ref", "#/components/schemas/Loop"}}}}}}}};
  const SchemaChecker checker(document);
  EXPECT_TRUE(checker.check_component({{"items", {{{"name", "a"}}}}}, "Page").empty());
  const auto found =
      checker.check_component({{"items", {{{"name", "a"}}, {{"name", 2}, {"price", 3}}}}}, "Page");
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(found[0],
            (SchemaViolation{"/items/1/price", "additionalProperties", "undeclared key"}));
  EXPECT_EQ(found[1],
            (SchemaViolation{"/items/1/name", "type", "integer where the schema says \"string\""}));
  EXPECT_EQ(checker.check_component({}, "Missing").at(0).rule, "$ref");
  EXPECT_EQ(checker.check(1, {{"$ref", "https://elsewhere.example/s.json"}}).at(0).rule, "$ref");
  // A reference cycle that consumes no input ends with a violation, not a stack overflow.
  EXPECT_EQ(checker.check_component(1, "Loop").at(0).rule, "$ref");
}

TEST(HttpSchemaCheck, AnnotationsAreSkippedAndUnknownKeywordsReported) {
  const json annotated = {{"type", "string"}, {"description", "a name"}, {"readOnly", true},
                          {"default", "x"},   {"pattern", "^[a-z]+$"},   {"x-internal", true}};
  EXPECT_EQ(outcome("Not Lowercase", annotated), "ok");
  // A rule the checker does not know must not pass silently.
  EXPECT_EQ(outcome("x", {{"type", "string"}, {"contentEncoding", "base64"}}), " contentEncoding");
  EXPECT_EQ(outcome(json::object(), {{"patternProperties", json::object()}}), " patternProperties");
  EXPECT_EQ(outcome(1, false), " false");
  EXPECT_EQ(outcome(1, true), "ok");
}

TEST(HttpSchemaCheck, EveryViolationOfOneBodyIsReported) {
  const json schema = {{"type", "object"},
                       {"required", {"id", "title", "status"}},
                       {"properties",
                        {{"id", {{"type", "integer"}, {"minimum", 1}}},
                         {"title", {{"type", "string"}, {"maxLength", 3}}},
                         {"status", {{"type", "string"}, {"enum", {"open"}}}}}},
                       {"additionalProperties", false}};
  const SchemaChecker checker(json::object());
  const auto found = checker.check({{"id", 0}, {"title", "long"}, {"grade", "x"}}, schema);
  std::vector<std::string> seen;
  for (const auto& v : found) {
    seen.push_back(v.pointer + " " + v.rule);
  }
  // Keywords in the order of the schema object (nlohmann keeps keys sorted).
  EXPECT_EQ(seen, (std::vector<std::string>{"/grade additionalProperties", "/id minimum",
                                            "/title maxLength", "/status required"}));
}

}  // namespace
}  // namespace qgp::http
