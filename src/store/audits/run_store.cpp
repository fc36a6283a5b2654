#include "store/audits/run_store.hpp"

#include <string>
#include <variant>

#include "db/connection.hpp"
#include "store/common/id_lists.hpp"
#include "store/kit/rows.hpp"
#include "store/kit/write.hpp"

namespace qgp::store::audits {

namespace {

using model::audits::RunAnswer;
using model::audits::RunFinding;
using model::audits::RunResponse;

// The link table of the chosen options, as the response declares it.
const qgp::kit::Links& option_links() {
  static const qgp::kit::Links links = [] {
    qgp::kit::Links found;
    qgp::kit::for_each_field<RunResponse>([&](const auto& f, std::size_t /*index*/) {
      if (f.source == qgp::kit::Source::kLinks) {
        found = f.links;
      }
    });
    return found;
  }();
  return links;
}

// "{4,NULL,2.5}": a numeric[] parameter.
std::string decimal_array(const std::vector<ResponseScore>& scores,
                          std::optional<qgp::kit::Decimal> ResponseScore::* member) {
  std::string text = "{";
  for (const auto& score : scores) {
    text += text.size() == 1 ? "" : ",";
    const auto& value = score.*member;
    text += value ? value->text : "NULL";
  }
  return text + "}";
}

}  // namespace

std::optional<PublishedVersion> find_published_version(db::Connection& connection,
                                                       std::int64_t template_id) {
  static constexpr std::string_view kSql = R"sql(
SELECT t.id, v.id, v.version_number
FROM audit_templates t
JOIN audit_template_versions v
  ON v.template_id = t.id AND v.version_number = t.published_version_number
WHERE t.id = $1 AND t.archived_at IS NULL)sql";
  const auto result = connection.exec_prepared(kSql, db::Params(template_id));
  if (result.empty()) {
    return std::nullopt;
  }
  return PublishedVersion{.template_id = result.int64(0, 0),
                          .version_id = result.int64(0, 1),
                          .version_number = static_cast<int>(result.int64(0, 2))};
}

bool active_user_exists(db::Connection& connection, std::int64_t user_id) {
  static constexpr std::string_view kSql = "SELECT 1 FROM users WHERE id = $1 AND is_active";
  return !connection.exec_prepared(kSql, db::Params(user_id)).empty();
}

std::vector<RunResponse> list_responses(db::Connection& connection, std::int64_t run_id) {
  static const std::string kSql =
      kit::select_from<RunResponse>() + " WHERE a.run_id = $1 ORDER BY a.id";
  return kit::read_rows<RunResponse>(connection.exec_prepared(kSql, db::Params(run_id)));
}

std::optional<RunResponse> find_response(db::Connection& connection, std::int64_t run_id,
                                         std::int64_t question_id) {
  static const std::string kSql =
      kit::select_from<RunResponse>() + " WHERE a.run_id = $1 AND a.question_id = $2";
  return kit::first_row(
      kit::read_rows<RunResponse>(connection.exec_prepared(kSql, db::Params(run_id, question_id))));
}

std::int64_t upsert_response(db::Connection& connection, std::int64_t run_id,
                             std::int64_t question_id, const RunAnswer& answer, bool value_is_date,
                             std::optional<std::int64_t> user_id) {
  static constexpr std::string_view kUpsert = R"sql(
INSERT INTO audit_responses (run_id, question_id, response_text, response_number, response_bool,
  response_date, is_na, notes, answered_by_id, created_by_id, updated_by_id)
VALUES ($1, $2, $3, $4::numeric, $5, $6::date, $7, $8, $9, $9, $9)
ON CONFLICT (run_id, question_id) DO UPDATE SET
  response_text = EXCLUDED.response_text, response_number = EXCLUDED.response_number,
  response_bool = EXCLUDED.response_bool, response_date = EXCLUDED.response_date,
  is_na = EXCLUDED.is_na, notes = EXCLUDED.notes, score = NULL, max_score = NULL,
  answered_at = now(), answered_by_id = EXCLUDED.answered_by_id,
  updated_by_id = EXCLUDED.updated_by_id, version = audit_responses.version + 1
RETURNING id)sql";
  std::optional<std::string> text;
  std::optional<double> number;
  std::optional<bool> boolean;
  std::optional<std::string> date;
  if (const auto* flag = std::get_if<bool>(&answer.value)) {
    boolean = *flag;
  } else if (const auto* figure = std::get_if<double>(&answer.value)) {
    number = *figure;
  } else if (const auto* words = std::get_if<std::string>(&answer.value)) {
    (value_is_date ? date : text) = *words;
  }
  const auto id = connection
                      .exec_prepared(kUpsert, db::Params(run_id, question_id, text, number, boolean,
                                                         date, answer.is_na, answer.notes, user_id))
                      .int64(0, 0);
  kit::replace_links(connection, option_links(), id, answer.option_ids);
  return id;
}

void set_response_scores(db::Connection& connection, const std::vector<ResponseScore>& scores) {
  if (scores.empty()) {
    return;
  }
  static constexpr std::string_view kSql = R"sql(
UPDATE audit_responses a SET score = s.score, max_score = s.max_score
FROM unnest($1::bigint[], $2::numeric[], $3::numeric[]) AS s(id, score, max_score)
WHERE a.id = s.id)sql";
  std::vector<std::int64_t> ids;
  ids.reserve(scores.size());
  for (const auto& score : scores) {
    ids.push_back(score.response_id);
  }
  connection.exec_prepared(
      kSql, db::Params(common::id_array_literal(ids), decimal_array(scores, &ResponseScore::score),
                       decimal_array(scores, &ResponseScore::max_score)));
}

std::vector<RunFinding> list_run_findings(db::Connection& connection, std::int64_t run_id) {
  static const std::string kSql = kit::select_from<RunFinding>()
                                  + " WHERE f.run_id = $1 AND f.archived_at IS NULL ORDER BY f.id";
  return kit::read_rows<RunFinding>(connection.exec_prepared(kSql, db::Params(run_id)));
}

}  // namespace qgp::store::audits
