#include "migrate/lint.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <utility>

#include <fmt/format.h>

#include "migrate/splitter.hpp"

namespace qgp::migrate {

namespace {

constexpr std::string_view kWaiverPrefix = "qgp-lint:";
constexpr std::int64_t kMaxTimeoutMs = 60000;  // a lock_timeout above a minute defeats its purpose

enum class TokenKind : std::uint8_t { kWord, kIdent, kString, kNumber, kPunct };

struct Token {
  TokenKind kind;
  std::string text;  // words lowercased; identifiers as written; strings empty
};

bool word_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_';
}
bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$';
}

// Tokens of one statement: comments dropped, string and dollar-quoted literals reduced to one
// opaque token so that nothing inside them is mistaken for SQL.
std::vector<Token> tokenize(std::string_view sql) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  const auto n = sql.size();
  while (i < n) {
    const char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      ++i;
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      while (i < n && sql[i] != '\n') {
        ++i;
      }
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      int depth = 0;
      while (i < n) {
        if (sql.compare(i, 2, "/*") == 0) {
          ++depth;
          i += 2;
        } else if (sql.compare(i, 2, "*/") == 0) {
          i += 2;
          if (--depth == 0) {
            break;
          }
        } else {
          ++i;
        }
      }
    } else if (c == '\'') {
      const bool escapes = !tokens.empty() && tokens.back().kind == TokenKind::kWord
                           && tokens.back().text == "e" && i > 0
                           && (sql[i - 1] == 'e' || sql[i - 1] == 'E');
      if (escapes) {
        tokens.pop_back();
      }
      ++i;
      while (i < n) {
        if (escapes && sql[i] == '\\') {
          i += 2;
        } else if (sql[i] == '\'') {
          if (i + 1 < n && sql[i + 1] == '\'') {
            i += 2;
          } else {
            ++i;
            break;
          }
        } else {
          ++i;
        }
      }
      tokens.push_back({TokenKind::kString, ""});
    } else if (c == '"') {
      std::string text;
      ++i;
      while (i < n) {
        if (sql[i] == '"') {
          if (i + 1 < n && sql[i + 1] == '"') {
            text += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        text += sql[i++];
      }
      tokens.push_back({TokenKind::kIdent, text});
    } else if (c == '$' && i + 1 < n && (sql[i + 1] == '$' || word_start(sql[i + 1]))) {
      auto end = sql.find('$', i + 1);
      const auto tag = sql.substr(i, end == std::string_view::npos ? 1 : end - i + 1);
      const auto close = end == std::string_view::npos ? end : sql.find(tag, end + 1);
      i = close == std::string_view::npos ? n : close + tag.size();
      tokens.push_back({TokenKind::kString, ""});
    } else if (word_start(c)) {
      std::string text;
      while (i < n && word_char(sql[i])) {
        text += static_cast<char>(std::tolower(static_cast<unsigned char>(sql[i++])));
      }
      tokens.push_back({TokenKind::kWord, text});
    } else if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
      std::string text;
      while (i < n && (std::isalnum(static_cast<unsigned char>(sql[i])) != 0 || sql[i] == '.')) {
        text += static_cast<char>(std::tolower(static_cast<unsigned char>(sql[i++])));
      }
      tokens.push_back({TokenKind::kNumber, text});
    } else {
      tokens.push_back({TokenKind::kPunct, std::string(1, c)});
      ++i;
    }
  }
  return tokens;
}

using Tokens = std::vector<Token>;

bool word_at(const Tokens& t, std::size_t i, std::string_view word) {
  return i < t.size() && t[i].kind == TokenKind::kWord && t[i].text == word;
}

bool has_words(const Tokens& t, std::initializer_list<std::string_view> words) {
  for (std::size_t i = 0; i + words.size() <= t.size(); ++i) {
    std::size_t k = 0;
    for (const auto word : words) {
      if (!word_at(t, i + k, word)) {
        break;
      }
      ++k;
    }
    if (k == words.size()) {
      return true;
    }
  }
  return false;
}

// A possibly qualified name at `i`; returns its last part and advances past it.
std::string read_name(const Tokens& t, std::size_t& i) {
  std::string name;
  while (i < t.size() && (t[i].kind == TokenKind::kWord || t[i].kind == TokenKind::kIdent)) {
    name = t[i].text;
    ++i;
    if (i < t.size() && t[i].kind == TokenKind::kPunct && t[i].text == ".") {
      ++i;
      continue;
    }
    break;
  }
  return name;
}

// Splits the actions of ALTER TABLE on commas outside parentheses.
std::vector<Tokens> split_actions(const Tokens& t, std::size_t from) {
  std::vector<Tokens> actions(1);
  int depth = 0;
  for (std::size_t i = from; i < t.size(); ++i) {
    if (t[i].kind == TokenKind::kPunct) {
      if (t[i].text == "(") {
        ++depth;
      } else if (t[i].text == ")") {
        --depth;
      } else if (t[i].text == "," && depth == 0) {
        actions.emplace_back();
        continue;
      }
    }
    actions.back().push_back(t[i]);
  }
  return actions;
}

struct Hit {
  std::string rule;
  std::string message;
};

const std::set<std::string, std::less<>> kVolatileFunctions = {
    "random",    "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v4",   "clock_timestamp",
    "timeofday", "nextval",         "txid_current",     "statement_timestamp"};

void type_rules(const Tokens& t, std::vector<Hit>& hits) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind != TokenKind::kWord) {
      continue;
    }
    const auto& w = t[i].text;
    const bool sized =
        i + 1 < t.size() && t[i + 1].kind == TokenKind::kPunct && t[i + 1].text == "(";
    if ((w == "varchar" && sized)
        || (w == "character" && word_at(t, i + 1, "varying") && i + 2 < t.size()
            && t[i + 2].text == "(")) {
      hits.push_back({"prefer-text-field",
                      "varchar(n) needs an ACCESS EXCLUSIVE lock to widen; use text with a CHECK "
                      "on length"});
    } else if (w == "timestamp") {
      std::size_t k = i + 1;
      if (k < t.size() && t[k].text == "(") {
        k += 3;
      }
      if (!(word_at(t, k, "with") && word_at(t, k + 1, "time"))) {
        hits.push_back({"prefer-timestamptz",
                        "timestamp without time zone loses the offset; use timestamptz"});
      }
    } else if (w == "json") {
      hits.push_back({"prefer-jsonb", "json keeps text and cannot be indexed well; use jsonb"});
    } else if (w == "serial" || w == "serial2" || w == "serial4" || w == "serial8"
               || w == "smallserial" || w == "bigserial") {
      hits.push_back(
          {"prefer-identity",
           "serial types create loosely owned sequences; use GENERATED ... AS IDENTITY"});
    }
  }
}

std::optional<std::int64_t> timeout_ms(const Tokens& t, std::size_t i) {
  // value: a number (ms) or a string literal (opaque to the tokenizer, so read from the number
  // token only); units follow as a word.
  if (i >= t.size() || t[i].kind != TokenKind::kNumber) {
    return std::nullopt;
  }
  std::string digits;
  std::string unit;
  for (const char c : t[i].text) {
    (std::isdigit(static_cast<unsigned char>(c)) != 0 ? digits : unit) += c;
  }
  if (unit.empty() && i + 1 < t.size() && t[i + 1].kind == TokenKind::kWord) {
    unit = t[i + 1].text;
  }
  std::int64_t value = 0;
  for (const char c : digits) {
    value = value * 10 + (c - '0');
    if (value > 1000000000000LL) {
      break;
    }
  }
  const std::map<std::string, std::int64_t, std::less<>> factors = {
      {"", 1}, {"ms", 1}, {"s", 1000}, {"min", 60000}, {"h", 3600000}, {"d", 86400000}};
  const auto factor = factors.find(unit);
  return value * (factor == factors.end() ? 1 : factor->second);
}

struct SectionState {
  bool upgrade = true;
  bool transactional = true;
  std::set<std::string> created;  // tables created in the section
  std::map<std::string, std::pair<std::string, std::string>> not_null_checks;  // name -> table, col
  std::set<std::pair<std::string, std::string>> validated_not_null;            // table, column
};

void alter_table_rules(const Tokens& t, SectionState& state, std::vector<Hit>& hits) {
  std::size_t i = 2;
  if (word_at(t, i, "if") && word_at(t, i + 1, "exists")) {
    i += 2;
  }
  if (word_at(t, i, "only")) {
    ++i;
  }
  const auto table = read_name(t, i);
  const bool existing = !state.created.contains(table);
  for (const auto& action : split_actions(t, i)) {
    if (action.empty()) {
      continue;
    }
    const auto& verb = action[0].text;
    std::size_t k = 1;
    if (verb == "add") {
      std::string constraint;
      if (word_at(action, k, "constraint")) {
        ++k;
        constraint = read_name(action, k);
      }
      const bool is_constraint = !constraint.empty() || word_at(action, k, "check")
                                 || word_at(action, k, "foreign") || word_at(action, k, "unique")
                                 || word_at(action, k, "primary") || word_at(action, k, "exclude");
      const bool not_valid = has_words(action, {"not", "valid"});
      if (is_constraint) {
        if (word_at(action, k, "check")) {
          if (existing && !not_valid) {
            hits.push_back({"constraint-missing-not-valid",
                            "a CHECK on an existing table scans it under lock: add it NOT VALID, "
                            "then VALIDATE CONSTRAINT"});
          }
          // CHECK (col IS NOT NULL): remembered for the SET NOT NULL recipe.
          if (k + 5 < action.size() && action[k + 1].text == "(" && word_at(action, k + 3, "is")
              && word_at(action, k + 4, "not") && word_at(action, k + 5, "null")) {
            state.not_null_checks[constraint] = {table, action[k + 2].text};
          }
        } else if (word_at(action, k, "foreign")) {
          if (existing && !not_valid) {
            hits.push_back({"adding-foreign-key-constraint",
                            "a FOREIGN KEY on an existing table validates under SHARE ROW "
                            "EXCLUSIVE on both tables: add it NOT VALID, then VALIDATE"});
          }
        } else if ((word_at(action, k, "unique") || word_at(action, k, "primary")) && existing
                   && !has_words(action, {"using", "index"})) {
          hits.push_back({"disallowed-unique-constraint",
                          "a UNIQUE/PRIMARY KEY constraint builds its index under ACCESS "
                          "EXCLUSIVE: CREATE UNIQUE INDEX CONCURRENTLY, then ADD ... USING INDEX"});
        }
        continue;
      }
      if (word_at(action, k, "column")) {
        ++k;
      }
      if (word_at(action, k, "if")) {
        k += 3;
      }
      Tokens rest(action.begin() + static_cast<std::ptrdiff_t>(std::min(k, action.size())),
                  action.end());
      type_rules(rest, hits);
      const bool has_default = has_words(action, {"default"});
      const bool generated = has_words(action, {"generated"});
      if (existing && has_words(action, {"not", "null"}) && !has_default && !generated) {
        hits.push_back({"adding-required-field",
                        "a NOT NULL column without a default fails on a table with rows and "
                        "breaks old writers"});
      }
      if (existing && has_default) {
        for (std::size_t j = 0; j + 1 < action.size(); ++j) {
          if (action[j].kind == TokenKind::kWord && kVolatileFunctions.contains(action[j].text)
              && action[j + 1].text == "(") {
            hits.push_back({"adding-field-with-default",
                            fmt::format("the volatile default {}() rewrites the whole table under "
                                        "ACCESS EXCLUSIVE",
                                        action[j].text)});
            break;
          }
        }
      }
    } else if (verb == "alter") {
      if (word_at(action, k, "column")) {
        ++k;
      }
      const auto column = read_name(action, k);
      if (word_at(action, k, "type")
          || (word_at(action, k, "set") && word_at(action, k + 1, "data"))) {
        Tokens rest(action.begin() + static_cast<std::ptrdiff_t>(k), action.end());
        type_rules(rest, hits);
        if (existing) {
          hits.push_back({"changing-column-type",
                          "a column type change can rewrite the table under ACCESS EXCLUSIVE "
                          "and break readers"});
        }
      } else if (word_at(action, k, "set") && word_at(action, k + 1, "not")
                 && word_at(action, k + 2, "null") && existing
                 && !state.validated_not_null.contains({table, column})) {
        hits.push_back({"adding-not-nullable-field",
                        "SET NOT NULL scans the table under ACCESS EXCLUSIVE: add CHECK (col IS "
                        "NOT NULL) NOT VALID and VALIDATE it first"});
      }
    } else if (verb == "validate" && word_at(action, k, "constraint")) {
      ++k;
      const auto name = read_name(action, k);
      const auto found = state.not_null_checks.find(name);
      if (found != state.not_null_checks.end()) {
        state.validated_not_null.insert(found->second);
      }
    } else if (verb == "drop" && !word_at(action, k, "constraint") && state.upgrade) {
      if (word_at(action, k, "column") || action.size() >= 2) {
        if (!word_at(action, k, "not") && !word_at(action, k, "default")
            && !word_at(action, k, "identity")) {
          hits.push_back({"ban-drop-column",
                          "dropping a column loses its data and breaks readers that still use it"});
        }
      }
    } else if (verb == "rename" && state.upgrade) {
      if (word_at(action, k, "to")) {
        hits.push_back({"renaming-table", "renaming a table breaks the running application"});
      } else if (!word_at(action, k, "constraint")) {
        hits.push_back({"renaming-column", "renaming a column breaks the running application"});
      }
    }
  }
}

std::vector<Hit> statement_rules(const Tokens& t, SectionState& state) {
  std::vector<Hit> hits;
  if (t.empty()) {
    return hits;
  }
  const auto& first = t[0].text;
  const bool concurrently = has_words(t, {"concurrently"});
  if (concurrently && state.transactional
      && (first == "create" || first == "drop" || first == "reindex")) {
    hits.push_back({"ban-concurrent-index-creation-in-transaction",
                    "CONCURRENTLY cannot run inside a transaction: mark the revision "
                    "`transactional: false`"});
  }
  if (first == "create") {
    std::size_t i = 1;
    if (word_at(t, i, "or") && word_at(t, i + 1, "replace")) {
      i += 2;
    }
    while (word_at(t, i, "unique") || word_at(t, i, "unlogged") || word_at(t, i, "temporary")
           || word_at(t, i, "temp")) {
      ++i;
    }
    if (word_at(t, i, "table")) {
      ++i;
      if (word_at(t, i, "if")) {
        i += 3;
      }
      state.created.insert(read_name(t, i));
      type_rules(t, hits);
    } else if (word_at(t, i, "index")) {
      std::size_t on = i;
      while (on < t.size() && !word_at(t, on, "on")) {
        ++on;
      }
      ++on;
      if (word_at(t, on, "only")) {
        ++on;
      }
      const auto table = read_name(t, on);
      if (!concurrently && !state.created.contains(table)) {
        hits.push_back({"require-concurrent-index-creation",
                        "CREATE INDEX on an existing table blocks writes while it builds: use "
                        "CONCURRENTLY (in a `transactional: false` revision)"});
      }
    }
  } else if (first == "drop" && word_at(t, 1, "table") && state.upgrade) {
    hits.push_back({"ban-drop-table", "dropping a table loses its data and breaks its readers"});
  } else if (first == "alter" && word_at(t, 1, "table")) {
    alter_table_rules(t, state, hits);
  } else if (first == "alter" && word_at(t, 1, "type") && has_words(t, {"add", "value"})
             && state.transactional) {
    hits.push_back({"ban-alter-enum-add-value-in-transaction",
                    "ALTER TYPE ... ADD VALUE cannot be used in the transaction that added it: "
                    "mark the revision `transactional: false`"});
  } else if ((first == "begin" || first == "commit" || first == "rollback"
              || (first == "start" && word_at(t, 1, "transaction")) || first == "end")
             && state.transactional) {
    hits.push_back({"transaction-nesting",
                    "the engine runs a transactional revision in its own transaction; do not "
                    "BEGIN/COMMIT inside it"});
  } else if (first == "set" || (first == "alter" && word_at(t, 1, "database"))) {
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (!word_at(t, i, "lock_timeout") && !word_at(t, i, "statement_timeout")) {
        continue;
      }
      auto k = i + 1;
      if (k < t.size() && (t[k].text == "=" || t[k].text == "to")) {
        ++k;
      }
      const auto ms = timeout_ms(t, k);
      const bool lock = t[i].text == "lock_timeout";
      if (ms && (*ms == 0 || (lock && *ms > kMaxTimeoutMs))) {
        hits.push_back({lock ? "lock-timeout-disabled" : "statement-timeout-disabled",
                        fmt::format("{} = {} ms {} the engine's guard against lock queues",
                                    t[i].text, *ms, *ms == 0 ? "disables" : "defeats")});
      }
      break;
    }
  }
  return hits;
}

struct Waiver {
  int line = 0;
  std::string rule;
  std::string reason;
};

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

// file line -> text, for both sections.
std::map<int, std::string> file_lines(const Revision& revision) {
  std::map<int, std::string> lines;
  const auto add = [&lines](std::string_view text, int first) {
    std::istringstream stream{std::string(text)};
    std::string line;
    for (int n = first; std::getline(stream, line); ++n) {
      lines[n] = line;
    }
  };
  add(revision.upgrade_sql, revision.upgrade_line);
  add(revision.downgrade_sql, revision.downgrade_line);
  return lines;
}

void lint_section(const Revision& revision, bool upgrade, const std::map<int, std::string>& lines,
                  LintReport& report) {
  const auto& sql = upgrade ? revision.upgrade_sql : revision.downgrade_sql;
  const auto first_line = upgrade ? revision.upgrade_line : revision.downgrade_line;
  SectionState state;
  state.upgrade = upgrade;
  state.transactional = revision.transactional;
  for (const auto& statement : split_sql(sql, revision.file_name, first_line)) {
    // Waivers: the comment lines directly above the statement.
    std::vector<Waiver> waivers;
    for (int line = statement.line - 1;; --line) {
      const auto found = lines.find(line);
      if (found == lines.end()) {
        break;
      }
      const auto text = trim(found->second);
      if (!text.starts_with("--")) {
        break;
      }
      const auto body = trim(std::string_view(text).substr(2));
      if (!body.starts_with(kWaiverPrefix)) {
        continue;
      }
      const auto rest = trim(std::string_view(body).substr(kWaiverPrefix.size()));
      Waiver waiver{.line = line, .rule = {}, .reason = {}};
      std::string problem;
      if (!rest.starts_with("allow ")) {
        problem = "a waiver reads `-- qgp-lint: allow <rule-id> reason: <text>`";
      } else {
        const auto after = trim(std::string_view(rest).substr(6));
        const auto space = after.find(' ');
        waiver.rule = after.substr(0, space);
        const auto reason_at = after.find("reason:");
        if (reason_at != std::string::npos) {
          waiver.reason = trim(std::string_view(after).substr(reason_at + 7));
        }
        const auto& rules = lint_rules();
        if (std::ranges::find(rules, waiver.rule) == rules.end()) {
          problem = fmt::format("the waiver names an unknown rule '{}'", waiver.rule);
        } else if (waiver.reason.empty()) {
          problem = fmt::format("the waiver of {} gives no reason (`reason: <text>`)", waiver.rule);
        }
      }
      if (!problem.empty()) {
        report.findings.push_back({.file = revision.file_name,
                                   .line = line,
                                   .rule = "invalid-waiver",
                                   .message = problem,
                                   .waived = false,
                                   .reason = {}});
        continue;
      }
      waivers.push_back(std::move(waiver));
    }
    for (auto& hit : statement_rules(tokenize(statement.text), state)) {
      LintFinding finding{.file = revision.file_name,
                          .line = statement.line,
                          .rule = hit.rule,
                          .message = std::move(hit.message),
                          .waived = false,
                          .reason = {}};
      const auto waiver =
          std::ranges::find_if(waivers, [&](const Waiver& w) { return w.rule == finding.rule; });
      if (waiver != waivers.end()) {
        finding.waived = true;
        finding.reason = waiver->reason;
      }
      report.findings.push_back(std::move(finding));
    }
  }
}

}  // namespace

std::size_t LintReport::errors() const {
  return static_cast<std::size_t>(
      std::ranges::count_if(findings, [](const LintFinding& f) { return !f.waived; }));
}

std::size_t LintReport::waived() const {
  return findings.size() - errors();
}

const std::vector<std::string_view>& lint_rules() {
  static const std::vector<std::string_view> kRules = {
      "adding-required-field",
      "adding-field-with-default",
      "adding-foreign-key-constraint",
      "adding-not-nullable-field",
      "constraint-missing-not-valid",
      "disallowed-unique-constraint",
      "changing-column-type",
      "require-concurrent-index-creation",
      "ban-concurrent-index-creation-in-transaction",
      "ban-alter-enum-add-value-in-transaction",
      "ban-drop-table",
      "ban-drop-column",
      "renaming-table",
      "renaming-column",
      "prefer-text-field",
      "prefer-timestamptz",
      "prefer-jsonb",
      "prefer-identity",
      "lock-timeout-disabled",
      "statement-timeout-disabled",
      "transaction-nesting",
      "irreversible-downgrade",
  };
  return kRules;
}

LintReport lint_revision(const Revision& revision) {
  LintReport report;
  const auto lines = file_lines(revision);
  lint_section(revision, true, lines, report);
  lint_section(revision, false, lines, report);
  const auto upgrade = split_sql(revision.upgrade_sql, revision.file_name, revision.upgrade_line);
  const auto downgrade =
      split_sql(revision.downgrade_sql, revision.file_name, revision.downgrade_line);
  if (!upgrade.empty() && downgrade.empty()) {
    LintFinding finding{
        .file = revision.file_name,
        .line = revision.downgrade_line > 0 ? revision.downgrade_line : revision.header_line,
        .rule = "irreversible-downgrade",
        .message = "the upgrade changes the database but the downgrade section is empty",
        .waived = false,
        .reason = {}};
    // A waiver for it sits on the line above `-- +downgrade`.
    const auto found = lines.find(finding.line - 2);
    if (found != lines.end()) {
      const auto text = trim(found->second);
      const auto at = text.find("allow irreversible-downgrade");
      const auto reason = text.find("reason:");
      if (at != std::string::npos && reason != std::string::npos
          && !trim(std::string_view(text).substr(reason + 7)).empty()) {
        finding.waived = true;
        finding.reason = trim(std::string_view(text).substr(reason + 7));
      }
    }
    report.findings.push_back(std::move(finding));
  }
  return report;
}

LintReport lint_revisions(const std::vector<Revision>& revisions) {
  LintReport report;
  for (const auto& revision : revisions) {
    auto one = lint_revision(revision);
    std::ranges::move(one.findings, std::back_inserter(report.findings));
  }
  return report;
}

std::string format_finding(const LintFinding& finding) {
  auto text =
      fmt::format("{}:{}: {}: {}", finding.file, finding.line, finding.rule, finding.message);
  if (finding.waived) {
    text += fmt::format(" [waived: {}]", finding.reason);
  }
  return text;
}

std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw RevisionFileError(fmt::format("{}: cannot read the file", path.string()));
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace qgp::migrate
