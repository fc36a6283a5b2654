#include "store/audits/template_store.hpp"

#include <map>
#include <string_view>

#include <fmt/format.h>

#include "db/connection.hpp"
#include "store/common/id_lists.hpp"
#include "store/common/page_query.hpp"
#include "store/common/sql_format.hpp"
#include "store/common/where.hpp"

namespace qgp::store::audits {

namespace {

std::optional<int> optional_int(const db::Result& rows, int row, int column) {
  const auto value = rows.optional_int64(row, column);
  return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
}

const std::string& template_columns() {
  static const std::string kColumns = fmt::format(
      "t.id, t.reference_number, t.name, t.description, t.category, t.audit_type, t.frequency, "
      "t.scoring_method, t.passing_score::text, t.allow_offline, t.require_gps, "
      "t.require_signature, t.require_approval, t.auto_create_findings, "
      "(SELECT string_agg(s.standard_id::text, ',' ORDER BY s.standard_id) "
      " FROM audit_template_standards s WHERE s.template_id = t.id), "
      "t.status, t.published_version_number, {}, {}, {}, t.version",
      common::rfc3339("t.archived_at"), common::rfc3339("t.created_at"),
      common::rfc3339("t.updated_at"));
  return kColumns;
}

TemplateRow template_of(const db::Result& rows, int row) {
  return TemplateRow{
      .id = rows.int64(row, 0),
      .reference_number = rows.string(row, 1),
      .fields =
          TemplateFields{.name = rows.string(row, 2),
                         .description = rows.optional_string(row, 3),
                         .category = rows.optional_string(row, 4),
                         .audit_type = rows.string(row, 5),
                         .frequency = rows.optional_string(row, 6),
                         .scoring_method = rows.string(row, 7),
                         .passing_score = rows.optional_string(row, 8),
                         .allow_offline = rows.boolean(row, 9),
                         .require_gps = rows.boolean(row, 10),
                         .require_signature = rows.boolean(row, 11),
                         .require_approval = rows.boolean(row, 12),
                         .auto_create_findings = rows.boolean(row, 13),
                         .standard_ids = common::parse_id_list(rows.optional_string(row, 14))},
      .status = rows.string(row, 15),
      .published_version_number = optional_int(rows, row, 16),
      .archived_at = rows.optional_string(row, 17),
      .created_at = rows.string(row, 18),
      .updated_at = rows.string(row, 19),
      .version = rows.int64(row, 20)};
}

db::Params template_params(const TemplateFields& fields) {
  db::Params params;
  params.add(fields.name)
      .add(fields.description)
      .add(fields.category)
      .add(fields.audit_type)
      .add(fields.frequency)
      .add(fields.scoring_method)
      .add(fields.passing_score)
      .add(fields.require_gps)
      .add(fields.require_signature)
      .add(fields.require_approval)
      .add(fields.auto_create_findings)
      .add(fields.allow_offline);
  return params;
}

db::Params question_params(const QuestionFields& fields) {
  db::Params params;
  params.add(fields.section_id)
      .add(fields.question_text)
      .add(fields.description)
      .add(fields.help_text)
      .add(fields.question_type)
      .add(fields.is_required)
      .add(fields.allow_na)
      .add(fields.is_critical)
      .add(fields.weight)
      .add(fields.max_score)
      .add(fields.min_value)
      .add(fields.max_value)
      .add(fields.decimal_places)
      .add(fields.min_length)
      .add(fields.max_length)
      .add(fields.sort_order);
  return params;
}

// Options are matched by value: kept, updated, revived or archived (never deleted: answers may
// point at them).
void replace_options(db::Connection& connection, std::int64_t question_id,
                     const std::vector<OptionFields>& options,
                     std::optional<std::int64_t> actor_id) {
  std::vector<std::optional<std::string>> values;
  for (const auto& option : options) {
    values.emplace_back(option.value);
    db::Params params(question_id);
    params.add(option.label)
        .add(option.value)
        .add(option.score)
        .add(option.triggers_finding)
        .add(option.finding_grade)
        .add(option.sort_order)
        .add(actor_id);
    connection.exec_prepared(
        "INSERT INTO audit_question_options (question_id, label, value, score, triggers_finding, "
        "finding_grade, sort_order, created_by_id, updated_by_id) "
        "VALUES ($1, $2, $3, $4::numeric, $5, $6, $7, $8, $8) "
        "ON CONFLICT (question_id, value) DO UPDATE SET label = EXCLUDED.label, "
        "score = EXCLUDED.score, triggers_finding = EXCLUDED.triggers_finding, "
        "finding_grade = EXCLUDED.finding_grade, sort_order = EXCLUDED.sort_order, "
        "archived_at = NULL, archived_by_id = NULL, updated_by_id = EXCLUDED.updated_by_id, "
        "version = audit_question_options.version + 1",
        params);
  }
  db::Params params(question_id, db::text_array_literal(values));
  params.add(actor_id);
  connection.exec_prepared(
      "UPDATE audit_question_options SET archived_at = now(), archived_by_id = $3 "
      "WHERE question_id = $1 AND archived_at IS NULL AND NOT (value = ANY($2::text[]))",
      params);
}

// Makes the link rows of `owner_id` in `table` exactly `ids` (kept, added or removed).
void replace_links(db::Connection& connection, std::string_view table, std::string_view owner,
                   std::int64_t owner_id, std::string_view column,
                   const std::vector<std::int64_t>& ids) {
  const auto literal = common::id_array_literal(ids);
  connection.exec(fmt::format("DELETE FROM {0} WHERE {1} = $1 AND NOT ({2} = "
                              "ANY($2::text[]::bigint[]))",
                              table, owner, column),
                  db::Params(owner_id, literal));
  connection.exec(fmt::format("INSERT INTO {0} ({1}, {2}) SELECT $1, "
                              "unnest($2::text[]::bigint[]) ON CONFLICT DO NOTHING",
                              table, owner, column),
                  db::Params(owner_id, literal));
}

void replace_question_links(db::Connection& connection, std::int64_t question_id,
                            const QuestionFields& fields) {
  replace_links(connection, "question_clauses", "question_id", question_id, "clause_id",
                fields.clause_ids);
  replace_links(connection, "question_controls", "question_id", question_id, "control_id",
                fields.control_ids);
}

std::vector<SectionRow> load_sections(db::Connection& connection, std::int64_t template_id,
                                      std::optional<std::int64_t> section_id) {
  const auto sections = connection.exec_prepared(
      "SELECT id, title, description, sort_order, weight::text, version FROM audit_sections "
      "WHERE template_id = $1 AND archived_at IS NULL AND ($2::bigint IS NULL OR id = $2) "
      "ORDER BY sort_order, id",
      db::Params(template_id, section_id));
  std::vector<SectionRow> rows;
  rows.reserve(static_cast<std::size_t>(sections.rows()));
  for (int r = 0; r < sections.rows(); ++r) {
    rows.push_back(
        SectionRow{.id = sections.int64(r, 0),
                   .fields = SectionFields{.title = sections.string(r, 1),
                                           .description = sections.optional_string(r, 2),
                                           .sort_order = static_cast<int>(sections.int64(r, 3)),
                                           .weight = sections.string(r, 4)},
                   .version = sections.int64(r, 5)});
  }
  return rows;
}

// The live questions of a template (or the one `question_id`) with their options and links.
std::vector<QuestionRow> load_questions(db::Connection& connection, std::int64_t template_id,
                                        std::optional<std::int64_t> question_id) {
  const db::Params params(template_id, question_id);
  const auto questions = connection.exec_prepared(
      "SELECT q.id, q.section_id, q.question_text, q.description, q.help_text, q.question_type, "
      "q.is_required, q.allow_na, q.is_critical, q.weight::text, q.max_score::text, "
      "q.min_value::text, q.max_value::text, q.decimal_places, q.min_length, q.max_length, "
      "q.sort_order, "
      "(SELECT string_agg(clause_id::text, ',' ORDER BY clause_id) FROM question_clauses "
      " WHERE question_id = q.id), "
      "(SELECT string_agg(control_id::text, ',' ORDER BY control_id) FROM question_controls "
      " WHERE question_id = q.id), q.version "
      "FROM audit_questions q WHERE q.template_id = $1 AND q.archived_at IS NULL "
      "AND ($2::bigint IS NULL OR q.id = $2) ORDER BY q.sort_order, q.id",
      params);
  std::vector<QuestionRow> rows;
  rows.reserve(static_cast<std::size_t>(questions.rows()));
  std::map<std::int64_t, std::size_t> index;
  for (int r = 0; r < questions.rows(); ++r) {
    QuestionRow question;
    question.id = questions.int64(r, 0);
    auto& f = question.fields;
    f.section_id = questions.optional_int64(r, 1);
    f.question_text = questions.string(r, 2);
    f.description = questions.optional_string(r, 3);
    f.help_text = questions.optional_string(r, 4);
    f.question_type = questions.string(r, 5);
    f.is_required = questions.boolean(r, 6);
    f.allow_na = questions.boolean(r, 7);
    f.is_critical = questions.boolean(r, 8);
    f.weight = questions.string(r, 9);
    f.max_score = questions.optional_string(r, 10);
    f.min_value = questions.optional_string(r, 11);
    f.max_value = questions.optional_string(r, 12);
    f.decimal_places = optional_int(questions, r, 13);
    f.min_length = optional_int(questions, r, 14);
    f.max_length = optional_int(questions, r, 15);
    f.sort_order = static_cast<int>(questions.int64(r, 16));
    f.clause_ids = common::parse_id_list(questions.optional_string(r, 17));
    f.control_ids = common::parse_id_list(questions.optional_string(r, 18));
    question.version = questions.int64(r, 19);
    index[question.id] = rows.size();
    rows.push_back(std::move(question));
  }
  const auto options = connection.exec_prepared(
      "SELECT o.question_id, o.id, o.label, o.value, o.score::text, o.triggers_finding, "
      "o.finding_grade, o.sort_order FROM audit_question_options o "
      "JOIN audit_questions q ON q.id = o.question_id "
      "WHERE q.template_id = $1 AND ($2::bigint IS NULL OR q.id = $2) "
      "AND o.archived_at IS NULL ORDER BY o.sort_order, o.id",
      params);
  for (int r = 0; r < options.rows(); ++r) {
    const auto found = index.find(options.int64(r, 0));
    if (found == index.end()) {
      continue;  // an option of an archived question
    }
    OptionRow option{.id = options.int64(r, 1),
                     .fields = OptionFields{.label = options.string(r, 2),
                                            .value = options.string(r, 3),
                                            .score = options.optional_string(r, 4),
                                            .triggers_finding = options.boolean(r, 5),
                                            .finding_grade = options.optional_string(r, 6),
                                            .sort_order = static_cast<int>(options.int64(r, 7))}};
    auto& question = rows[found->second];
    question.fields.options.push_back(option.fields);
    question.options.push_back(std::move(option));
  }
  return rows;
}

}  // namespace

std::int64_t insert_template(db::Connection& connection, const std::string& reference_number,
                             const TemplateFields& fields, std::optional<std::int64_t> actor_id) {
  auto params = template_params(fields);
  params.add(reference_number).add(actor_id);
  const auto id =
      connection
          .exec_prepared(
              "INSERT INTO audit_templates (name, description, category, audit_type, frequency, "
              "scoring_method, passing_score, require_gps, require_signature, require_approval, "
              "auto_create_findings, allow_offline, reference_number, created_by_id, "
              "updated_by_id) VALUES ($1, $2, $3, $4, $5, $6, $7::numeric, $8, $9, $10, $11, "
              "$12, $13, $14, $14) RETURNING id",
              params)
          .int64(0, 0);
  replace_links(connection, "audit_template_standards", "template_id", id, "standard_id",
                fields.standard_ids);
  return id;
}

void update_template(db::Connection& connection, std::int64_t id, const TemplateFields& fields,
                     std::optional<std::int64_t> actor_id) {
  auto params = template_params(fields);
  params.add(id).add(actor_id);
  connection.exec_prepared(
      "UPDATE audit_templates SET name = $1, description = $2, category = $3, audit_type = $4, "
      "frequency = $5, scoring_method = $6, passing_score = $7::numeric, require_gps = $8, "
      "require_signature = $9, require_approval = $10, auto_create_findings = $11, "
      "allow_offline = $12, status = 'draft', updated_by_id = $14, version = version + 1 "
      "WHERE id = $13",
      params);
  replace_links(connection, "audit_template_standards", "template_id", id, "standard_id",
                fields.standard_ids);
}

void mark_draft(db::Connection& connection, std::int64_t id, std::optional<std::int64_t> actor_id) {
  db::Params params(id);
  params.add(actor_id);
  connection.exec_prepared(
      "UPDATE audit_templates SET status = 'draft', updated_by_id = $2, version = version + 1 "
      "WHERE id = $1",
      params);
}

void archive_template(db::Connection& connection, std::int64_t id,
                      std::optional<std::int64_t> actor_id) {
  db::Params params(id);
  params.add(actor_id);
  connection.exec_prepared(
      "UPDATE audit_templates SET archived_at = now(), archived_by_id = $2, updated_by_id = $2, "
      "version = version + 1 WHERE id = $1",
      params);
}

std::optional<TemplateRow> find_template(db::Connection& connection, std::int64_t id, bool lock) {
  const auto rows =
      connection.exec(fmt::format("SELECT {} FROM audit_templates t WHERE t.id = $1{}",
                                  template_columns(), lock ? " FOR UPDATE" : ""),
                      db::Params(id));
  if (rows.empty()) {
    return std::nullopt;
  }
  return template_of(rows, 0);
}

TemplateDetail load_detail(db::Connection& connection, const TemplateRow& row) {
  return TemplateDetail{.row = row,
                        .sections = load_sections(connection, row.id, std::nullopt),
                        .questions = load_questions(connection, row.id, std::nullopt)};
}

std::optional<SectionRow> find_section(db::Connection& connection, std::int64_t template_id,
                                       std::int64_t section_id) {
  auto rows = load_sections(connection, template_id, section_id);
  if (rows.empty()) {
    return std::nullopt;
  }
  return std::move(rows.front());
}

std::optional<QuestionRow> find_question(db::Connection& connection, std::int64_t template_id,
                                         std::int64_t question_id) {
  auto rows = load_questions(connection, template_id, question_id);
  if (rows.empty()) {
    return std::nullopt;
  }
  return std::move(rows.front());
}

TemplatePage list_templates(db::Connection& connection, const TemplateFilter& filter,
                            const std::vector<common::SortKey>& sort, const common::Page& page) {
  static const std::map<std::string, std::string, std::less<>> kSortable = {
      {"name", "lower(t.name)"},
      {"created_at", "t.created_at"},
      {"updated_at", "t.updated_at"},
      {"reference_number", "t.reference_number"}};
  db::Params params;
  common::Where where(params);
  if (!filter.include_archived) {
    where.add("t.archived_at IS NULL");
  }
  where.add_if(filter.status, "t.status = {}")
      .add_if(filter.audit_type, "t.audit_type = {}")
      .add_if(filter.category, "lower(t.category) = lower({})");
  if (filter.q) {
    where.add(
        "t.name ILIKE '%' || {} || '%' OR t.description ILIKE '%' || {} || '%' OR "
        "t.reference_number ILIKE '%' || {} || '%'",
        common::like_escape(*filter.q));
  }
  const std::string from = " FROM audit_templates t" + where.sql();
  const auto found =
      common::fetch_page(connection,
                         {.count_from = from,
                          .columns = template_columns(),
                          .page_from = from,
                          .order = common::order_by(sort, kSortable, "lower(t.name)", "t.id")},
                         params, page);
  TemplatePage result;
  result.total = found.total;
  result.items.reserve(static_cast<std::size_t>(found.rows.rows()));
  for (int row = 0; row < found.rows.rows(); ++row) {
    result.items.push_back(template_of(found.rows, row));
  }
  return result;
}

std::int64_t insert_section(db::Connection& connection, std::int64_t template_id,
                            const SectionFields& fields, std::optional<std::int64_t> actor_id) {
  db::Params params(template_id, fields.title);
  params.add(fields.description).add(fields.sort_order).add(fields.weight).add(actor_id);
  return connection
      .exec_prepared(
          "INSERT INTO audit_sections (template_id, title, description, sort_order, weight, "
          "created_by_id, updated_by_id) VALUES ($1, $2, $3, $4, $5::numeric, $6, $6) "
          "RETURNING id",
          params)
      .int64(0, 0);
}

bool update_section(db::Connection& connection, std::int64_t template_id, std::int64_t section_id,
                    const SectionFields& fields, std::optional<std::int64_t> actor_id) {
  db::Params params(template_id, section_id);
  params.add(fields.title)
      .add(fields.description)
      .add(fields.sort_order)
      .add(fields.weight)
      .add(actor_id);
  return connection
             .exec_prepared(
                 "UPDATE audit_sections SET title = $3, description = $4, sort_order = $5, "
                 "weight = $6::numeric, updated_by_id = $7, version = version + 1 "
                 "WHERE template_id = $1 AND id = $2 AND archived_at IS NULL",
                 params)
             .affected_rows()
         == 1;
}

bool archive_section(db::Connection& connection, std::int64_t template_id, std::int64_t section_id,
                     std::optional<std::int64_t> actor_id) {
  db::Params params(template_id, section_id);
  params.add(actor_id);
  const auto archived = connection.exec_prepared(
      "UPDATE audit_sections SET archived_at = now(), archived_by_id = $3 "
      "WHERE template_id = $1 AND id = $2 AND archived_at IS NULL",
      params);
  if (archived.affected_rows() != 1) {
    return false;
  }
  // Its questions go with it.
  connection.exec_prepared(
      "UPDATE audit_questions SET archived_at = now(), archived_by_id = $3 "
      "WHERE template_id = $1 AND section_id = $2 AND archived_at IS NULL",
      params);
  return true;
}

std::int64_t insert_question(db::Connection& connection, std::int64_t template_id,
                             const QuestionFields& fields, std::optional<std::int64_t> actor_id) {
  auto params = question_params(fields);
  params.add(template_id).add(actor_id);
  const auto id =
      connection
          .exec_prepared(
              "INSERT INTO audit_questions (section_id, question_text, description, help_text, "
              "question_type, is_required, allow_na, is_critical, weight, max_score, min_value, "
              "max_value, decimal_places, min_length, max_length, sort_order, template_id, "
              "created_by_id, updated_by_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
              "$9::numeric, $10::numeric, $11::numeric, $12::numeric, $13, $14, $15, $16, $17, "
              "$18, $18) RETURNING id",
              params)
          .int64(0, 0);
  replace_options(connection, id, fields.options, actor_id);
  replace_question_links(connection, id, fields);
  return id;
}

bool update_question(db::Connection& connection, std::int64_t template_id, std::int64_t question_id,
                     const QuestionFields& fields, std::optional<std::int64_t> actor_id) {
  auto params = question_params(fields);
  params.add(template_id).add(question_id).add(actor_id);
  const auto updated = connection.exec_prepared(
      "UPDATE audit_questions SET section_id = $1, question_text = $2, description = $3, "
      "help_text = $4, question_type = $5, is_required = $6, allow_na = $7, is_critical = $8, "
      "weight = $9::numeric, max_score = $10::numeric, min_value = $11::numeric, "
      "max_value = $12::numeric, decimal_places = $13, min_length = $14, max_length = $15, "
      "sort_order = $16, updated_by_id = $19, version = version + 1 "
      "WHERE template_id = $17 AND id = $18 AND archived_at IS NULL",
      params);
  if (updated.affected_rows() != 1) {
    return false;
  }
  replace_options(connection, question_id, fields.options, actor_id);
  replace_question_links(connection, question_id, fields);
  return true;
}

bool archive_question(db::Connection& connection, std::int64_t template_id,
                      std::int64_t question_id, std::optional<std::int64_t> actor_id) {
  db::Params params(template_id, question_id);
  params.add(actor_id);
  return connection
             .exec_prepared(
                 "UPDATE audit_questions SET archived_at = now(), archived_by_id = $3 "
                 "WHERE template_id = $1 AND id = $2 AND archived_at IS NULL",
                 params)
             .affected_rows()
         == 1;
}

int publish_version(db::Connection& connection, std::int64_t template_id,
                    std::optional<std::int64_t> actor_id) {
  // The snapshot format is the contract with the runs side (run_snapshot_store.cpp).
  static constexpr std::string_view kSnapshot = R"sql(
INSERT INTO audit_template_versions (template_id, version_number, published_by_id, content,
                                     created_by_id, updated_by_id)
SELECT $1,
  coalesce((SELECT max(version_number) FROM audit_template_versions WHERE template_id = $1), 0) + 1,
  $2,
  jsonb_build_object(
    'template', (SELECT jsonb_build_object(
        'id', t.id, 'reference_number', t.reference_number, 'name', t.name,
        'description', t.description, 'category', t.category, 'audit_type', t.audit_type,
        'scoring_method', t.scoring_method, 'passing_score', t.passing_score,
        'require_gps', t.require_gps, 'require_signature', t.require_signature,
        'require_approval', t.require_approval, 'auto_create_findings', t.auto_create_findings,
        'allow_offline', t.allow_offline,
        'standard_ids', coalesce((SELECT jsonb_agg(s.standard_id ORDER BY s.standard_id)
                                  FROM audit_template_standards s WHERE s.template_id = t.id),
                                 '[]'::jsonb))
      FROM audit_templates t WHERE t.id = $1),
    'sections', coalesce((SELECT jsonb_agg(jsonb_build_object(
        'id', s.id, 'title', s.title, 'description', s.description, 'sort_order', s.sort_order,
        'weight', s.weight) ORDER BY s.sort_order, s.id)
      FROM audit_sections s WHERE s.template_id = $1 AND s.archived_at IS NULL), '[]'::jsonb),
    'questions', coalesce((SELECT jsonb_agg(jsonb_build_object(
        'id', q.id, 'section_id', q.section_id, 'question_text', q.question_text,
        'description', q.description, 'help_text', q.help_text,
        'question_type', q.question_type, 'is_required', q.is_required, 'allow_na', q.allow_na,
        'is_critical', q.is_critical, 'weight', q.weight, 'max_score', q.max_score,
        'min_value', q.min_value, 'max_value', q.max_value, 'decimal_places', q.decimal_places,
        'min_length', q.min_length, 'max_length', q.max_length, 'sort_order', q.sort_order,
        'clause_ids', coalesce((SELECT jsonb_agg(c.clause_id ORDER BY c.clause_id)
                                FROM question_clauses c WHERE c.question_id = q.id), '[]'::jsonb),
        'control_ids', coalesce((SELECT jsonb_agg(c.control_id ORDER BY c.control_id)
                                 FROM question_controls c WHERE c.question_id = q.id),
                                '[]'::jsonb),
        'options', coalesce((SELECT jsonb_agg(jsonb_build_object(
            'id', o.id, 'label', o.label, 'value', o.value, 'score', o.score,
            'triggers_finding', o.triggers_finding, 'finding_grade', o.finding_grade,
            'sort_order', o.sort_order) ORDER BY o.sort_order, o.id)
          FROM audit_question_options o WHERE o.question_id = q.id AND o.archived_at IS NULL),
          '[]'::jsonb)) ORDER BY q.sort_order, q.id)
      FROM audit_questions q WHERE q.template_id = $1 AND q.archived_at IS NULL
        AND (q.section_id IS NULL OR EXISTS (SELECT 1 FROM audit_sections s
                                             WHERE s.id = q.section_id AND s.archived_at IS NULL))),
      '[]'::jsonb)),
  $2, $2
RETURNING version_number)sql";
  db::Params params(template_id);
  params.add(actor_id);
  const auto number = static_cast<int>(connection.exec_prepared(kSnapshot, params).int64(0, 0));
  db::Params update(template_id, number);
  update.add(actor_id);
  connection.exec_prepared(
      "UPDATE audit_templates SET status = 'published', published_version_number = $2, "
      "updated_by_id = $3, version = version + 1 WHERE id = $1",
      update);
  return number;
}

std::vector<VersionRow> list_versions(db::Connection& connection, std::int64_t template_id) {
  static const std::string kSql = fmt::format(
      "SELECT id, version_number, {}, published_by_id FROM audit_template_versions "
      "WHERE template_id = $1 ORDER BY version_number",
      common::rfc3339("published_at"));
  const auto rows = connection.exec_prepared(kSql, db::Params(template_id));
  std::vector<VersionRow> versions;
  versions.reserve(static_cast<std::size_t>(rows.rows()));
  for (int r = 0; r < rows.rows(); ++r) {
    versions.push_back(VersionRow{.id = rows.int64(r, 0),
                                  .version_number = static_cast<int>(rows.int64(r, 1)),
                                  .published_at = rows.string(r, 2),
                                  .published_by_id = rows.optional_int64(r, 3),
                                  .content = {}});
  }
  return versions;
}

std::optional<VersionRow> find_version(db::Connection& connection, std::int64_t template_id,
                                       int version_number) {
  static const std::string kSql = fmt::format(
      "SELECT id, version_number, {}, published_by_id, content::text FROM "
      "audit_template_versions WHERE template_id = $1 AND version_number = $2",
      common::rfc3339("published_at"));
  const auto rows = connection.exec_prepared(kSql, db::Params(template_id, version_number));
  if (rows.empty()) {
    return std::nullopt;
  }
  return VersionRow{.id = rows.int64(0, 0),
                    .version_number = static_cast<int>(rows.int64(0, 1)),
                    .published_at = rows.string(0, 2),
                    .published_by_id = rows.optional_int64(0, 3),
                    .content = rows.string(0, 4)};
}

std::int64_t clone_template(db::Connection& connection, std::int64_t template_id,
                            const std::string& reference_number, const std::string& name,
                            std::optional<std::int64_t> actor_id) {
  db::Params params(template_id, reference_number, name);
  params.add(actor_id);
  const auto id =
      connection
          .exec_prepared(
              "INSERT INTO audit_templates (reference_number, name, description, category, "
              "audit_type, frequency, scoring_method, passing_score, allow_offline, require_gps, "
              "require_signature, require_approval, auto_create_findings, created_by_id, "
              "updated_by_id) SELECT $2, $3, description, category, audit_type, frequency, "
              "scoring_method, passing_score, allow_offline, require_gps, require_signature, "
              "require_approval, auto_create_findings, $4, $4 FROM audit_templates WHERE id = $1 "
              "RETURNING id",
              params)
          .int64(0, 0);
  connection.exec_prepared(
      "INSERT INTO audit_template_standards (template_id, standard_id) "
      "SELECT $2, standard_id FROM audit_template_standards WHERE template_id = $1",
      db::Params(template_id, id));
  std::map<std::int64_t, std::int64_t> section_ids;
  const auto sections = connection.exec_prepared(
      "SELECT id FROM audit_sections WHERE template_id = $1 AND archived_at IS NULL ORDER BY id",
      db::Params(template_id));
  for (int r = 0; r < sections.rows(); ++r) {
    db::Params copy(sections.int64(r, 0), id);
    copy.add(actor_id);
    section_ids[sections.int64(r, 0)] =
        connection
            .exec_prepared(
                "INSERT INTO audit_sections (template_id, title, description, sort_order, weight, "
                "created_by_id, updated_by_id) SELECT $2, title, description, sort_order, weight, "
                "$3, $3 FROM audit_sections WHERE id = $1 RETURNING id",
                copy)
            .int64(0, 0);
  }
  const auto questions = connection.exec_prepared(
      "SELECT id, section_id FROM audit_questions q WHERE template_id = $1 AND archived_at IS NULL "
      "AND (section_id IS NULL OR EXISTS (SELECT 1 FROM audit_sections s WHERE s.id = q.section_id "
      "AND s.archived_at IS NULL)) ORDER BY id",
      db::Params(template_id));
  for (int r = 0; r < questions.rows(); ++r) {
    const auto old_id = questions.int64(r, 0);
    const auto old_section = questions.optional_int64(r, 1);
    db::Params copy(old_id, id);
    copy.add(old_section ? std::optional(section_ids.at(*old_section)) : std::nullopt)
        .add(actor_id);
    const auto new_id =
        connection
            .exec_prepared(
                "INSERT INTO audit_questions (template_id, section_id, question_text, "
                "description, help_text, question_type, is_required, allow_na, is_critical, "
                "weight, max_score, min_value, max_value, decimal_places, min_length, max_length, "
                "sort_order, created_by_id, updated_by_id) SELECT $2, $3, question_text, "
                "description, help_text, question_type, is_required, allow_na, is_critical, "
                "weight, max_score, min_value, max_value, decimal_places, min_length, max_length, "
                "sort_order, $4, $4 FROM audit_questions WHERE id = $1 RETURNING id",
                copy)
            .int64(0, 0);
    db::Params links(old_id, new_id);
    links.add(actor_id);
    connection.exec_prepared(
        "INSERT INTO audit_question_options (question_id, label, value, score, triggers_finding, "
        "finding_grade, sort_order, created_by_id, updated_by_id) SELECT $2, label, value, score, "
        "triggers_finding, finding_grade, sort_order, $3, $3 FROM audit_question_options "
        "WHERE question_id = $1 AND archived_at IS NULL",
        links);
    connection.exec_prepared(
        "INSERT INTO question_clauses (question_id, clause_id) "
        "SELECT $2, clause_id FROM question_clauses WHERE question_id = $1",
        db::Params(old_id, new_id));
    connection.exec_prepared(
        "INSERT INTO question_controls (question_id, control_id) "
        "SELECT $2, control_id FROM question_controls WHERE question_id = $1",
        db::Params(old_id, new_id));
  }
  return id;
}

}  // namespace qgp::store::audits
