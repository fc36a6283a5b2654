// The catalog of `qgp db lint` rules: what each flags, why it is dangerous, the safe recipe, and
// how it relates to Squawk's rule of the same family. docs/migration-lint-rules.md is generated
// from it (`qgp db lint --explain all`), so the documentation cannot drift from the code.
#include <algorithm>

#include <fmt/format.h>

#include "migrate/lint.hpp"

namespace qgp::migrate {

namespace {

const std::vector<LintRule> kRules = {
    // ---- table rewrites and long locks --------------------------------------------------------
    {.id = "adding-field-with-default",
     .family = "rewrite",
     .flags =
         "ADD COLUMN on an existing table with a volatile default (random(), gen_random_uuid(), "
         "clock_timestamp(), nextval() through a serial type) or as an identity column.",
     .why = "Since PostgreSQL 11 a constant default is stored in the catalog and costs nothing, "
            "but a volatile one is evaluated for every row: the whole table is rewritten under an "
            "ACCESS EXCLUSIVE lock, blocking reads and writes for as long as that takes.",
     .recipe =
         "Add the column without a default (or with a constant one), backfill it in batches in a "
         "`transactional: false` revision, then `ALTER COLUMN ... SET DEFAULT` for new rows.",
     .squawk = "adding-field-with-default"},
    {.id = "adding-stored-generated-column",
     .family = "rewrite",
     .flags = "ADD COLUMN ... GENERATED ALWAYS AS (...) STORED on an existing table.",
     .why = "The expression is computed and stored for every existing row: a full table rewrite "
            "under ACCESS EXCLUSIVE.",
     .recipe =
         "Add a plain nullable column, fill it in batches (a `transactional: false` revision), "
         "keep it current with a trigger or the application; or compute the value in a view.",
     .squawk = "reported by Squawk under adding-field-with-default; here a rule of its own"},
    {.id = "changing-column-type",
     .family = "rewrite",
     .flags = "ALTER COLUMN ... TYPE on an existing table, unless the change is binary-coercible "
              "for a column whose type the linter knows from earlier revisions (varchar(n) to "
              "text, varchar(m >= n) or varchar; text to varchar; numeric(p, s) to numeric(q >= p, "
              "s) or numeric; varbit widening; cidr to inet) and has no USING clause.",
     .why = "Most type changes rewrite the table and rebuild its indexes under ACCESS EXCLUSIVE, "
            "and readers written for the old type break.",
     .recipe =
         "Add a new column of the new type, backfill it, move readers and writers over, then drop "
         "the old column in a later release. Widen varchar to text freely: it is a catalog change.",
     .squawk =
         "changing-column-type (Squawk flags every type change, binary-coercible ones included)"},
    {.id = "adding-required-field",
     .family = "compatibility",
     .flags = "ADD COLUMN ... NOT NULL without a default on an existing table.",
     .why = "It fails outright on a table that has rows, and writers of the running version, which "
            "do not know the column, fail once it exists.",
     .recipe = "Add it nullable, or `NOT NULL DEFAULT <constant>` (a catalog-only change since "
               "PostgreSQL 11).",
     .squawk = "adding-required-field"},
    {.id = "adding-not-nullable-field",
     .family = "locking",
     .flags = "ALTER COLUMN ... SET NOT NULL on an existing column, unless a CHECK (col IS NOT "
              "NULL) was validated before it (in this revision or an earlier one).",
     .why = "SET NOT NULL scans the whole table under ACCESS EXCLUSIVE to prove there is no NULL. "
            "Since PostgreSQL 12 a validated CHECK (col IS NOT NULL) proves it instead and the "
            "scan is skipped.",
     .recipe = "`ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID`; in a later revision "
               "`VALIDATE CONSTRAINT c` (SHARE UPDATE EXCLUSIVE: reads and writes go on); then "
               "`SET NOT NULL` and `DROP CONSTRAINT c`.",
     .squawk = "adding-not-nullable-field"},
    {.id = "constraint-missing-not-valid",
     .family = "locking",
     .flags = "ADD CONSTRAINT ... CHECK without NOT VALID on an existing table, or its VALIDATE "
              "CONSTRAINT in the transaction that added it NOT VALID (reported on the VALIDATE).",
     .why = "Adding a CHECK takes ACCESS EXCLUSIVE and, without NOT VALID, scans every row while "
            "holding it; a VALIDATE in the same transaction scans while that lock is still held.",
     .recipe =
         "`ADD CONSTRAINT ... NOT VALID` (instant: only new rows are checked), then `VALIDATE "
         "CONSTRAINT` in a later revision, which scans under SHARE UPDATE EXCLUSIVE.",
     .squawk = "constraint-missing-not-valid"},
    {.id = "adding-foreign-key-constraint",
     .family = "locking",
     .flags = "A FOREIGN KEY added to an existing table without NOT VALID (ADD CONSTRAINT, or ADD "
              "COLUMN ... REFERENCES), or its VALIDATE CONSTRAINT in the transaction that added it "
              "NOT VALID (reported on the VALIDATE).",
     .why = "Validation scans the table while SHARE ROW EXCLUSIVE locks on both tables block their "
            "writes; in the transaction of the ADD those locks are still held.",
     .recipe = "`ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID`, then `VALIDATE CONSTRAINT` in a "
               "later revision.",
     .squawk = "adding-foreign-key-constraint"},
    {.id = "disallowed-unique-constraint",
     .family = "locking",
     .flags = "ADD CONSTRAINT ... UNIQUE or EXCLUDE on an existing table without USING INDEX.",
     .why =
         "The backing index is built under ACCESS EXCLUSIVE: no reads or writes until it is done.",
     .recipe = "`CREATE UNIQUE INDEX CONCURRENTLY` in a `transactional: false` revision, then `ADD "
               "CONSTRAINT ... UNIQUE USING INDEX` (instant).",
     .squawk = "disallowed-unique-constraint"},
    {.id = "adding-primary-key-constraint",
     .family = "locking",
     .flags = "ADD PRIMARY KEY (or a PRIMARY KEY column) on an existing table without USING INDEX.",
     .why = "The index is built, and the key columns are checked NOT NULL, under ACCESS EXCLUSIVE.",
     .recipe = "Validated CHECK (col IS NOT NULL) constraints, `CREATE UNIQUE INDEX CONCURRENTLY`, "
               "then `ADD PRIMARY KEY USING INDEX`.",
     .squawk = "adding-primary-key-constraint"},
    {.id = "require-concurrent-index-creation",
     .family = "locking",
     .flags = "CREATE INDEX without CONCURRENTLY on a table the revision did not create.",
     .why = "A plain CREATE INDEX holds a SHARE lock for the whole build: every write to the table "
            "waits.",
     .recipe = "`CREATE INDEX CONCURRENTLY` in a `transactional: false` revision (the engine drops "
               "an INVALID index a failed build left behind before it retries).",
     .squawk = "require-concurrent-index-creation"},
    {.id = "require-concurrent-index-deletion",
     .family = "locking",
     .flags = "DROP INDEX without CONCURRENTLY, unless the revision created the index or drops its "
              "table too.",
     .why = "DROP INDEX takes ACCESS EXCLUSIVE on the table; queued behind a long reader it blocks "
            "everyone behind it.",
     .recipe = "`DROP INDEX CONCURRENTLY` in a `transactional: false` revision.",
     .squawk = "require-concurrent-index-deletion"},
    {.id = "require-concurrent-reindex",
     .family = "locking",
     .flags = "REINDEX without CONCURRENTLY on an object the revision did not create.",
     .why = "REINDEX blocks writes to the table, and reads that would use the index, for the whole "
            "rebuild.",
     .recipe = "`REINDEX ... CONCURRENTLY` (PostgreSQL 12+) in a `transactional: false` revision.",
     .squawk = "require-concurrent-reindex"},
    {.id = "require-concurrent-partition-detach",
     .family = "locking",
     .flags = "ALTER TABLE ... DETACH PARTITION without CONCURRENTLY.",
     .why = "A plain detach takes ACCESS EXCLUSIVE on the partitioned table and the partition.",
     .recipe = "`DETACH PARTITION ... CONCURRENTLY` (PostgreSQL 14+) in a `transactional: false` "
               "revision.",
     .squawk = "require-concurrent-partition-detach"},
    {.id = "ban-vacuum-full",
     .family = "rewrite",
     .flags = "VACUUM FULL.",
     .why = "It rewrites the table under ACCESS EXCLUSIVE and needs the table's size again in free "
            "disk space while it runs.",
     .recipe = "Plain VACUUM (no lock against reads and writes); reclaim space online with "
               "pg_repack, outside migrations.",
     .squawk = "prefer-repack"},
    {.id = "ban-create-domain-with-constraint",
     .family = "locking",
     .flags = "CREATE DOMAIN with a CHECK or NOT NULL constraint.",
     .why = "A domain's constraint is hard to change: every later ALTER DOMAIN ... ADD CONSTRAINT "
            "validates every column of that domain in every table, under lock, in one statement.",
     .recipe = "A plain domain (or the base type) and the CHECK on each column, where NOT VALID "
               "and VALIDATE can stage it.",
     .squawk = "ban-create-domain-with-constraint"},
    {.id = "ban-alter-domain-with-add-constraint",
     .family = "locking",
     .flags = "ALTER DOMAIN ... ADD CONSTRAINT without NOT VALID, on a domain the revision did not "
              "create.",
     .why =
         "It checks every column of the domain in every table while holding locks on all of them.",
     .recipe = "`ADD CONSTRAINT ... NOT VALID`, then `VALIDATE CONSTRAINT` in a later revision; "
               "better, constraints on the columns.",
     .squawk = "ban-alter-domain-with-add-constraint (Squawk bans every form; NOT VALID is "
               "accepted here)"},
    {.id = "backfill-in-ddl-transaction",
     .family = "locking",
     .flags = "UPDATE or DELETE without WHERE on a table the revision did not create, in a "
              "transactional revision that also runs DDL.",
     .why = "Every row is locked (and rewritten, for UPDATE) in one transaction, and the DDL's "
            "locks, often ACCESS EXCLUSIVE, are held until the whole backfill commits: the table "
            "is unavailable for the duration, and one huge transaction bloats the table and lags "
            "replicas.",
     .recipe =
         "Put the DDL in one revision and the backfill in its own `transactional: false` revision, "
         "in batches (`UPDATE ... WHERE id BETWEEN ...`), each committing on its own.",
     .squawk = ""},
    // ---- transactions -------------------------------------------------------------------------
    {.id = "ban-concurrent-index-creation-in-transaction",
     .family = "transaction",
     .flags = "CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY or DETACH "
              "PARTITION CONCURRENTLY in a transactional revision (or inside BEGIN ... COMMIT).",
     .why = "These cannot run inside a transaction block: the revision fails when it is deployed.",
     .recipe =
         "Mark the revision `transactional: false` and keep the statement out of BEGIN ... COMMIT.",
     .squawk = "ban-concurrent-index-creation-in-transaction (indexes only in Squawk)"},
    {.id = "ban-alter-enum-add-value-in-transaction",
     .family = "transaction",
     .flags =
         "ALTER TYPE ... ADD VALUE whose new value a later statement of the same transaction uses.",
     .why = "PostgreSQL 12+ accepts ADD VALUE in a transaction but refuses to use the new value "
            "before that transaction commits (`unsafe use of new value`): the revision fails.",
     .recipe = "Add the value in a revision of its own (or a `transactional: false` one) and use "
               "it in a later revision.",
     .squawk = ""},
    {.id = "require-enum-value-ordering",
     .family = "compatibility",
     .flags =
         "ALTER TYPE ... ADD VALUE without BEFORE or AFTER on an enum the revision did not create.",
     .why = "The value is appended last, and enum comparisons and ORDER BY follow declaration "
            "order: queries such as `status < 'approved'` silently change meaning.",
     .recipe = "Say where it goes: `ADD VALUE 'x' BEFORE 'y'` or `AFTER 'z'`.",
     .squawk = "require-enum-value-ordering"},
    {.id = "transaction-nesting",
     .family = "transaction",
     .flags = "BEGIN, COMMIT, ROLLBACK (or START/END/ABORT/PREPARE TRANSACTION) in a transactional "
              "revision.",
     .why = "The engine runs a transactional revision in one transaction of its own, with its "
            "bookkeeping rows: a COMMIT inside would commit half the revision without them. The "
            "engine refuses such a file before running anything.",
     .recipe =
         "Remove it, or mark the revision `transactional: false` and manage transactions there.",
     .squawk = "transaction-nesting"},
    {.id = "ban-uncommitted-transaction",
     .family = "transaction",
     .flags = "BEGIN (or START TRANSACTION) without a later COMMIT or ROLLBACK in a "
              "`transactional: false` revision.",
     .why = "The transaction stays open after the revision: its locks are held, and what follows "
            "(including the engine's bookkeeping) silently joins it.",
     .recipe = "Close every transaction the revision opens.",
     .squawk = "ban-uncommitted-transaction"},
    {.id = "lock-timeout-disabled",
     .family = "locking",
     .flags = "SET lock_timeout = 0 or above one minute (SET, SET LOCAL, ALTER DATABASE/ROLE ... "
              "SET, set_config()).",
     .why = "The engine sets lock_timeout (MIGRATION_LOCK_TIMEOUT_MS) so that DDL never waits long "
            "in a lock queue: a waiting ACCESS EXCLUSIVE request blocks every query behind it.",
     .recipe = "Leave lock_timeout to the engine; raise MIGRATION_LOCK_TIMEOUT_MS for one "
               "deployment if you must.",
     .squawk = "the opposite of Squawk's require-timeout-settings, which asks every file to set "
               "it: the engine already does"},
    {.id = "statement-timeout-disabled",
     .family = "locking",
     .flags = "SET statement_timeout = 0 (by any of the forms above).",
     .why = "A revision that disables the statement timeout can hold its locks without bound.",
     .recipe = "Keep the server's statement_timeout; batch long work instead.",
     .squawk = ""},
    // ---- destructive changes (upgrade sections only) ------------------------------------------
    {.id = "ban-drop-table",
     .family = "destructive",
     .flags = "DROP TABLE of a table the revision did not create.",
     .why = "The data is gone, and the running version still reads the table.",
     .recipe = "Stop using the table in one release, drop it in a later one (with a waiver naming "
               "the decision), keeping a dump or archive table if the data matters.",
     .squawk = "ban-drop-table"},
    {.id = "ban-drop-column",
     .family = "destructive",
     .flags = "ALTER TABLE ... DROP COLUMN of a column the revision did not add.",
     .why = "The data is gone, and readers of the running version that select it fail.",
     .recipe = "Stop reading the column in one release, drop it in a later one (with a waiver).",
     .squawk = "ban-drop-column"},
    {.id = "ban-drop-not-null",
     .family = "compatibility",
     .flags = "ALTER COLUMN ... DROP NOT NULL on a column the revision did not add.",
     .why = "Readers that rely on the column being set start seeing NULLs.",
     .recipe = "Only as the first step of retiring a column, with a waiver.",
     .squawk = "ban-drop-not-null"},
    {.id = "renaming-table",
     .family = "compatibility",
     .flags = "ALTER TABLE ... RENAME TO of a table the revision did not create.",
     .why = "The running version of the application still uses the old name.",
     .recipe = "Create the new table (or a view with the new name), move readers and writers, drop "
               "the old one later.",
     .squawk = "renaming-table"},
    {.id = "renaming-column",
     .family = "compatibility",
     .flags = "ALTER TABLE ... RENAME COLUMN of a column the revision did not add.",
     .why = "The running version still reads and writes the old name.",
     .recipe = "Add the new column, write both, backfill, move readers, drop the old one later.",
     .squawk = "renaming-column"},
    {.id = "ban-drop-database",
     .family = "destructive",
     .flags = "DROP DATABASE.",
     .why =
         "A migration of one database has no business dropping one; a typo here is unrecoverable.",
     .recipe = "Drop databases by hand, never from a revision.",
     .squawk = "ban-drop-database"},
    {.id = "ban-truncate-cascade",
     .family = "destructive",
     .flags = "TRUNCATE ... CASCADE.",
     .why = "CASCADE also empties every table with a foreign key to the truncated ones, "
            "recursively, whatever they hold.",
     .recipe = "TRUNCATE the tables you mean, by name (RESTRICT is the default and fails loudly).",
     .squawk = "ban-truncate-cascade"},
    {.id = "irreversible-downgrade",
     .family = "destructive",
     .flags = "A revision whose upgrade changes the database while its downgrade section is empty.",
     .why = "A rollback would claim to undo the revision while leaving its changes in place; the "
            "stairway test (`qgp db test`) cannot pass.",
     .recipe = "Write the downgrade; for a deliberate one-way revision, a waiver on the line above "
               "`-- +downgrade`.",
     .squawk = ""},
    {.id = "irreversible-destructive-upgrade",
     .family = "destructive",
     .flags = "An upgrade that destroys data of existing objects (DROP TABLE/SCHEMA/SEQUENCE, DROP "
              "COLUMN, TRUNCATE, DELETE, DROP DATABASE) whose downgrade only raises an exception.",
     .why =
         "Nothing can roll the deployment back: the data is gone and the downgrade refuses to run.",
     .recipe = "A downgrade that restores the structure (and the data, from an archive table the "
               "upgrade keeps), or a waiver naming the one-way decision.",
     .squawk = ""},
    // ---- types ---------------------------------------------------------------------------------
    {.id = "prefer-text-field",
     .family = "type",
     .flags = "varchar(n) columns.",
     .why =
         "Widening the limit later needs a type change; in older versions an ACCESS EXCLUSIVE "
         "rewrite. text with a CHECK (char_length(col) <= n) can change its limit with NOT VALID.",
     .recipe = "text, with a CHECK on its length where the domain has one.",
     .squawk = "prefer-text-field"},
    {.id = "ban-char-field",
     .family = "type",
     .flags = "char(n) / character(n) columns.",
     .why = "char(n) pads with spaces, trailing spaces are ignored in comparisons but not by every "
            "client, and it is no faster than text.",
     .recipe = "text, with a CHECK on its length.",
     .squawk = "ban-char-field"},
    {.id = "prefer-timestamptz",
     .family = "type",
     .flags = "timestamp without time zone columns.",
     .why = "It stores a wall-clock time without its offset: the same value means different "
            "instants on differently configured servers and clients.",
     .recipe = "timestamptz (rendered in UTC by the API).",
     .squawk = "prefer-timestamptz"},
    {.id = "prefer-jsonb",
     .family = "type",
     .flags = "json columns.",
     .why = "json keeps the text as written: no indexing with GIN, no equality, reparsed on every "
            "use.",
     .recipe = "jsonb.",
     .squawk = ""},
    {.id = "prefer-identity",
     .family = "type",
     .flags = "serial, bigserial and smallserial columns.",
     .why = "A serial column owns a loosely attached sequence: grants, dumps and copies of the "
            "table forget it, and its default can be overwritten.",
     .recipe = "`bigint GENERATED ALWAYS AS IDENTITY`.",
     .squawk = "prefer-identity"},
    {.id = "prefer-bigint-over-int",
     .family = "type",
     .flags = "A 32-bit integer (int, integer, int4, serial) primary key or identity column.",
     .why = "2^31 ids run out in a busy table, and widening a key later rewrites the table and "
            "every table that references it.",
     .recipe = "bigint (`bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY`).",
     .squawk = "prefer-bigint-over-int (Squawk flags every int column; here keys and identities)"},
    {.id = "prefer-bigint-over-smallint",
     .family = "type",
     .flags = "A 16-bit integer (smallint, int2, smallserial) primary key or identity column.",
     .why = "32767 ids run out fast, and widening a key later is a rewrite of it and its "
            "referencing tables.",
     .recipe = "bigint.",
     .squawk = "prefer-bigint-over-smallint (Squawk flags every smallint column; here keys and "
               "identities)"},
    {.id = "identifier-too-long",
     .family = "compatibility",
     .flags = "An identifier longer than 63 bytes.",
     .why = "PostgreSQL truncates it to 63 bytes with only a NOTICE: two long names can collide, "
            "and the catalog's name differs from the one in the code, the declared schema and the "
            "next diff.",
     .recipe = "Names of at most 63 bytes.",
     .squawk = "identifier-too-long"},
    {.id = "ban-duplicate-column-assignments",
     .family = "compatibility",
     .flags = "A column named twice in UPDATE ... SET, an INSERT column list or ON CONFLICT DO "
              "UPDATE SET.",
     .why = "PostgreSQL refuses it (`multiple assignments to same column`): the revision fails "
            "when it is deployed.",
     .recipe = "Assign each column once.",
     .squawk = "ban-duplicate-column-assignments"},
    // ---- the linter itself
    // -----------------------------------------------------------------------
    {.id = "syntax-error",
     .family = "meta",
     .flags = "A statement that PostgreSQL 15's grammar does not accept, or a psql meta-command, "
              "COPY FROM STDIN or an unterminated quote.",
     .why = "The engine refuses the file before running anything; nothing in it can be checked.",
     .recipe = "Fix the statement.",
     .squawk = ""},
    {.id = "invalid-waiver",
     .family = "meta",
     .flags = "A `-- qgp-lint:` comment without a reason, or naming an unknown rule; a line of "
              "`lint-waivers.txt` that is malformed, names an unknown rule or revision, has no "
              "reason, or waives nothing (stale).",
     .why = "A waiver is a reviewed decision: without its reason, or with a mistyped rule, it "
            "silences nothing anyone can review; stale ones accumulate and hide which exceptions "
            "are still real.",
     .recipe = "`-- qgp-lint: allow <rule-id> reason: <why this is safe here>` on the line(s) "
               "right above the statement; for a landed revision, `<revision-id>:<line> <rule-id> "
               "reason: <why>` in `lint-waivers.txt`, and delete the lines that waive nothing.",
     .squawk = ""},
};

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
      "A landed revision never changes (every database that applied it recorded its checksum, "
      "comments included), so its reviewed exceptions live in `lint-waivers.txt` in the "
      "revisions directory (`migrations/versions/`, embedded with the revisions), one a line:\n\n"
      "    <revision-id>:<line> <rule-id> reason: <why this was safe>\n\n"
      "A line there that waives nothing (its finding is gone or already waived) is an error, "
      "like a malformed one: waivers cannot outlive their finding.\n\n"
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
