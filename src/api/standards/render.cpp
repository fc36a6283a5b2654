#include "api/standards/render.hpp"

#include <optional>
#include <string>

namespace qgp::api::standards {

namespace {

template <typename T>
nlohmann::json nullable(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json render(const store::standards::StandardRow& standard) {
  return {{"id", standard.id},
          {"code", standard.code},
          {"name", standard.name},
          {"full_name", standard.full_name},
          {"edition", standard.edition},
          {"description", nullable(standard.description)},
          {"effective_date", nullable(standard.effective_date)},
          {"is_active", standard.is_active},
          {"archived_at", nullable(standard.archived_at)},
          {"clause_count", standard.clause_count},
          {"control_count", standard.control_count},
          {"created_at", standard.created_at},
          {"updated_at", standard.updated_at},
          {"created_by_id", nullable(standard.created_by_id)},
          {"updated_by_id", nullable(standard.updated_by_id)},
          {"version", standard.version}};
}

nlohmann::json render(const store::standards::ClauseRow& clause) {
  return {{"id", clause.id},
          {"standard_id", clause.standard_id},
          {"parent_clause_id", nullable(clause.parent_clause_id)},
          {"clause_number", clause.clause_number},
          {"title", clause.title},
          {"description", nullable(clause.description)},
          {"level", clause.level},
          {"sort_order", clause.sort_order},
          {"is_active", clause.is_active},
          {"archived_at", nullable(clause.archived_at)},
          {"created_at", clause.created_at},
          {"updated_at", clause.updated_at},
          {"created_by_id", nullable(clause.created_by_id)},
          {"updated_by_id", nullable(clause.updated_by_id)},
          {"version", clause.version}};
}

nlohmann::json render(const store::standards::ControlRow& control) {
  return {{"id", control.id},
          {"standard_id", control.standard_id},
          {"clause_id", nullable(control.clause_id)},
          {"clause_number", nullable(control.clause_number)},
          {"control_number", control.control_number},
          {"title", control.title},
          {"description", nullable(control.description)},
          {"guidance", nullable(control.guidance)},
          {"theme", nullable(control.theme)},
          {"is_active", control.is_active},
          {"archived_at", nullable(control.archived_at)},
          {"created_at", control.created_at},
          {"updated_at", control.updated_at},
          {"created_by_id", nullable(control.created_by_id)},
          {"updated_by_id", nullable(control.updated_by_id)},
          {"version", control.version}};
}

nlohmann::json render(const store::standards::MappingRow& mapping) {
  return {{"id", mapping.id},
          {"clause_a_id", mapping.clause_a_id},
          {"clause_b_id", mapping.clause_b_id},
          {"mapping_type", mapping.mapping_type},
          {"notes", nullable(mapping.notes)},
          {"created_at", mapping.created_at},
          {"updated_at", mapping.updated_at},
          {"created_by_id", nullable(mapping.created_by_id)},
          {"version", mapping.version}};
}

nlohmann::json render(const store::standards::MappedClauseRow& mapped) {
  return {{"mapping_id", mapped.mapping_id},       {"mapping_type", mapped.mapping_type},
          {"notes", nullable(mapped.notes)},       {"standard_id", mapped.clause.standard_id},
          {"standard_code", mapped.standard_code}, {"clause", render(mapped.clause)}};
}

nlohmann::json render(const store::standards::SoaEntryRow& entry) {
  return {{"id", entry.id},
          {"control_id", entry.control_id},
          {"is_applicable", entry.is_applicable},
          {"justification", nullable(entry.justification)},
          {"implementation_status", entry.implementation_status},
          {"owner_id", nullable(entry.owner_id)},
          {"reviewed_at", nullable(entry.reviewed_at)},
          {"reviewed_by_id", nullable(entry.reviewed_by_id)},
          {"notes", nullable(entry.notes)},
          {"created_at", entry.created_at},
          {"updated_at", entry.updated_at},
          {"version", entry.version}};
}

nlohmann::json render(const store::standards::SoaLine& line) {
  const auto& control = line.control;
  nlohmann::json json = {{"control_id", control.id},
                         {"control_number", control.control_number},
                         {"title", control.title},
                         {"theme", nullable(control.theme)},
                         {"clause_id", nullable(control.clause_id)},
                         {"clause_number", nullable(control.clause_number)}};
  if (line.entry) {
    const auto& entry = *line.entry;
    json["entry_id"] = entry.id;
    json["is_applicable"] = entry.is_applicable;
    json["justification"] = nullable(entry.justification);
    json["implementation_status"] = entry.implementation_status;
    json["owner_id"] = nullable(entry.owner_id);
    json["notes"] = nullable(entry.notes);
    json["reviewed_at"] = nullable(entry.reviewed_at);
    json["reviewed_by_id"] = nullable(entry.reviewed_by_id);
    json["version"] = entry.version;
  } else {
    // Not assessed yet: the defaults a new entry would get (version 0 = no entry).
    json["entry_id"] = nullptr;
    json["is_applicable"] = true;
    json["justification"] = nullptr;
    json["implementation_status"] = domain::standards::kNotImplemented;
    json["owner_id"] = nullptr;
    json["notes"] = nullptr;
    json["reviewed_at"] = nullptr;
    json["reviewed_by_id"] = nullptr;
    json["version"] = 0;
  }
  return json;
}

nlohmann::json render(const domain::standards::ClauseNode& node, bool with_controls) {
  auto json = render(node.clause);
  auto children = nlohmann::json::array();
  for (const auto& child : node.children) {
    children.push_back(render(child, with_controls));
  }
  json["children"] = std::move(children);
  if (with_controls) {
    json["controls"] = render_items(node.controls);
  }
  return json;
}

nlohmann::json render(const domain::standards::StandardTree& tree, bool with_controls) {
  auto json = render(tree.standard);
  auto clauses = nlohmann::json::array();
  for (const auto& node : tree.clauses) {
    clauses.push_back(render(node, with_controls));
  }
  json["clauses"] = std::move(clauses);
  return json;
}

}  // namespace qgp::api::standards
