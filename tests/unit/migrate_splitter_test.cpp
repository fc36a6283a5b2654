// The SQL splitter: every quoting form, comments, routine bodies, rejected psql-isms.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "migrate/revision.hpp"
#include "migrate/splitter.hpp"

namespace qgp::migrate {
namespace {

std::vector<std::string> texts(std::string_view sql) {
  std::vector<std::string> out;
  for (const auto& s : split_sql(sql)) {
    out.push_back(s.text);
  }
  return out;
}

std::string split_error(std::string_view sql) {
  try {
    (void)split_sql(sql, "r.sql", 10);
  } catch (const RevisionFileError& e) {
    return e.what();
  }
  return "no error";
}

TEST(MigrateSplitter, SplitsOnTopLevelSemicolonsWithLines) {
  const auto statements = split_sql("SELECT 1;\n\nSELECT\n 2 ;SELECT 3", "x", 5);
  ASSERT_EQ(statements.size(), 3U);
  EXPECT_EQ(statements[0].text, "SELECT 1");
  EXPECT_EQ(statements[0].line, 5);
  EXPECT_EQ(statements[1].text, "SELECT\n 2");
  EXPECT_EQ(statements[1].line, 7);
  EXPECT_EQ(statements[2].text, "SELECT 3");
  EXPECT_EQ(statements[2].line, 8);
  EXPECT_EQ(statements[2].offset, 22U);
}

TEST(MigrateSplitter, StringsAndIdentifiersKeepTheirSemicolons) {
  EXPECT_EQ(texts("SELECT 'a;b', 'it''s;';SELECT \"we;ird\"\"x;\" FROM t"),
            (std::vector<std::string>{"SELECT 'a;b', 'it''s;'", "SELECT \"we;ird\"\"x;\" FROM t"}));
  // E'' strings: a backslash escapes the quote; in a plain string it does not.
  EXPECT_EQ(texts("SELECT E'a\\';b';SELECT 'c\\';SELECT e'\\\\';"),
            (std::vector<std::string>{"SELECT E'a\\';b'", "SELECT 'c\\'", "SELECT e'\\\\'"}));
  // `name'...` is not an escape string when E ends a longer word.
  EXPECT_EQ(texts("SELECT some'x\\';SELECT 1"),
            (std::vector<std::string>{"SELECT some'x\\'", "SELECT 1"}));
}

TEST(MigrateSplitter, DollarQuotesTaggedAndNested) {
  const std::string fn =
      "CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $fn$\nBEGIN\n  EXECUTE $q$SELECT "
      "';'; $$inner;$$$q$;\n  RETURN 'x;';\nEND;\n$fn$";
  EXPECT_EQ(texts(fn + ";\nSELECT 2;"), (std::vector<std::string>{fn, "SELECT 2"}));
  EXPECT_EQ(texts("DO $$ BEGIN PERFORM 1; END $$;SELECT $1, a$b FROM t;"),
            (std::vector<std::string>{"DO $$ BEGIN PERFORM 1; END $$", "SELECT $1, a$b FROM t"}));
  // $$LANGUAGE with no space after the closing quote.
  EXPECT_EQ(texts("CREATE FUNCTION g() RETURNS int AS $$SELECT 1;$$LANGUAGE sql;SELECT 3"),
            (std::vector<std::string>{
                "CREATE FUNCTION g() RETURNS int AS $$SELECT 1;$$LANGUAGE sql", "SELECT 3"}));
}

TEST(MigrateSplitter, CommentsLineAndNestedBlock) {
  EXPECT_EQ(texts("-- a; comment\nSELECT 1; -- trailing; comment\n/* a /* nested; */ still; */ "
                  "SELECT 2;/* only a comment; */"),
            (std::vector<std::string>{"SELECT 1", "SELECT 2"}));
  const auto statements = split_sql("/* x\n y */\n\n  CREATE TABLE t ();", "f", 1);
  ASSERT_EQ(statements.size(), 1U);
  EXPECT_EQ(statements[0].line, 4);
  EXPECT_EQ(texts("SELECT 1 -- no semicolon at the end"),
            (std::vector<std::string>{"SELECT 1 -- no semicolon at the end"}));
  EXPECT_TRUE(texts("  -- nothing\n/* at all */ ;; \n").empty());
}

TEST(MigrateSplitter, SqlStandardRoutineBodiesStayWhole) {
  const std::string body =
      "CREATE OR REPLACE FUNCTION h(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT a; "
      "SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END; END";
  EXPECT_EQ(texts(body + ";SELECT 4;"), (std::vector<std::string>{body, "SELECT 4"}));
  // Outside a routine definition, BEGIN is a transaction statement.
  EXPECT_EQ(texts("BEGIN;SELECT 1;END;"), (std::vector<std::string>{"BEGIN", "SELECT 1", "END"}));
}

TEST(MigrateSplitter, RejectsPsqlMetaCommandsAndCopyFromStdin) {
  EXPECT_EQ(split_error("SELECT 1;\n\\i other.sql\n"),
            "r.sql:11: psql meta-command `\\i` is not supported in revision files (the engine "
            "runs SQL, not psql scripts); inline the SQL instead");
  EXPECT_EQ(split_error("\n\n  \\set ON_ERROR_STOP on"),
            "r.sql:12: psql meta-command `\\set` is not supported in revision files (the engine "
            "runs SQL, not psql scripts); inline the SQL instead");
  EXPECT_EQ(split_error("SELECT 1;\nCOPY t (a) FROM stdin;\n1\n\\.\n"),
            "r.sql:11: COPY ... FROM STDIN carries inline data, which a revision file cannot "
            "hold; use INSERT ... VALUES or COPY from a server-side file");
  EXPECT_EQ(split_error("COPY t FROM STDIN"),
            "r.sql:10: COPY ... FROM STDIN carries inline data, which a revision file cannot "
            "hold; use INSERT ... VALUES or COPY from a server-side file");
  // A backslash inside a string is just a character.
  EXPECT_EQ(split_error("SELECT '\\i x';"), "no error");
}

TEST(MigrateSplitter, UnterminatedQuotesAndCommentsNameTheirLine) {
  EXPECT_EQ(split_error("SELECT 1;\nSELECT 'abc;\n"), "r.sql:11: unterminated string literal");
  EXPECT_EQ(split_error("\nSELECT \"abc;"), "r.sql:11: unterminated quoted identifier");
  EXPECT_EQ(split_error("DO $body$ BEGIN END $$;"),
            "r.sql:10: unterminated dollar-quoted string (no closing $body$)");
  EXPECT_EQ(split_error("/* /* */ SELECT 1;"), "r.sql:10: unterminated /* block comment");
}

TEST(MigrateSplitter, CharacterPositionsMapToBytes) {
  const std::string text = "SELECT 'é', x";  // é is two bytes
  EXPECT_EQ(byte_offset_of_char_position(text, 1), 0U);
  EXPECT_EQ(byte_offset_of_char_position(text, 12),
            12U);  // character 12 (a space) starts at byte 12
  EXPECT_EQ(line_of_offset("a\nb\nc", 4, 7), 9);
}

}  // namespace
}  // namespace qgp::migrate
