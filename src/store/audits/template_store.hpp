#pragma once

// SQL of audit templates beyond what the kit derives from the declarations: the live parts of one
// template, archiving parts, keeping a question's options by value, and freezing a version (its
// document built by PostgreSQL from the declared snapshot, store/kit/json_sql.hpp).

#include <cstdint>
#include <optional>
#include <vector>

#include "core/actor.hpp"
#include "db/connection.hpp"
#include "model/audits/template.hpp"

namespace qgp::store::audits {

// One live (not archived) section / question of the template (a question with its live options);
// nullopt when absent, archived or of another template. Edits hold the template's row lock, which
// serialises every change to its parts.
std::optional<model::audits::Section> find_section(db::Connection& connection,
                                                   std::int64_t template_id,
                                                   std::int64_t section_id);
std::optional<model::audits::Question> find_question(db::Connection& connection,
                                                     std::int64_t template_id,
                                                     std::int64_t question_id);

// Archives a live section and its questions / a live question; false when there is none.
bool archive_section(db::Connection& connection, std::int64_t template_id, std::int64_t section_id,
                     const core::Actor& actor);
bool archive_question(db::Connection& connection, std::int64_t template_id,
                      std::int64_t question_id, const core::Actor& actor);

// Every option the question ever had, archived ones too (they are revived by value).
std::vector<model::audits::Option> all_options(db::Connection& connection,
                                               std::int64_t question_id);
// The options in `kept` are live afterwards, every other option of the question archived.
void keep_options(db::Connection& connection, std::int64_t question_id,
                  const std::vector<std::int64_t>& kept, const core::Actor& actor);

// Freezes the template's live rows as version N+1 (model::audits::VersionContent); returns N+1.
int publish_version(db::Connection& connection, std::int64_t template_id, const core::Actor& actor);

// One version of the template with its document.
std::optional<model::audits::TemplateVersionDetail> find_version(db::Connection& connection,
                                                                 std::int64_t template_id,
                                                                 std::int64_t version_number);

}  // namespace qgp::store::audits
