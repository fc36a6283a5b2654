#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace qgp::migrate {

// One SQL statement of a revision section.
struct Statement {
  std::string text;        // from its first token to just before the terminating ';'
  int line = 1;            // line of its first token, counted from `first_line`
  std::size_t offset = 0;  // byte offset of its first token in the input
};

// Splits SQL into statements the way psql would: semicolons inside '...' strings, E'...' strings
// (backslash escapes), "quoted identifiers", $tag$ dollar quotes (any tag; a different tag inside
// is just text, so nesting works), -- line comments, /* nested block comments */ and
// BEGIN ATOMIC ... END function bodies do not end a statement. Comment-only pieces are dropped.
// Throws RevisionFileError "SOURCE:LINE: ..." for psql meta-commands (\i, \set, ...), COPY ... FROM
// STDIN (inline data), and unterminated quotes or comments. `first_line` is the line the input
// starts at in its file, so every reported line is a file line.
std::vector<Statement> split_sql(std::string_view sql, std::string_view source_name = "<sql>",
                                 int first_line = 1);

// The line (counted from `first_line`) of a byte offset into `sql`.
int line_of_offset(std::string_view sql, std::size_t offset, int first_line = 1);

// Byte offset of a 1-based character position (PostgreSQL reports error positions in characters
// of the server encoding; revision files are UTF-8). Clamped to the text's size.
std::size_t byte_offset_of_char_position(std::string_view text, int position);

}  // namespace qgp::migrate
