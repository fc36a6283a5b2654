#include "store/audits/template_store.hpp"

#include <string>

#include <fmt/format.h>

#include "store/common/id_lists.hpp"
#include "store/kit/json_sql.hpp"
#include "store/kit/rows.hpp"

namespace qgp::store::audits {

namespace {

using model::audits::Option;
using model::audits::Question;
using model::audits::Section;

// One live part of the template: "<select> WHERE <alias>.id = $1 AND <alias>.template_id = $2 AND
// <its live condition>".
template <class R>
std::optional<R> find_part(db::Connection& connection, std::int64_t template_id, std::int64_t id) {
  static const std::string sql =
      fmt::format("{0} WHERE {1}.id = $1 AND {1}.template_id = $2 AND {2}", kit::select_from<R>(),
                  qgp::kit::meta<R>().alias, qgp::kit::meta<R>().where);
  auto rows = kit::read_rows<R>(connection.exec_prepared(sql, db::Params(id, template_id)));
  kit::load_children(connection, rows);
  return kit::first_row(std::move(rows));
}

}  // namespace

std::optional<Section> find_section(db::Connection& connection, std::int64_t template_id,
                                    std::int64_t section_id) {
  return find_part<Section>(connection, template_id, section_id);
}

std::optional<Question> find_question(db::Connection& connection, std::int64_t template_id,
                                      std::int64_t question_id) {
  return find_part<Question>(connection, template_id, question_id);
}

bool archive_section(db::Connection& connection, std::int64_t template_id, std::int64_t section_id,
                     const core::Actor& actor) {
  db::Params params(template_id, section_id);
  params.add(actor.user_id);
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

bool archive_question(db::Connection& connection, std::int64_t template_id,
                      std::int64_t question_id, const core::Actor& actor) {
  db::Params params(template_id, question_id);
  params.add(actor.user_id);
  return connection
             .exec_prepared(
                 "UPDATE audit_questions SET archived_at = now(), archived_by_id = $3 "
                 "WHERE template_id = $1 AND id = $2 AND archived_at IS NULL",
                 params)
             .affected_rows()
         == 1;
}

std::vector<Option> all_options(db::Connection& connection, std::int64_t question_id) {
  static const std::string sql =
      fmt::format("{} WHERE o.question_id = $1 ORDER BY o.id", kit::select_from<Option>());
  return kit::read_rows<Option>(connection.exec_prepared(sql, db::Params(question_id)));
}

void keep_options(db::Connection& connection, std::int64_t question_id,
                  const std::vector<std::int64_t>& kept, const core::Actor& actor) {
  // Options are never deleted: answers may point at them. Only rows whose state changes are
  // written: kept ones that were archived are revived, live ones not kept are archived.
  db::Params params(question_id, common::id_array_literal(kept));
  params.add(actor.user_id);
  connection.exec_prepared(
      "UPDATE audit_question_options SET "
      "archived_at = CASE WHEN id = ANY($2::text[]::bigint[]) THEN NULL ELSE now() END, "
      "archived_by_id = CASE WHEN id = ANY($2::text[]::bigint[]) THEN NULL ELSE $3::bigint END "
      "WHERE question_id = $1 AND (id = ANY($2::text[]::bigint[])) = (archived_at IS NOT NULL)",
      params);
}

int publish_version(db::Connection& connection, std::int64_t template_id,
                    const core::Actor& actor) {
  // The document is the declared snapshot (model::audits::VersionContent): the runs read it.
  static const std::string sql = fmt::format(
      "INSERT INTO audit_template_versions (template_id, version_number, published_by_id, "
      "content, created_by_id, updated_by_id) "
      "SELECT t.id, coalesce((SELECT max(version_number) FROM audit_template_versions "
      "WHERE template_id = t.id), 0) + 1, $2, {}, $2, $2 FROM audit_templates t WHERE t.id = $1 "
      "RETURNING version_number",
      kit::json_object<model::audits::VersionContent>());
  db::Params params(template_id);
  params.add(actor.user_id);
  return static_cast<int>(connection.exec_prepared(sql, params).int64(0, 0));
}

std::optional<model::audits::TemplateVersionDetail> find_version(db::Connection& connection,
                                                                 std::int64_t template_id,
                                                                 std::int64_t version_number) {
  using model::audits::TemplateVersionDetail;
  static const std::string sql =
      fmt::format("{} WHERE v.template_id = $1 AND v.version_number = $2",
                  kit::select_from<TemplateVersionDetail>());
  return kit::first_row(kit::read_rows<TemplateVersionDetail>(
      connection.exec_prepared(sql, db::Params(template_id, version_number))));
}

}  // namespace qgp::store::audits
