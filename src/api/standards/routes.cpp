#include "api/standards/routes.hpp"

#include <string>
#include <utility>

#include <fmt/format.h>

#include "api/kit/routes.hpp"
#include "api/standards/csv.hpp"
#include "core/config.hpp"
#include "domain/standards/service.hpp"
#include "http/server.hpp"

// The standards library on the resource kit (ADR-0010): every body, response and list parameter
// comes from the declarations in model/standards; the handlers only call the domain.

namespace qgp::api::standards {

namespace {

namespace lib = domain::standards;
using model::standards::Clause;
using model::standards::ClauseMapping;
using model::standards::Control;
using model::standards::MappedClause;
using model::standards::SoaAssessment;
using model::standards::SoaLine;
using model::standards::Standard;
using model::standards::StandardDetail;
using model::standards::StandardTree;
using model::standards::TreeOptions;

constexpr std::string_view kRead = "standards:read";
constexpr std::string_view kWrite = "standards:write";

kit::Operation read(std::string pattern, std::string summary) {
  return {.method = "GET",
          .pattern = std::move(pattern),
          .summary = std::move(summary),
          .permission = std::string(kRead)};
}

kit::Operation write(std::string method, std::string pattern, std::string summary,
                     int status = 200) {
  return {.method = std::move(method),
          .pattern = std::move(pattern),
          .summary = std::move(summary),
          .permission = std::string(kWrite),
          .writes = true,
          .status = status};
}

// DELETE <path>/{id} archives, POST <path>/{id}/restore restores.
template <class R, class Archive, class Restore>
void archive_routes(kit::Routes& routes, const std::string& noun, std::string archive_summary,
                    Archive archive, Restore restore) {
  const std::string one = std::string(qgp::kit::meta<R>().path) + "/{id}";
  routes.add<kit::NoBody, kit::NoContent>(write("DELETE", one, std::move(archive_summary), 204),
                                          [archive](kit::Call& call) {
                                            archive(call.tx(), call.actor(), call.id());
                                            return kit::NoContent{};
                                          });
  routes.add<kit::NoBody, R>(
      write("POST", one + "/restore",
            fmt::format("Restore an archived {}: it becomes active and editable again", noun)),
      [restore](kit::Call& call) { return restore(call.tx(), call.actor(), call.id()); });
}

void add_standard_routes(kit::Routes& routes) {
  const std::string one = "/api/v1/standards/{id}";
  routes.list<Standard>(std::string(kRead), "Standards (archived ones with include_archived=true)");
  routes.create<Standard>(std::string(kWrite), "Create a standard",
                          [](kit::Call& call, const Standard& standard) {
                            return lib::create_standard(call.tx(), call.actor(), standard);
                          });
  routes.add<kit::Query<TreeOptions>, StandardDetail>(
      read(one, "A standard with its nested clause tree"),
      [](kit::Call& call, const kit::Query<TreeOptions>& query) {
        return lib::get_detail(call.connection(), call.id(), query.values.include_archived);
      });
  routes.add<kit::Query<TreeOptions>, StandardTree>(
      read(one + "/tree",
           "The clause tree of a standard, each clause with its sub-clauses and controls"),
      [](kit::Call& call, const kit::Query<TreeOptions>& query) {
        return lib::get_tree(call.connection(), call.id(), query.values.include_archived);
      });
  routes.patch<Standard>(std::string(kWrite),
                         "Edit a standard: the fields sent change (null clears a nullable one); "
                         "send the version you read",
                         [](kit::Call& call, const qgp::kit::Patch<Standard>& patch) {
                           return lib::update_standard(call.tx(), call.actor(), call.id(), patch);
                         });
  archive_routes<Standard>(routes, "standard", "Archive a standard", lib::archive_standard,
                           lib::restore_standard);
}

void add_clause_routes(kit::Routes& routes) {
  const std::string under = "/api/v1/standards/{id}/clauses";
  routes.list<Clause>(read(under, "The clauses of a standard"),
                      [](kit::Call& call, const qgp::kit::ListQuery& query) {
                        return lib::list_clauses(call.connection(), call.id(), query);
                      });
  routes.add<Clause, Clause>(write("POST", under, "Add a clause to a standard", 201),
                             [](kit::Call& call, const Clause& clause) {
                               return lib::create_clause(call.tx(), call.actor(), call.id(),
                                                         clause);
                             });
  routes.get<Clause>(std::string(kRead), "A clause");
  routes.patch<Clause>(
      std::string(kWrite),
      "Edit a clause (send the version you read); a new parent must be in the same standard and "
      "not below the clause, and the moved subtree is re-levelled",
      [](kit::Call& call, const qgp::kit::Patch<Clause>& patch) {
        return lib::update_clause(call.tx(), call.actor(), call.id(), patch);
      });
  archive_routes<Clause>(routes, "clause", "Archive a clause (no live sub-clauses or controls)",
                         lib::archive_clause, lib::restore_clause);
  routes.list<MappedClause>(
      read("/api/v1/clauses/{id}/mappings",
           "Equivalent clauses of other standards (both sides of each mapping)"),
      [](kit::Call& call, const qgp::kit::ListQuery& query) {
        return lib::list_mapped_clauses(call.connection(), call.id(), query);
      });
  routes.create<ClauseMapping>(std::string(kWrite),
                               "Map two clauses of different standards (in either order)",
                               [](kit::Call& call, const ClauseMapping& mapping) {
                                 return lib::create_mapping(call.tx(), call.actor(), mapping);
                               });
  routes.get<ClauseMapping>(std::string(kRead), "A clause mapping");
  routes.add<kit::NoBody, kit::NoContent>(
      write("DELETE", "/api/v1/clause-mappings/{id}", "Delete a clause mapping", 204),
      [](kit::Call& call) {
        lib::delete_mapping(call.tx(), call.actor(), call.id());
        return kit::NoContent{};
      });
}

void add_control_routes(kit::Routes& routes) {
  const std::string under = "/api/v1/standards/{id}/controls";
  routes.list<Control>(read(under, "The controls of a standard"),
                       [](kit::Call& call, const qgp::kit::ListQuery& query) {
                         return lib::list_controls(call.connection(), call.id(), query);
                       });
  routes.add<Control, Control>(write("POST", under, "Add a control to a standard", 201),
                               [](kit::Call& call, const Control& control) {
                                 return lib::create_control(call.tx(), call.actor(), call.id(),
                                                            control);
                               });
  routes.get<Control>(std::string(kRead), "A control");
  routes.patch<Control>(std::string(kWrite),
                        "Edit a control: the fields sent change (null clears a nullable one); "
                        "send the version you read",
                        [](kit::Call& call, const qgp::kit::Patch<Control>& patch) {
                          return lib::update_control(call.tx(), call.actor(), call.id(), patch);
                        });
  archive_routes<Control>(routes, "control", "Archive a control", lib::archive_control,
                          lib::restore_control);
}

void add_soa_routes(kit::Routes& routes) {
  routes.list<SoaLine>(
      read("/api/v1/standards/{id}/soa",
           "Statement of Applicability: every control with its entry, or the defaults"),
      [](kit::Call& call, const qgp::kit::ListQuery& query) {
        return lib::list_soa(call.connection(), call.id(), query);
      });
  auto put = write("PUT", "/api/v1/controls/{id}/soa",
                   "Record a control's applicability, justification and implementation status "
                   "(201 when first recorded)");
  put.may_create = true;
  routes.add<SoaAssessment, kit::Upserted<model::standards::SoaEntry>>(
      std::move(put), [](kit::Call& call, const SoaAssessment& assessment) {
        auto assessed = lib::assess_control(call.tx(), call.actor(), call.id(), assessment);
        return kit::Upserted<model::standards::SoaEntry>{.value = std::move(assessed.entry),
                                                         .created = assessed.created};
      });
  routes.add<kit::NoBody, http::Response>(
      read("/api/v1/standards/{id}/soa.csv",
           "Statement of Applicability as CSV (RFC 4180, one row per control)"),
      [](kit::Call& call) {
        const auto standard = domain::common::get<Standard>(call.connection(), call.id());
        http::Response response;
        response.set_header("Content-Type", "text/csv; charset=utf-8");
        // The code matches [A-Za-z0-9._:-] (its declared pattern): safe in the quoted filename.
        response.set_header("Content-Disposition",
                            fmt::format("attachment; filename=\"soa-{}.csv\"", standard.code));
        response.body = soa_csv(lib::soa_lines(call.connection(), standard.id));
        return response;
      });
}

}  // namespace

void register_routes(http::Server& server, const core::Config& /*config*/) {
  kit::Routes routes(server, "standards");
  add_standard_routes(routes);
  add_clause_routes(routes);
  add_control_routes(routes);
  add_soa_routes(routes);
  // Per-record audit trails.
  routes.history<Standard>(std::string(kRead));
  routes.history<Clause>(std::string(kRead));
  routes.history<Control>(std::string(kRead));
  routes.history<ClauseMapping>(std::string(kRead));
  routes.history<model::standards::SoaEntry>(std::string(kRead));
}

}  // namespace qgp::api::standards
