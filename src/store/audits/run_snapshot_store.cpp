#include "store/audits/run_snapshot_store.hpp"

#include "db/connection.hpp"

namespace qgp::store::audits {

namespace {

std::optional<double> optional_double(const db::Result& result, int row, int column) {
  if (result.is_null(row, column)) {
    return std::nullopt;
  }
  return result.float64(row, column);
}

std::optional<int> optional_int(const db::Result& result, int row, int column) {
  if (result.is_null(row, column)) {
    return std::nullopt;
  }
  return static_cast<int>(result.int64(row, column));
}

std::vector<std::int64_t> ids_of(const db::Result& result, int row, int column) {
  std::vector<std::int64_t> ids;
  const auto text = result.text(row, column);
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(',', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    ids.push_back(std::stoll(std::string(text.substr(start, end - start))));
    start = end + 1;
  }
  return ids;
}

}  // namespace

std::optional<SnapshotRows> load_snapshot(db::Connection& connection, std::int64_t version_id) {
  static constexpr std::string_view kTemplate = R"sql(
SELECT t.id, t.reference_number, t.name, t.description, t.category, t.audit_type,
  t.scoring_method, t.passing_score::text, coalesce(t.require_gps, false),
  coalesce(t.require_signature, false), coalesce(t.require_approval, false),
  coalesce(t.auto_create_findings, true)
FROM audit_template_versions v
CROSS JOIN LATERAL jsonb_to_record(v.content->'template') AS t(
  id bigint, reference_number text, name text, description text, category text, audit_type text,
  scoring_method text, passing_score numeric, require_gps boolean, require_signature boolean,
  require_approval boolean, auto_create_findings boolean)
WHERE v.id = $1)sql";
  static constexpr std::string_view kSections = R"sql(
SELECT s.id, s.title, s.description, coalesce(s.sort_order, 0), coalesce(s.weight, 1)::text
FROM audit_template_versions v
CROSS JOIN LATERAL jsonb_array_elements(coalesce(v.content->'sections', '[]')) WITH ORDINALITY
  AS e(item, n)
CROSS JOIN LATERAL jsonb_to_record(e.item) AS s(
  id bigint, title text, description text, sort_order integer, weight numeric)
WHERE v.id = $1 ORDER BY e.n)sql";
  static constexpr std::string_view kQuestions = R"sql(
SELECT q.id, q.section_id, q.question_text, q.description, q.help_text, q.question_type,
  coalesce(q.is_required, true), coalesce(q.allow_na, false), coalesce(q.is_critical, false),
  coalesce(q.weight, 1)::text, q.max_score::text, q.min_value::text, q.max_value::text,
  q.decimal_places, q.min_length, q.max_length, coalesce(q.sort_order, 0),
  coalesce((SELECT string_agg(x, ',') FROM jsonb_array_elements_text(
              coalesce(e.item->'clause_ids', '[]')) AS x), ''),
  coalesce((SELECT string_agg(x, ',') FROM jsonb_array_elements_text(
              coalesce(e.item->'control_ids', '[]')) AS x), '')
FROM audit_template_versions v
CROSS JOIN LATERAL jsonb_array_elements(coalesce(v.content->'questions', '[]')) WITH ORDINALITY
  AS e(item, n)
CROSS JOIN LATERAL jsonb_to_record(e.item) AS q(
  id bigint, section_id bigint, question_text text, description text, help_text text,
  question_type text, is_required boolean, allow_na boolean, is_critical boolean, weight numeric,
  max_score numeric, min_value numeric, max_value numeric, decimal_places integer,
  min_length integer, max_length integer, sort_order integer)
WHERE v.id = $1 ORDER BY e.n)sql";
  static constexpr std::string_view kOptions = R"sql(
SELECT (e.item->>'id')::bigint, o.id, o.label, o.value, o.score::text,
  coalesce(o.triggers_finding, false), o.finding_grade, coalesce(o.sort_order, 0)
FROM audit_template_versions v
CROSS JOIN LATERAL jsonb_array_elements(coalesce(v.content->'questions', '[]')) WITH ORDINALITY
  AS e(item, n)
CROSS JOIN LATERAL jsonb_array_elements(coalesce(e.item->'options', '[]')) WITH ORDINALITY
  AS eo(item, n)
CROSS JOIN LATERAL jsonb_to_record(eo.item) AS o(
  id bigint, label text, value text, score numeric, triggers_finding boolean,
  finding_grade text, sort_order integer)
WHERE v.id = $1 ORDER BY e.n, eo.n)sql";

  const db::Params params(version_id);
  const auto templ = connection.exec_prepared(kTemplate, params);
  if (templ.empty()) {
    return std::nullopt;
  }
  SnapshotRows rows;
  auto& t = rows.template_row;
  t.id = templ.int64(0, 0);
  t.reference_number = templ.string(0, 1);
  t.name = templ.string(0, 2);
  t.description = templ.optional_string(0, 3);
  t.category = templ.optional_string(0, 4);
  t.audit_type = templ.optional_string(0, 5).value_or("inspection");
  t.scoring_method = templ.optional_string(0, 6).value_or("percentage");
  t.passing_score = optional_double(templ, 0, 7);
  t.require_gps = templ.boolean(0, 8);
  t.require_signature = templ.boolean(0, 9);
  t.require_approval = templ.boolean(0, 10);
  t.auto_create_findings = templ.boolean(0, 11);

  const auto sections = connection.exec_prepared(kSections, params);
  for (int r = 0; r < sections.rows(); ++r) {
    SnapshotSectionRow s;
    s.id = sections.int64(r, 0);
    s.title = sections.string(r, 1);
    s.description = sections.optional_string(r, 2);
    s.sort_order = static_cast<int>(sections.int64(r, 3));
    s.weight = sections.float64(r, 4);
    rows.sections.push_back(std::move(s));
  }

  const auto questions = connection.exec_prepared(kQuestions, params);
  for (int r = 0; r < questions.rows(); ++r) {
    SnapshotQuestionRow q;
    q.id = questions.int64(r, 0);
    q.section_id = questions.optional_int64(r, 1);
    q.question_text = questions.string(r, 2);
    q.description = questions.optional_string(r, 3);
    q.help_text = questions.optional_string(r, 4);
    q.question_type = questions.string(r, 5);
    q.is_required = questions.boolean(r, 6);
    q.allow_na = questions.boolean(r, 7);
    q.is_critical = questions.boolean(r, 8);
    q.weight = questions.float64(r, 9);
    q.max_score = optional_double(questions, r, 10);
    q.min_value = optional_double(questions, r, 11);
    q.max_value = optional_double(questions, r, 12);
    q.decimal_places = optional_int(questions, r, 13);
    q.min_length = optional_int(questions, r, 14);
    q.max_length = optional_int(questions, r, 15);
    q.sort_order = static_cast<int>(questions.int64(r, 16));
    q.clause_ids = ids_of(questions, r, 17);
    q.control_ids = ids_of(questions, r, 18);
    rows.questions.push_back(std::move(q));
  }

  const auto options = connection.exec_prepared(kOptions, params);
  for (int r = 0; r < options.rows(); ++r) {
    SnapshotOptionRow o;
    o.question_id = options.int64(r, 0);
    o.id = options.int64(r, 1);
    o.label = options.string(r, 2);
    o.value = options.string(r, 3);
    o.score = optional_double(options, r, 4);
    o.triggers_finding = options.boolean(r, 5);
    o.finding_grade = options.optional_string(r, 6);
    o.sort_order = static_cast<int>(options.int64(r, 7));
    rows.options.push_back(std::move(o));
  }
  return rows;
}

}  // namespace qgp::store::audits
