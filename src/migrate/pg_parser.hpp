#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

// PostgreSQL's own grammar, without a server: libpg_query (Debian's libpg-query-dev) is the
// parser of PostgreSQL 15 compiled as a library. `qgp db` uses it to refuse a revision that
// cannot parse before any statement runs, and `qgp db lint` walks its parse trees instead of
// guessing from tokens.
namespace qgp::migrate::pg {

// The major version of the grammar: the engine checks syntax only against a server of this
// version (another version may accept other syntax).
inline constexpr int kParserMajorVersion = 15;

struct SyntaxError {
  std::string message;     // PostgreSQL's message, e.g. `syntax error at or near "CREAT"`
  std::size_t offset = 0;  // byte offset into the parsed text where the parser stopped
};

// nullopt when `sql` (one or more statements) parses; the first syntax error otherwise.
std::optional<SyntaxError> check_syntax(std::string_view sql);

struct ParseResult {
  std::optional<SyntaxError> error;
  // libpg_query's JSON parse tree: {"version": N, "stmts": [{"stmt": {...}, "stmt_location":
  // N, "stmt_len": N}, ...]}. Node locations are byte offsets into the parsed text. Null when
  // `error` is set.
  std::optional<nlohmann::json> tree;
};

ParseResult parse(std::string_view sql);

}  // namespace qgp::migrate::pg
