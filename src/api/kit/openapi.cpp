#include "api/kit/openapi.hpp"

namespace qgp::api::kit {

std::string component_name(const qgp::kit::Meta& meta, Shape shape) {
  std::string name(meta.name);
  switch (shape) {
    case Shape::kRead:
      return name;
    case Shape::kCreate:
      return meta.table.empty() ? name : name + "Create";
    case Shape::kPatch:
      return name + "Patch";
    case Shape::kReplace:
      return name + "Replace";
  }
  return name;
}

nlohmann::json component_ref(const qgp::kit::Meta& meta, Shape shape) {
  return {{"$ref", "#/components/schemas/" + component_name(meta, shape)}};
}

nlohmann::json nullable_schema(nlohmann::json schema) {
  if (schema.contains("$ref")) {
    return {{"oneOf", nlohmann::json::array({std::move(schema), {{"type", "null"}}})}};
  }
  if (schema.contains("enum")) {
    schema["enum"].push_back(nullptr);
  }
  schema["type"] = nlohmann::json::array({schema["type"], "null"});
  return schema;
}

}  // namespace qgp::api::kit
