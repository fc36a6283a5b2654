// The catalog of `qgp db lint` rules: what each flags, why it is dangerous, the safe recipe, and
// how it relates to Squawk's rule of the same family. docs/migration-lint-rules.md is generated
// from it (`qgp db lint --explain all`), so the documentation cannot drift from the code.
#include <algorithm>

#include <fmt/format.h>

#include "migrate/lint.hpp"

namespace qgp::migrate {

namespace {

// clang-format off
const std::vector<LintRule> kRules = {
    // ---- table rewrites and long locks --------------------------------------------------------
    {"adding-field-with-default", "rewrite",
     "ADD COLUMN on an existing table with a volatile default (random(), gen_random_uuid(), "
     "clock_timestamp(), nextval() through a serial type) or as an identity column.",
     "Since PostgreSQL 11 a constant default is stored in the catalog and costs nothing, but a "
     "volatile one is evaluated for every row: the whole table is rewritten under an ACCESS "
     "EXCLUSIVE lock, blocking reads and writes for as long as that takes.",
     "Add the column without a default (or with a constant one), backfill it in batches in a "
     "`transactional: false` revision, then `ALTER COLUMN ... SET DEFAULT` for new rows.",
     "adding-field-with-default"},
    {"adding-stored-generated-column", "rewrite",
     "ADD COLUMN ... GENERATED ALWAYS AS (...) STORED on an existing table.",
     "The expression is computed and stored for every existing row: a full table rewrite under "
     "ACCESS EXCLUSIVE.",
     "Add a plain nullable column, fill it in batches (a `transactional: false` revision), keep it "
     "current with a trigger or the application; or compute the value in a view.",
     "reported by Squawk under adding-field-with-default; here a rule of its own"},
    {"changing-column-type", "rewrite",
     "ALTER COLUMN ... TYPE on an existing table, unless the change is binary-coercible for a "
     "column whose type the linter knows from earlier revisions (varchar(n) to text, varchar(m >= "
     "n) or varchar; text to varchar; numeric(p, s) to numeric(q >= p, s) or numeric; varbit "
     "widening; cidr to inet) and has no USING clause.",
     "Most type changes rewrite the table and rebuild its indexes under ACCESS EXCLUSIVE, and "
     "readers written for the old type break.",
     "Add a new column of the new type, backfill it, move readers and writers over, then drop the "
     "old column in a later release. Widen varchar to text freely: it is a catalog change.",
     "changing-column-type (Squawk flags every type change, binary-coercible ones included)"},
    {"adding-required-field", "compatibility",
     "ADD COLUMN ... NOT NULL without a default on an existing table.",
     "It fails outright on a table that has rows, and writers of the running version, which do "
     "not know the column, fail once it exists.",
     "Add it nullable, or `NOT NULL DEFAULT <constant>` (a catalog-only change since PostgreSQL "
     "11).",
     "adding-required-field"},
    {"adding-not-nullable-field", "locking",
     "ALTER COLUMN ... SET NOT NULL on an existing column, unless a CHECK (col IS NOT NULL) was "
     "validated before it (in this revision or an earlier one).",
     "SET NOT NULL scans the whole table under ACCESS EXCLUSIVE to prove there is no NULL. Since "
     "PostgreSQL 12 a validated CHECK (col IS NOT NULL) proves it instead and the scan is "
     "skipped.",
     "`ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID`; in a later revision `VALIDATE "
     "CONSTRAINT c` (SHARE UPDATE EXCLUSIVE: reads and writes go on); then `SET NOT NULL` and "
     "`DROP CONSTRAINT c`.",
     "adding-not-nullable-field"},
    {"constraint-missing-not-valid", "locking",
     "ADD CONSTRAINT ... CHECK without NOT VALID on an existing table.",
     "Adding a CHECK takes ACCESS EXCLUSIVE and, without NOT VALID, scans every row while holding "
     "it.",
     "`ADD CONSTRAINT ... NOT VALID` (instant: only new rows are checked), then `VALIDATE "
     "CONSTRAINT` in a later revision, which scans under SHARE UPDATE EXCLUSIVE.",
     "constraint-missing-not-valid"},
    {"adding-foreign-key-constraint", "locking",
     "A FOREIGN KEY added to an existing table without NOT VALID (ADD CONSTRAINT, or ADD COLUMN "
     "... REFERENCES).",
     "Validation scans the table while SHARE ROW EXCLUSIVE locks on both tables block their "
     "writes.",
     "`ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID`, then `VALIDATE CONSTRAINT` in a later "
     "revision.",
     "adding-foreign-key-constraint"},
    {"disallowed-unique-constraint", "locking",
     "ADD CONSTRAINT ... UNIQUE or EXCLUDE on an existing table without USING INDEX.",
     "The backing index is built under ACCESS EXCLUSIVE: no reads or writes until it is done.",
     "`CREATE UNIQUE INDEX CONCURRENTLY` in a `transactional: false` revision, then `ADD "
     "CONSTRAINT ... UNIQUE USING INDEX` (instant).",
     "disallowed-unique-constraint"},
    {"adding-primary-key-constraint", "locking",
     "ADD PRIMARY KEY (or a PRIMARY KEY column) on an existing table without USING INDEX.",
     "The index is built, and the key columns are checked NOT NULL, under ACCESS EXCLUSIVE.",
     "Validated CHECK (col IS NOT NULL) constraints, `CREATE UNIQUE INDEX CONCURRENTLY`, then "
     "`ADD PRIMARY KEY USING INDEX`.",
     "adding-primary-key-constraint"},
    {"require-concurrent-index-creation", "locking",
     "CREATE INDEX without CONCURRENTLY on a table the revision did not create.",
     "A plain CREATE INDEX holds a SHARE lock for the whole build: every write to the table "
     "waits.",
     "`CREATE INDEX CONCURRENTLY` in a `transactional: false` revision (the engine drops an "
     "INVALID index a failed build left behind before it retries).",
     "require-concurrent-index-creation"},
    {"require-concurrent-index-deletion", "locking",
     "DROP INDEX without CONCURRENTLY, unless the revision created the index or drops its table "
     "too.",
     "DROP INDEX takes ACCESS EXCLUSIVE on the table; queued behind a long reader it blocks "
     "everyone behind it.",
     "`DROP INDEX CONCURRENTLY` in a `transactional: false` revision.",
     "require-concurrent-index-deletion"},
    {"require-concurrent-reindex", "locking",
     "REINDEX without CONCURRENTLY on an object the revision did not create.",
     "REINDEX blocks writes to the table, and reads that would use the index, for the whole "
     "rebuild.",
     "`REINDEX ... CONCURRENTLY` (PostgreSQL 12+) in a `transactional: false` revision.",
     "require-concurrent-reindex"},
    {"require-concurrent-partition-detach", "locking",
     "ALTER TABLE ... DETACH PARTITION without CONCURRENTLY.",
     "A plain detach takes ACCESS EXCLUSIVE on the partitioned table and the partition.",
     "`DETACH PARTITION ... CONCURRENTLY` (PostgreSQL 14+) in a `transactional: false` "
     "revision.",
     "require-concurrent-partition-detach"},
    {"ban-vacuum-full", "rewrite",
     "VACUUM FULL.",
     "It rewrites the table under ACCESS EXCLUSIVE and needs the table's size again in free "
     "disk space while it runs.",
     "Plain VACUUM (no lock against reads and writes); reclaim space online with pg_repack, "
     "outside migrations.",
     "prefer-repack"},
    {"ban-create-domain-with-constraint", "locking",
     "CREATE DOMAIN with a CHECK or NOT NULL constraint.",
     "A domain's constraint is hard to change: every later ALTER DOMAIN ... ADD CONSTRAINT "
     "validates every column of that domain in every table, under lock, in one statement.",
     "A plain domain (or the base type) and the CHECK on each column, where NOT VALID and "
     "VALIDATE can stage it.",
     "ban-create-domain-with-constraint"},
    {"ban-alter-domain-with-add-constraint", "locking",
     "ALTER DOMAIN ... ADD CONSTRAINT without NOT VALID, on a domain the revision did not "
     "create.",
     "It checks every column of the domain in every table while holding locks on all of them.",
     "`ADD CONSTRAINT ... NOT VALID`, then `VALIDATE CONSTRAINT` in a later revision; better, "
     "constraints on the columns.",
     "ban-alter-domain-with-add-constraint (Squawk bans every form; NOT VALID is accepted here)"},
    {"backfill-in-ddl-transaction", "locking",
     "UPDATE or DELETE without WHERE on a table the revision did not create, in a transactional "
     "revision that also runs DDL.",
     "Every row is locked (and rewritten, for UPDATE) in one transaction, and the DDL's locks, "
     "often ACCESS EXCLUSIVE, are held until the whole backfill commits: the table is "
     "unavailable for the duration, and one huge transaction bloats the table and lags "
     "replicas.",
     "Put the DDL in one revision and the backfill in its own `transactional: false` revision, "
     "in batches (`UPDATE ... WHERE id BETWEEN ...`), each committing on its own.",
     ""},
    // ---- transactions -------------------------------------------------------------------------
    {"ban-concurrent-index-creation-in-transaction", "transaction",
     "CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY or DETACH "
     "PARTITION CONCURRENTLY in a transactional revision (or inside BEGIN ... COMMIT).",
     "These cannot run inside a transaction block: the revision fails when it is deployed.",
     "Mark the revision `transactional: false` and keep the statement out of BEGIN ... COMMIT.",
     "ban-concurrent-index-creation-in-transaction (indexes only in Squawk)"},
    {"ban-alter-enum-add-value-in-transaction", "transaction",
     "ALTER TYPE ... ADD VALUE whose new value a later statement of the same transaction uses.",
     "PostgreSQL 12+ accepts ADD VALUE in a transaction but refuses to use the new value before "
     "that transaction commits (`unsafe use of new value`): the revision fails.",
     "Add the value in a revision of its own (or a `transactional: false` one) and use it in a "
     "later revision.",
     ""},
    {"require-enum-value-ordering", "compatibility",
     "ALTER TYPE ... ADD VALUE without BEFORE or AFTER on an enum the revision did not create.",
     "The value is appended last, and enum comparisons and ORDER BY follow declaration order: "
     "queries such as `status < 'approved'` silently change meaning.",
     "Say where it goes: `ADD VALUE 'x' BEFORE 'y'` or `AFTER 'z'`.",
     "require-enum-value-ordering"},
    {"transaction-nesting", "transaction",
     "BEGIN, COMMIT, ROLLBACK (or START/END/ABORT/PREPARE TRANSACTION) in a transactional "
     "revision.",
     "The engine runs a transactional revision in one transaction of its own, with its "
     "bookkeeping rows: a COMMIT inside would commit half the revision without them. The engine "
     "refuses such a file before running anything.",
     "Remove it, or mark the revision `transactional: false` and manage transactions there.",
     "transaction-nesting"},
    {"ban-uncommitted-transaction", "transaction",
     "BEGIN (or START TRANSACTION) without a later COMMIT or ROLLBACK in a `transactional: false` "
     "revision.",
     "The transaction stays open after the revision: its locks are held, and what follows "
     "(including the engine's bookkeeping) silently joins it.",
     "Close every transaction the revision opens.",
     "ban-uncommitted-transaction"},
    {"lock-timeout-disabled", "locking",
     "SET lock_timeout = 0 or above one minute (SET, SET LOCAL, ALTER DATABASE/ROLE ... SET, "
     "set_config()).",
     "The engine sets lock_timeout (MIGRATION_LOCK_TIMEOUT_MS) so that DDL never waits long in "
     "a lock queue: a waiting ACCESS EXCLUSIVE request blocks every query behind it.",
     "Leave lock_timeout to the engine; raise MIGRATION_LOCK_TIMEOUT_MS for one deployment if you "
     "must.",
     "the opposite of Squawk's require-timeout-settings, which asks every file to set it: the "
     "engine already does"},
    {"statement-timeout-disabled", "locking",
     "SET statement_timeout = 0 (by any of the forms above).",
     "A revision that disables the statement timeout can hold its locks without bound.",
     "Keep the server's statement_timeout; batch long work instead.",
     ""},
    // ---- destructive changes (upgrade sections only) ------------------------------------------
    {"ban-drop-table", "destructive",
     "DROP TABLE of a table the revision did not create.",
     "The data is gone, and the running version still reads the table.",
     "Stop using the table in one release, drop it in a later one (with a waiver naming the "
     "decision), keeping a dump or archive table if the data matters.",
     "ban-drop-table"},
    {"ban-drop-column", "destructive",
     "ALTER TABLE ... DROP COLUMN of a column the revision did not add.",
     "The data is gone, and readers of the running version that select it fail.",
     "Stop reading the column in one release, drop it in a later one (with a waiver).",
     "ban-drop-column"},
    {"ban-drop-not-null", "compatibility",
     "ALTER COLUMN ... DROP NOT NULL on a column the revision did not add.",
     "Readers that rely on the column being set start seeing NULLs.",
     "Only as the first step of retiring a column, with a waiver.",
     "ban-drop-not-null"},
    {"renaming-table", "compatibility",
     "ALTER TABLE ... RENAME TO of a table the revision did not create.",
     "The running version of the application still uses the old name.",
     "Create the new table (or a view with the new name), move readers and writers, drop the old "
     "one later.",
     "renaming-table"},
    {"renaming-column", "compatibility",
     "ALTER TABLE ... RENAME COLUMN of a column the revision did not add.",
     "The running version still reads and writes the old name.",
     "Add the new column, write both, backfill, move readers, drop the old one later.",
     "renaming-column"},
    {"ban-drop-database", "destructive",
     "DROP DATABASE.",
     "A migration of one database has no business dropping one; a typo here is unrecoverable.",
     "Drop databases by hand, never from a revision.",
     "ban-drop-database"},
    {"ban-truncate-cascade", "destructive",
     "TRUNCATE ... CASCADE.",
     "CASCADE also empties every table with a foreign key to the truncated ones, recursively, "
     "whatever they hold.",
     "TRUNCATE the tables you mean, by name (RESTRICT is the default and fails loudly).",
     "ban-truncate-cascade"},
    {"irreversible-downgrade", "destructive",
     "A revision whose upgrade changes the database while its downgrade section is empty.",
     "A rollback would claim to undo the revision while leaving its changes in place; the "
     "stairway test (`qgp db test`) cannot pass.",
     "Write the downgrade; for a deliberate one-way revision, a waiver on the line above `-- "
     "+downgrade`.",
     ""},
    {"irreversible-destructive-upgrade", "destructive",
     "An upgrade that destroys data of existing objects (DROP TABLE/SCHEMA/SEQUENCE, DROP "
     "COLUMN, TRUNCATE, DELETE, DROP DATABASE) whose downgrade only raises an exception.",
     "Nothing can roll the deployment back: the data is gone and the downgrade refuses to run.",
     "A downgrade that restores the structure (and the data, from an archive table the upgrade "
     "keeps), or a waiver naming the one-way decision.",
     ""},
    // ---- types ---------------------------------------------------------------------------------
    {"prefer-text-field", "type",
     "varchar(n) columns.",
     "Widening the limit later needs a type change; in older versions an ACCESS EXCLUSIVE "
     "rewrite. text with a CHECK (char_length(col) <= n) can change its limit with NOT VALID.",
     "text, with a CHECK on its length where the domain has one.",
     "prefer-text-field"},
    {"ban-char-field", "type",
     "char(n) / character(n) columns.",
     "char(n) pads with spaces, trailing spaces are ignored in comparisons but not by every "
     "client, and it is no faster than text.",
     "text, with a CHECK on its length.",
     "ban-char-field"},
    {"prefer-timestamptz", "type",
     "timestamp without time zone columns.",
     "It stores a wall-clock time without its offset: the same value means different instants on "
     "differently configured servers and clients.",
     "timestamptz (rendered in UTC by the API).",
     "prefer-timestamptz"},
    {"prefer-jsonb", "type",
     "json columns.",
     "json keeps the text as written: no indexing with GIN, no equality, reparsed on every use.",
     "jsonb.",
     ""},
    {"prefer-identity", "type",
     "serial, bigserial and smallserial columns.",
     "A serial column owns a loosely attached sequence: grants, dumps and copies of the table "
     "forget it, and its default can be overwritten.",
     "`bigint GENERATED ALWAYS AS IDENTITY`.",
     "prefer-identity"},
    {"prefer-bigint-over-int", "type",
     "A 32-bit integer (int, integer, int4, serial) primary key or identity column.",
     "2^31 ids run out in a busy table, and widening a key later rewrites the table and every "
     "table that references it.",
     "bigint (`bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY`).",
     "prefer-bigint-over-int (Squawk flags every int column; here keys and identities)"},
    {"prefer-bigint-over-smallint", "type",
     "A 16-bit integer (smallint, int2, smallserial) primary key or identity column.",
     "32767 ids run out fast, and widening a key later is a rewrite of it and its referencing "
     "tables.",
     "bigint.",
     "prefer-bigint-over-smallint (Squawk flags every smallint column; here keys and "
     "identities)"},
    {"identifier-too-long", "compatibility",
     "An identifier longer than 63 bytes.",
     "PostgreSQL truncates it to 63 bytes with only a NOTICE: two long names can collide, and "
     "the catalog's name differs from the one in the code, the declared schema and the next "
     "diff.",
     "Names of at most 63 bytes.",
     "identifier-too-long"},
    {"ban-duplicate-column-assignments", "compatibility",
     "A column named twice in UPDATE ... SET, an INSERT column list or ON CONFLICT DO UPDATE "
     "SET.",
     "PostgreSQL refuses it (`multiple assignments to same column`): the revision fails when it "
     "is deployed.",
     "Assign each column once.",
     "ban-duplicate-column-assignments"},
    // ---- the linter itself -----------------------------------------------------------------------
    {"syntax-error", "meta",
     "A statement that PostgreSQL 15's grammar does not accept, or a psql meta-command, COPY "
     "FROM STDIN or an unterminated quote.",
     "The engine refuses the file before running anything; nothing in it can be checked.",
     "Fix the statement.",
     ""},
    {"invalid-waiver", "meta",
     "A `-- qgp-lint:` comment without a reason, or naming an unknown rule.",
     "A waiver is a reviewed decision: without its reason, or with a mistyped rule, it silences "
     "nothing anyone can review.",
     "`-- qgp-lint: allow <rule-id> reason: <why this is safe here>` on the line(s) right above "
     "the statement.",
     ""},
};
// clang-format on

// Squawk rules that are deliberately not adopted, and why.
constexpr std::string_view kNotAdopted =
    "- `prefer-robust-stmts` (IF NOT EXISTS everywhere, so a retried migration does not fail): the "
    "engine records each statement of a `transactional: false` revision as it completes and a "
    "retry resumes after the last one, dropping an INVALID index a failed CREATE INDEX "
    "CONCURRENTLY left; transactional revisions roll back as a whole. IF NOT EXISTS would "
    "instead hide drift.\n"
    "- `require-timeout-settings` / `require-lock-timeout`: the engine sets lock_timeout for "
    "every revision and writes it into `--sql` plans; `lock-timeout-disabled` flags a file that "
    "undoes it.\n"
    "- `adding-serial-primary-key-field`: covered by `prefer-identity`, `prefer-bigint-over-int` "
    "and, on an existing table, `adding-field-with-default`.\n"
    "- Squawk's newer compatibility families (`ban-add-column`, `ban-drop-*` for every object "
    "kind, `ban-revoke`, ...) are policy choices rather than hazards; the destructive rules here "
    "cover the data-losing ones.\n";

}  // namespace

const std::vector<LintRule>& lint_rule_catalog() {
  return kRules;
}

const std::vector<std::string_view>& lint_rules() {
  static const std::vector<std::string_view> kIds = [] {
    std::vector<std::string_view> ids;
    ids.reserve(kRules.size());
    for (const auto& rule : kRules) {
      ids.push_back(rule.id);
    }
    return ids;
  }();
  return kIds;
}

const LintRule* find_lint_rule(std::string_view id) {
  const auto found = std::ranges::find(kRules, id, &LintRule::id);
  return found == kRules.end() ? nullptr : &*found;
}

std::string explain_lint_rule(const LintRule& rule) {
  return fmt::format("{} ({})\n\nFlags: {}\n\nWhy it is dangerous: {}\n\nSafe recipe: {}\n{}",
                     rule.id, rule.family, rule.flags, rule.why, rule.recipe,
                     rule.squawk.empty() ? "\nSquawk: no equivalent rule.\n"
                                         : fmt::format("\nSquawk: {}.\n", rule.squawk));
}

std::string lint_rules_markdown() {
  std::string out =
      "# `qgp db lint` rules\n\n"
      "<!-- Generated by `qgp db lint --explain all` from src/migrate/lint_rules.cpp; a unit test "
      "keeps this file in sync. -->\n\n"
      "`qgp db lint [FILES]` parses every statement of every revision with PostgreSQL 15's own "
      "grammar (libpg_query) and applies the rules below to the parse trees. It follows what each "
      "revision itself creates and does: a table created earlier in the same section is new and "
      "empty (no lock or rewrite rule applies to it), a column's type is known from the "
      "revisions before (so binary-coercible type changes pass), and a CHECK (col IS NOT NULL) "
      "validated in this or an earlier revision lets SET NOT NULL through. Destructive and "
      "rename rules read upgrade sections only; the others read both sections. Each finding "
      "names the file, the line of the statement and the rule; `qgp db lint --explain RULE` "
      "prints the rule's entry.\n\n"
      "A reviewed exception is a waiver on the comment line(s) right above the statement:\n\n"
      "    -- qgp-lint: allow <rule-id> reason: <why this is safe here>\n\n"
      "The test corpus in `tests/lint_corpus/` holds a dangerous and a safe twin of every "
      "family, with the expected rule and line.\n\n"
      "| rule | family | Squawk |\n|---|---|---|\n";
  for (const auto& rule : kRules) {
    out += fmt::format("| [`{}`](#{}) | {} | {} |\n", rule.id, rule.id, rule.family,
                       rule.squawk.empty() ? std::string_view("—") : rule.squawk);
  }
  for (const auto& rule : kRules) {
    out += fmt::format(
        "\n## {}\n\n*Family:* {}.\n\n*Flags:* {}\n\n*Why it is dangerous:* {}\n\n*Safe recipe:* "
        "{}\n",
        rule.id, rule.family, rule.flags, rule.why, rule.recipe);
  }
  out += "\n## Squawk rules not adopted\n\n";
  out += kNotAdopted;
  return out;
}

}  // namespace qgp::migrate
