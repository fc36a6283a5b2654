#include "migrate/splitter.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "migrate/revision.hpp"

namespace qgp::migrate {

namespace {

bool is_ident_start(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalpha(u) != 0 || c == '_' || u >= 0x80;
}

bool is_ident_char(char c) {
  return is_ident_start(c) || std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '$';
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::ranges::equal(a, b, [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x))
                  == std::tolower(static_cast<unsigned char>(y));
         });
}

class Splitter {
 public:
  Splitter(std::string_view sql, std::string_view source, int first_line)
      : sql_(sql), source_(source), first_line_(first_line) {}

  std::vector<Statement> run() {
    while (pos_ < sql_.size()) {
      const char c = sql_[pos_];
      const char next = pos_ + 1 < sql_.size() ? sql_[pos_ + 1] : '\0';
      if (c == '-' && next == '-') {
        skip_line_comment();
      } else if (c == '/' && next == '*') {
        skip_block_comment();
      } else if (std::isspace(static_cast<unsigned char>(c)) != 0) {
        ++pos_;
      } else if (c == ';') {
        if (begin_depth_ > 0) {
          ++pos_;
        } else {
          finish(pos_);
          ++pos_;
        }
      } else {
        mark_start();
        if (c == '\'') {
          skip_string(is_escape_string_prefix());
        } else if (c == '"') {
          skip_quoted_identifier();
        } else if (c == '$') {
          skip_dollar();
        } else if (c == '\\') {
          reject_meta_command();
        } else if (is_ident_start(c)) {
          word();
        } else {
          ++pos_;
        }
      }
    }
    finish(sql_.size());
    return std::move(statements_);
  }

 private:
  [[noreturn]] void fail(std::size_t offset, std::string_view problem) const {
    throw RevisionFileError(
        fmt::format("{}:{}: {}", source_, line_of_offset(sql_, offset, first_line_), problem));
  }

  void mark_start() {
    if (start_ == std::string_view::npos) {
      start_ = pos_;
    }
  }

  void finish(std::size_t end) {
    if (start_ != std::string_view::npos) {
      auto text = sql_.substr(start_, end - start_);
      const auto last = text.find_last_not_of(" \t\r\n\f\v");
      text = text.substr(0, last + 1);
      if (is_copy_ && saw_stdin_) {
        fail(start_,
             "COPY ... FROM STDIN carries inline data, which a revision file cannot hold; use "
             "INSERT ... VALUES or COPY from a server-side file");
      }
      Statement statement;
      statement.text = std::string(text);
      statement.offset = start_;
      statement.line = line_of(start_);
      statements_.push_back(std::move(statement));
    }
    start_ = std::string_view::npos;
    words_.clear();
    begin_depth_ = 0;
    is_copy_ = false;
    saw_stdin_ = false;
  }

  int line_of(std::size_t offset) {
    // Offsets only grow, so count newlines incrementally.
    line_cursor_line_ +=
        static_cast<int>(std::count(sql_.begin() + static_cast<std::ptrdiff_t>(line_cursor_),
                                    sql_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
    line_cursor_ = offset;
    return line_cursor_line_;
  }

  void skip_line_comment() {
    const auto end = sql_.find('\n', pos_);
    pos_ = end == std::string_view::npos ? sql_.size() : end + 1;
  }

  void skip_block_comment() {
    const auto open = pos_;
    int depth = 0;
    while (pos_ < sql_.size()) {
      if (sql_.compare(pos_, 2, "/*") == 0) {
        ++depth;
        pos_ += 2;
      } else if (sql_.compare(pos_, 2, "*/") == 0) {
        pos_ += 2;
        if (--depth == 0) {
          return;
        }
      } else {
        ++pos_;
      }
    }
    fail(open, "unterminated /* block comment");
  }

  // E'...' (or e'...') is an escape string when the E is a word of its own.
  bool is_escape_string_prefix() const {
    if (pos_ == 0 || (sql_[pos_ - 1] != 'E' && sql_[pos_ - 1] != 'e')) {
      return false;
    }
    return pos_ < 2 || !is_ident_char(sql_[pos_ - 2]);
  }

  void skip_string(bool escapes) {
    const auto open = pos_;
    ++pos_;
    while (pos_ < sql_.size()) {
      const char c = sql_[pos_];
      if (escapes && c == '\\') {
        pos_ += 2;
        continue;
      }
      if (c == '\'') {
        if (pos_ + 1 < sql_.size() && sql_[pos_ + 1] == '\'') {
          pos_ += 2;
          continue;
        }
        ++pos_;
        return;
      }
      ++pos_;
    }
    fail(open, "unterminated string literal");
  }

  void skip_quoted_identifier() {
    const auto open = pos_;
    ++pos_;
    while (pos_ < sql_.size()) {
      if (sql_[pos_] == '"') {
        if (pos_ + 1 < sql_.size() && sql_[pos_ + 1] == '"') {
          pos_ += 2;
          continue;
        }
        ++pos_;
        return;
      }
      ++pos_;
    }
    fail(open, "unterminated quoted identifier");
  }

  void skip_dollar() {
    const auto open = pos_;
    // `$1` is a parameter; `a$b` was consumed as a word already.
    std::size_t end = pos_ + 1;
    if (end < sql_.size() && sql_[end] != '$') {
      if (!is_ident_start(sql_[end])) {
        pos_ = end;
        return;
      }
      while (end < sql_.size() && is_ident_char(sql_[end]) && sql_[end] != '$') {
        ++end;
      }
      if (end >= sql_.size() || sql_[end] != '$') {
        pos_ = end;
        return;
      }
    }
    const auto tag = sql_.substr(open, end - open + 1);
    const auto close = sql_.find(tag, end + 1);
    if (close == std::string_view::npos) {
      fail(open, fmt::format("unterminated dollar-quoted string (no closing {})", tag));
    }
    pos_ = close + tag.size();
  }

  void reject_meta_command() {
    auto end = pos_ + 1;
    while (end < sql_.size() && std::isalnum(static_cast<unsigned char>(sql_[end])) != 0) {
      ++end;
    }
    fail(pos_, fmt::format("psql meta-command `{}` is not supported in revision files (the "
                           "engine runs SQL, not psql scripts); inline the SQL instead",
                           sql_.substr(pos_, end - pos_)));
  }

  void word() {
    const auto begin = pos_;
    while (pos_ < sql_.size() && is_ident_char(sql_[pos_])) {
      ++pos_;
    }
    const auto w = sql_.substr(begin, pos_ - begin);
    if (words_.size() < 4) {
      words_.emplace_back(w);
    }
    if (words_.size() == 1 && iequals(w, "copy")) {
      is_copy_ = true;
    }
    if (is_copy_ && iequals(w, "stdin")) {
      saw_stdin_ = true;
    }
    // As psql does: inside CREATE [OR REPLACE] FUNCTION/PROCEDURE, BEGIN (ATOMIC) and CASE open a
    // block that END closes, so the semicolons of a SQL-standard body stay inside it.
    if (iequals(w, "begin") || iequals(w, "case")) {
      if (is_routine_definition()) {
        ++begin_depth_;
      }
    } else if (iequals(w, "end") && begin_depth_ > 0) {
      --begin_depth_;
    }
  }

  bool is_routine_definition() const {
    if (words_.size() < 2 || !iequals(words_[0], "create")) {
      return false;
    }
    auto routine = [](std::string_view w) {
      return iequals(w, "function") || iequals(w, "procedure");
    };
    if (routine(words_[1])) {
      return true;
    }
    return words_.size() >= 4 && iequals(words_[1], "or") && iequals(words_[2], "replace")
           && routine(words_[3]);
  }

  std::string_view sql_;
  std::string_view source_;
  int first_line_;
  std::size_t pos_ = 0;
  std::size_t start_ = std::string_view::npos;
  std::vector<std::string> words_;
  int begin_depth_ = 0;
  bool is_copy_ = false;
  bool saw_stdin_ = false;
  std::size_t line_cursor_ = 0;
  int line_cursor_line_ = first_line_;
  std::vector<Statement> statements_;
};

}  // namespace

std::vector<Statement> split_sql(std::string_view sql, std::string_view source_name,
                                 int first_line) {
  return Splitter(sql, source_name, first_line).run();
}

int line_of_offset(std::string_view sql, std::size_t offset, int first_line) {
  offset = std::min(offset, sql.size());
  return first_line
         + static_cast<int>(
             std::count(sql.begin(), sql.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::size_t byte_offset_of_char_position(std::string_view text, int position) {
  std::size_t offset = 0;
  int chars = 1;
  while (offset < text.size() && chars < position) {
    ++offset;
    // Skip UTF-8 continuation bytes: they do not start a character.
    while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0U) == 0x80U) {
      ++offset;
    }
    ++chars;
  }
  return offset;
}

}  // namespace qgp::migrate
