#include "api/audits/template_routes.hpp"

#include <string>

#include "api/kit/routes.hpp"
#include "domain/audits/templates.hpp"

namespace qgp::api::audits {

namespace {

namespace tpl = domain::audits;
using domain::audits::Question;
using domain::audits::Section;
using domain::audits::Template;
using domain::audits::TemplateDetail;

constexpr std::string_view kRead = "audits:read";
constexpr std::string_view kWrite = "audits:write";
const std::string kTemplate = "/api/v1/audits/templates/{id}";

// A write of the template or one of its parts answers with the whole template as it now is, read
// in the same unit of work.
TemplateDetail detail(kit::Call& call, std::int64_t id) {
  return tpl::get_template(call.tx().connection(), id);
}

kit::Operation write(std::string method, std::string pattern, std::string summary,
                     int status = 200) {
  return kit::Operation{.method = std::move(method),
                        .pattern = std::move(pattern),
                        .summary = std::move(summary),
                        .permission = std::string(kWrite),
                        .writes = true,
                        .status = status};
}

void add_template_routes(kit::Routes& routes) {
  routes.list<Template>(std::string(kRead), "Templates (archived ones with include_archived=true)");
  routes.add<Template, TemplateDetail>(
      write("POST", "/api/v1/audits/templates", "Create a draft template", 201),
      [](kit::Call& call, const Template& fields) {
        return detail(call, tpl::create_template(call.tx(), call.actor(), fields));
      });
  routes.get<TemplateDetail>(std::string(kRead),
                             "The template with its sections, questions, options and links");
  routes.add<qgp::kit::Patch<Template>, TemplateDetail>(
      write("PATCH", kTemplate,
            "Change the template's settings: only the fields sent change, null clears a nullable "
            "one (send the version you read; status changes only by publishing, and any change "
            "makes the template a draft)"),
      [](kit::Call& call, const qgp::kit::Patch<Template>& patch) {
        tpl::update_template(call.tx(), call.actor(), call.id(), patch);
        return detail(call, call.id());
      });
  routes.add<kit::NoBody, kit::NoContent>(
      write("DELETE", kTemplate,
            "Archive a template (no new runs; existing runs keep their version)", 204),
      [](kit::Call& call) {
        tpl::archive_template(call.tx(), call.actor(), call.id());
        return kit::NoContent{};
      });
  auto publish = write("POST", kTemplate + "/publish",
                       "Validate and freeze the draft as the next immutable version");
  publish.refusals =
      "the draft cannot be published: details.fields names every problem (questions, "
      "questions[<id>].options, questions[<id>].min_value, passing_score, ...)";
  routes.add<kit::NoBody, TemplateDetail>(std::move(publish), [](kit::Call& call) {
    tpl::publish_template(call.tx(), call.actor(), call.id());
    return detail(call, call.id());
  });
  auto clone = write("POST", kTemplate + "/clone",
                     "Copy the template with everything in it as a new draft (the body, and its "
                     "name, may be left out)",
                     201);
  clone.body_optional = true;
  routes.add<domain::audits::TemplateClone, TemplateDetail>(
      std::move(clone), [](kit::Call& call, const domain::audits::TemplateClone& request) {
        return detail(call, tpl::clone_template(call.tx(), call.actor(), call.id(), request));
      });
  routes.list<domain::audits::TemplateVersion>(
      kit::Operation{.method = "GET",
                     .pattern = kTemplate + "/versions",
                     .summary = "Published versions of a template",
                     .permission = std::string(kRead)},
      [](kit::Call& call, const qgp::kit::ListQuery& query) {
        return tpl::list_versions(call.connection(), call.id(), query);
      });
  routes.add<kit::NoBody, domain::audits::TemplateVersionDetail>(
      kit::Operation{.method = "GET",
                     .pattern = kTemplate + "/versions/{number}",
                     .summary = "One frozen version: the document runs are answered against",
                     .permission = std::string(kRead)},
      [](kit::Call& call) {
        return tpl::get_version(call.connection(), call.id(), call.id("number"));
      });
}

void add_part_routes(kit::Routes& routes) {
  const auto section = kTemplate + "/sections/{section_id}";
  const auto question = kTemplate + "/questions/{question_id}";
  routes.add<Section, TemplateDetail>(write("POST", kTemplate + "/sections", "Add a section", 201),
                                      [](kit::Call& call, const Section& fields) {
                                        tpl::add_section(call.tx(), call.actor(), call.id(),
                                                         fields);
                                        return detail(call, call.id());
                                      });
  routes.add<qgp::kit::Patch<Section>, TemplateDetail>(
      write("PATCH", section,
            "Change a section: only the fields sent change (send the section's version)"),
      [](kit::Call& call, const qgp::kit::Patch<Section>& patch) {
        tpl::update_section(call.tx(), call.actor(), call.id(), call.id("section_id"), patch);
        return detail(call, call.id());
      });
  routes.add<kit::NoBody, kit::NoContent>(
      write("DELETE", section, "Archive a section and its questions", 204), [](kit::Call& call) {
        tpl::remove_section(call.tx(), call.actor(), call.id(), call.id("section_id"));
        return kit::NoContent{};
      });
  routes.add<Question, TemplateDetail>(
      write("POST", kTemplate + "/questions",
            "Add a question with its options (an option's value defaults to its label, its "
            "sort_order to its position) and its clause and control links",
            201),
      [](kit::Call& call, const Question& fields) {
        tpl::add_question(call.tx(), call.actor(), call.id(), fields);
        return detail(call, call.id());
      });
  routes.add<qgp::kit::Replace<Question>, TemplateDetail>(
      write("PUT", question,
            "Replace a question: fields left out get their defaults (options matched by value; "
            "removed ones are archived; send the question's version)"),
      [](kit::Call& call, const qgp::kit::Replace<Question>& replace) {
        tpl::replace_question(call.tx(), call.actor(), call.id(), call.id("question_id"), replace);
        return detail(call, call.id());
      });
  routes.add<qgp::kit::Patch<Question>, TemplateDetail>(
      write("PATCH", question,
            "Change a question: only the fields sent change, null clears a nullable one (options, "
            "when sent, replace them all; send the question's version)"),
      [](kit::Call& call, const qgp::kit::Patch<Question>& patch) {
        tpl::patch_question(call.tx(), call.actor(), call.id(), call.id("question_id"), patch);
        return detail(call, call.id());
      });
  routes.add<kit::NoBody, kit::NoContent>(
      write("DELETE", question, "Archive a question (answers in past runs keep pointing at it)",
            204),
      [](kit::Call& call) {
        tpl::remove_question(call.tx(), call.actor(), call.id(), call.id("question_id"));
        return kit::NoContent{};
      });
}

}  // namespace

void register_template_routes(http::Server& server, const core::Config& /*config*/) {
  kit::Routes routes(server, "audits");
  add_template_routes(routes);
  add_part_routes(routes);
  routes.history<Template>(std::string(kRead));
}

}  // namespace qgp::api::audits
