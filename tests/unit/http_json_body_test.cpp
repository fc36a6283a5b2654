#include <limits>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "http/json_body.hpp"
#include "http/message.hpp"
#include "http/query.hpp"

namespace qgp::http {
namespace {

core::ErrorCode code_of_parse(std::string_view body) {
  try {
    parse_json_object(body);
  } catch (const core::Error& e) {
    return e.code();
  }
  return core::ErrorCode::kInternal;  // "did not throw"
}

TEST(HttpJsonBody, ParsesAnObject) {
  const auto value = parse_json_object(R"({"title": "Spill", "severity": 3})");
  EXPECT_EQ(value["title"], "Spill");
}

TEST(HttpJsonBody, MalformedJsonIs400) {
  for (const auto* body :
       {"", "{", "{\"a\":}", "{'a': 1}", "{\"a\": 1} trailing", "nul", "{\"a\":01}"}) {
    EXPECT_EQ(code_of_parse(body), core::ErrorCode::kBadRequest) << body;
  }
}

TEST(HttpJsonBody, InvalidUtf8Is400) {
  EXPECT_EQ(code_of_parse("{\"a\": \"\xff\xfe\"}"), core::ErrorCode::kBadRequest);
  EXPECT_EQ(code_of_parse("{\"a\": \"\xc0\xaf\"}"), core::ErrorCode::kBadRequest);      // overlong
  EXPECT_EQ(code_of_parse("{\"a\": \"\xed\xa0\x80\"}"), core::ErrorCode::kBadRequest);  // surrogate
}

TEST(HttpJsonBody, NotAnObjectIs422) {
  for (const auto* body : {"[]", "1", "\"text\"", "null", "true"}) {
    try {
      parse_json_object(body);
      ADD_FAILURE() << body;
    } catch (const core::ValidationError& e) {
      EXPECT_EQ(e.fields().count("body"), 1U);
    }
  }
}

TEST(HttpJsonBody, DeepNestingAndHugeNumbersAre400) {
  std::string deep(100, '[');
  deep = "{\"a\":" + deep + std::string(100, ']') + "}";
  EXPECT_EQ(code_of_parse(deep), core::ErrorCode::kBadRequest);
  std::string very_deep = "{\"a\":" + std::string(200000, '[') + std::string(200000, ']') + "}";
  EXPECT_EQ(code_of_parse(very_deep), core::ErrorCode::kBadRequest);
  EXPECT_EQ(code_of_parse(R"({"a": 1e400})"), core::ErrorCode::kBadRequest);
}

std::string parse_message(std::string_view body) {
  try {
    parse_json_object(body);
  } catch (const core::Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(HttpJsonBody, DuplicateKeysAre400AtAnyDepth) {
  EXPECT_EQ(code_of_parse(R"({"a": 1, "a": 2})"), core::ErrorCode::kBadRequest);
  EXPECT_EQ(parse_message(R"({"title": "x", "title": "y"})"),
            R"(duplicate key "title" in JSON object)");
  // Keys compare after unescaping.
  EXPECT_EQ(parse_message(R"({"a": 1, "\u0061": 2})"), R"(duplicate key "a" in JSON object)");
  // Nested objects, objects inside arrays.
  EXPECT_EQ(parse_message(R"({"outer": {"k": 1, "k": 1}})"), R"(duplicate key "k" in JSON object)");
  EXPECT_EQ(parse_message(R"({"list": [{"ok": 1}, {"id": 1, "x": {}, "id": 2}]})"),
            R"(duplicate key "id" in JSON object)");
  // A very long key is quoted back cut short.
  const std::string long_key(1000, 'k');
  const auto message = parse_message(fmt::format(R"({{"{0}": 1, "{0}": 2}})", long_key));
  EXPECT_EQ(message.rfind("duplicate key \"kkkk", 0), 0U) << message;
  EXPECT_LT(message.size(), 120U);
}

TEST(HttpJsonBody, TheSameKeyInDifferentObjectsIsFine) {
  const auto value = parse_json_object(
      R"({"id": 1, "child": {"id": 2, "child": {"id": 3}}, "items": [{"id": 4}, {"id": 5}]})");
  EXPECT_EQ(value["child"]["child"]["id"], 3);
  EXPECT_EQ(value["items"][1]["id"], 5);
}

TEST(HttpJsonBody, ReaderReadsTypedFields) {
  const auto body = parse_json_object(
      R"({"title":"Spill","count":5,"ratio":0.5,"open":true,"kind":"near_miss","note":null})");
  JsonReader reader(body);
  EXPECT_EQ(reader.required_string("title", 100), "Spill");
  EXPECT_EQ(reader.required_int("count", 0, 10), 5);
  EXPECT_DOUBLE_EQ(reader.required_number("ratio", 0, 1), 0.5);
  EXPECT_TRUE(reader.required_bool("open"));
  EXPECT_EQ(reader.required_enum("kind", {"injury", "near_miss"}), "near_miss");
  EXPECT_EQ(reader.optional_string("note"), std::nullopt);
  EXPECT_TRUE(reader.is_null("note"));
  EXPECT_FALSE(reader.present("missing"));
  EXPECT_NO_THROW(reader.finish());
}

TEST(HttpJsonBody, ReaderCollectsEveryProblem) {
  const auto body = parse_json_object(
      R"({"title":5,"count":"5","big":18446744073709551615,"huge":1e300,"frac":1.5,)"
      R"("kind":"other","flag":"yes","extra":1,"long":"abcdef"})");
  JsonReader reader(body);
  reader.required_string("title");
  reader.required_int("count", 0, 10);
  reader.optional_int("big", 0, std::numeric_limits<std::int64_t>::max());
  reader.optional_int("huge", 0, 100);
  reader.optional_int("frac", 0, 100);
  reader.optional_enum("kind", {"a", "b"});
  reader.optional_bool("flag");
  reader.optional_string("long", 3);
  reader.required_string("missing");
  try {
    reader.finish();
    FAIL() << "finish() did not throw";
  } catch (const core::ValidationError& e) {
    const auto& fields = e.fields();
    for (const auto* name :
         {"title", "count", "big", "huge", "frac", "kind", "flag", "long", "missing", "extra"}) {
      EXPECT_EQ(fields.count(name), 1U) << name;
    }
    EXPECT_EQ(fields.at("extra"), "unknown field");
    EXPECT_EQ(fields.at("missing"), "is required");
    EXPECT_EQ(fields.size(), 10U);
  }
}

TEST(HttpJsonBody, RangeAndNulChecks) {
  const auto body = parse_json_object(R"({"n": -1, "s": "a\u0000b", "x": 1e20})");
  JsonReader reader(body);
  reader.required_int("n", 0, 10);
  reader.required_string("s");
  reader.required_number("x", 0, 1e6);
  EXPECT_EQ(reader.errors().size(), 3U);
  EXPECT_THROW(reader.finish(), core::ValidationError);
}

TEST(HttpJsonBody, JsonResponse) {
  const auto response = json_response(201, {{"id", 7}});
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.body, R"({"id":7})");
  EXPECT_EQ(response.header("content-type"), "application/json");
}

TEST(HttpMessage, PercentDecodeAndUtf8) {
  EXPECT_EQ(percent_decode("a%20b+c", true), "a b c");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
  EXPECT_EQ(percent_decode("%e2%82%ac", false), "\xe2\x82\xac");
  EXPECT_EQ(percent_decode("%zz", false), std::nullopt);
  EXPECT_EQ(percent_decode("%4", false), std::nullopt);
  EXPECT_EQ(percent_decode("%00", false), std::nullopt);
  EXPECT_EQ(percent_decode("%ff", false), std::nullopt);
  EXPECT_TRUE(is_valid_utf8("plain \xc3\xa9 \xf0\x9f\x98\x80"));
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xe2\x82"));          // truncated
}

TEST(HttpQuery, MalformedQueryStringIs400) {
  try {
    parse_query("a=%zz");
    FAIL();
  } catch (const core::Error& e) {
    EXPECT_EQ(e.code(), core::ErrorCode::kBadRequest);
  }
  EXPECT_THROW(parse_query("a=%ff"), core::Error);
}

}  // namespace
}  // namespace qgp::http
