#pragma once

// The JSON face of the resource kit (ADR-0010): rendering and parsing driven by a resource's one
// declaration. Parsing collects every problem of a body (wrong types, limits in code points, enum
// values, null where not allowed, read-only and unknown keys, nested items by path) and throws one
// core::ValidationError (422, details.fields) listing them all.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "http/json_body.hpp"
#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/patch.hpp"
#include "kit/pattern.hpp"
#include "kit/text.hpp"
#include "kit/values.hpp"

namespace qgp::api::kit {

using qgp::kit::Access;
using qgp::kit::Described;
using qgp::kit::Role;
using qgp::kit::Source;

inline constexpr std::int64_t kDefaultMaxItems = 500;

// --- rendering ----------------------------------------------------------------------------------

nlohmann::json decimal_json(const qgp::kit::Decimal& value);
// A value as the audit trail records it: null, a boolean, an integer, a decimal or a string.
nlohmann::json audit_value_json(const qgp::kit::Value& value);
qgp::kit::Value audit_value_of(const nlohmann::json& value);

template <class T>
nlohmann::json to_json(const T& value);

// A value the server stored itself (a kit::Json snapshot) read back through T's declaration:
// unknown keys are ignored, absent, null or mistyped ones keep T's defaults, so what is rendered is
// exactly what T declares even for a document written before a field existed.
template <class T>
T from_stored(const nlohmann::json& value);

template <Described R>
nlohmann::json render(const R& row) {
  nlohmann::json out = nlohmann::json::object();
  qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
    if (!f.has(qgp::kit::kWriteOnly)) {
      out[std::string(f.name)] = to_json(row.*f.member);
    }
  });
  return out;
}

template <class T>
nlohmann::json to_json(const T& value) {
  if constexpr (qgp::kit::kIsOptional<T>) {
    return value ? to_json(*value) : nlohmann::json(nullptr);
  } else if constexpr (qgp::kit::kIsVector<T>) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : value) {
      out.push_back(to_json(item));
    }
    return out;
  } else if constexpr (qgp::kit::kIsMap<T>) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, item] : value) {
      out[key] = to_json(item);
    }
    return out;
  } else if constexpr (qgp::kit::kIsEnumMap<T>) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto key : qgp::kit::enum_values<typename qgp::kit::IsEnumMap<T>::Key>()) {
      const auto found = value.find(key);
      out[std::string(qgp::kit::wire_name(key))] =
          to_json(found == value.end() ? typename qgp::kit::IsEnumMap<T>::Mapped{} : found->second);
    }
    return out;
  } else if constexpr (qgp::kit::DeclaredEnum<T>) {
    return std::string(qgp::kit::wire_name(value));
  } else if constexpr (std::is_same_v<T, qgp::kit::Date>) {
    return value.iso;
  } else if constexpr (std::is_same_v<T, qgp::kit::Timestamp>) {
    return value.text;
  } else if constexpr (std::is_same_v<T, qgp::kit::Decimal>) {
    return decimal_json(value);
  } else if constexpr (std::is_same_v<T, qgp::kit::Value>) {
    return audit_value_json(value);
  } else if constexpr (qgp::kit::kIsJson<T>) {
    using Document = typename qgp::kit::IsJson<T>::Document;
    return to_json(from_stored<Document>(nlohmann::json::parse(value.text, nullptr, false)));
  } else if constexpr (std::is_same_v<T, qgp::kit::Scalar>) {
    return std::visit(
        [](const auto& held) -> nlohmann::json {
          if constexpr (std::is_same_v<std::remove_cvref_t<decltype(held)>, std::monostate>) {
            return nullptr;
          } else {
            return held;
          }
        },
        value);
  } else if constexpr (Described<T>) {
    return render(value);
  } else {
    return nlohmann::json(value);
  }
}

template <class T>
T from_stored(const nlohmann::json& value) {
  T out{};
  if constexpr (qgp::kit::kIsOptional<T>) {
    if (!value.is_null() && !value.is_discarded()) {
      out = from_stored<typename qgp::kit::IsOptional<T>::Inner>(value);
    }
  } else if constexpr (std::is_same_v<T, bool>) {
    if (value.is_boolean()) {
      out = value.get<bool>();
    }
  } else if constexpr (qgp::kit::kIsInteger<T>) {
    if (value.is_number_integer()) {
      out = static_cast<T>(value.get<std::int64_t>());
    }
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (value.is_string()) {
      out = value.get<std::string>();
    }
  } else if constexpr (std::is_same_v<T, qgp::kit::Value>) {
    out = audit_value_of(value);
  } else if constexpr (std::is_same_v<T, qgp::kit::Decimal>) {
    if (value.is_number()) {
      out.text = value.dump();
    }
  } else if constexpr (std::is_same_v<T, qgp::kit::Date>) {
    if (value.is_string()) {
      out.iso = value.get<std::string>();
    }
  } else if constexpr (std::is_same_v<T, qgp::kit::Timestamp>) {
    if (value.is_string()) {
      out.text = value.get<std::string>();
    }
  } else if constexpr (qgp::kit::DeclaredEnum<T>) {
    if (value.is_string()) {
      out = qgp::kit::parse_enum<T>(value.get_ref<const std::string&>()).value_or(T{});
    }
  } else if constexpr (qgp::kit::kIsVector<T>) {
    if (value.is_array()) {
      for (const auto& item : value) {
        out.push_back(from_stored<typename qgp::kit::IsVector<T>::Item>(item));
      }
    }
  } else if constexpr (qgp::kit::kIsMap<T>) {
    if (value.is_object()) {
      for (const auto& [key, item] : value.items()) {
        out[key] = from_stored<typename qgp::kit::IsCountMap<T>::Mapped>(item);
      }
    }
  } else if constexpr (qgp::kit::kIsJson<T>) {
    out.text = value.dump();
  } else {
    static_assert(Described<T>, "no stored JSON reading for this member type");
    if (value.is_object()) {
      qgp::kit::for_each_field<T>([&](const auto& f, std::size_t /*index*/) {
        using M = typename std::remove_cvref_t<decltype(f)>::Member;
        if (const auto it = value.find(f.name); it != value.end()) {
          out.*f.member = from_stored<M>(*it);
        }
      });
    }
  }
  return out;
}

// --- parsing ------------------------------------------------------------------------------------

// Where parsing records problems: "title", "options[2].label".
class Problems {
 public:
  void add(const std::string& path, std::string problem) {
    errors_.emplace(path, std::move(problem));
  }
  [[nodiscard]] bool empty() const noexcept { return errors_.empty(); }
  [[nodiscard]] const core::FieldErrors& errors() const noexcept { return errors_; }
  // Throws the 422 listing every problem, if there is one.
  void raise() const {
    if (!errors_.empty()) {
      throw core::ValidationError(errors_);
    }
  }

 private:
  core::FieldErrors errors_;
};

std::string join_path(std::string_view prefix, std::string_view name);

namespace detail {

std::optional<std::string> read_text(const nlohmann::json& value, std::int64_t min,
                                     std::int64_t max, bool bounded, bool trimmed,
                                     const std::string& path, Problems& problems);
std::optional<std::int64_t> read_integer(const nlohmann::json& value, std::int64_t min,
                                         std::int64_t max, const std::string& path,
                                         Problems& problems);
// `scale` > 0: the text has that many decimals, as a numeric(p, scale) column keeps it (so a
// value sent as 2.5 equals the 2.500 read back); 0: the shortest text of the value.
std::optional<qgp::kit::Decimal> read_decimal(const nlohmann::json& value, double low, double high,
                                              bool exclusive_low, bool bounded, int scale,
                                              const std::string& path, Problems& problems);
std::optional<qgp::kit::Scalar> read_scalar(const nlohmann::json& value, std::int64_t min,
                                            std::int64_t max, bool bounded, bool trimmed,
                                            const std::string& path, Problems& problems);
std::optional<std::string> read_wire_name(const nlohmann::json& value,
                                          std::span<const std::string_view> names,
                                          const std::string& path, Problems& problems);
bool is_rfc3339(std::string_view text);
void wrong_type(const nlohmann::json& value, std::string_view expected, const std::string& path,
                Problems& problems);

}  // namespace detail

template <Described R>
R parse_object(const nlohmann::json& body, std::string_view prefix, Problems& problems);

std::string read_only_problem(Role role);

// One value of type T (never std::optional: nullability is decided by the caller).
template <class T, class F>
std::optional<T> read_value(const F& f, const nlohmann::json& value, const std::string& path,
                            Problems& problems) {
  if constexpr (std::is_same_v<T, bool>) {
    if (!value.is_boolean()) {
      detail::wrong_type(value, "a boolean", path, problems);
      return std::nullopt;
    }
    return value.get<bool>();
  } else if constexpr (qgp::kit::kIsInteger<T>) {
    // Unbounded 64-bit integers are ids: positive. Narrower ones keep their type's range.
    constexpr bool kWide = sizeof(T) == sizeof(std::int64_t);
    const std::int64_t low = f.bounded ? f.min : (kWide ? 1 : std::numeric_limits<T>::min());
    const std::int64_t high = f.bounded ? f.max : std::numeric_limits<T>::max();
    const auto number = detail::read_integer(value, low, high, path, problems);
    return number ? std::optional<T>(static_cast<T>(*number)) : std::nullopt;
  } else if constexpr (std::is_same_v<T, std::string>) {
    auto text = detail::read_text(value, f.min, f.max, f.bounded, f.has(qgp::kit::kTrimmed), path,
                                  problems);
    if (text && !f.pattern.empty() && !qgp::kit::matches(f.pattern, *text)) {
      problems.add(path, fmt::format("must be {}", f.pattern_rule));
      return std::nullopt;
    }
    return text;
  } else if constexpr (std::is_same_v<T, qgp::kit::Decimal>) {
    return detail::read_decimal(value, f.low, f.high, f.exclusive_low, f.bounded,
                                f.precision == 0 ? 0 : f.scale, path, problems);
  } else if constexpr (std::is_same_v<T, qgp::kit::Date>) {
    if (!value.is_string() || !qgp::kit::is_iso_date(value.get_ref<const std::string&>())) {
      problems.add(path, "must be a date YYYY-MM-DD");
      return std::nullopt;
    }
    return qgp::kit::Date{value.get<std::string>()};
  } else if constexpr (std::is_same_v<T, qgp::kit::Timestamp>) {
    if (!value.is_string() || !detail::is_rfc3339(value.get_ref<const std::string&>())) {
      problems.add(path, "must be a date-time (RFC 3339, e.g. 2026-01-31T09:30:00Z)");
      return std::nullopt;
    }
    return qgp::kit::Timestamp{value.get<std::string>()};
  } else if constexpr (std::is_same_v<T, qgp::kit::Scalar>) {
    return detail::read_scalar(value, f.min, f.max, f.bounded, f.has(qgp::kit::kTrimmed), path,
                               problems);
  } else if constexpr (qgp::kit::DeclaredEnum<T>) {
    const auto& names = qgp::kit::kWireNames<T>;
    const auto text = detail::read_wire_name(value, names, path, problems);
    return text ? qgp::kit::parse_enum<T>(*text) : std::nullopt;
  } else if constexpr (qgp::kit::kIsJson<T>) {
    // A document of a declared type: checked as its create shape, kept as sent.
    using Document = typename qgp::kit::IsJson<T>::Document;
    if (!read_value<Document>(f, value, path, problems)) {
      return std::nullopt;
    }
    return T{value.dump()};
  } else if constexpr (qgp::kit::kIsVector<T>) {
    using Item = typename qgp::kit::IsVector<T>::Item;
    if (!value.is_array()) {
      detail::wrong_type(value, "an array", path, problems);
      return std::nullopt;
    }
    const std::int64_t limit = f.bounded ? f.max : kDefaultMaxItems;
    if (std::cmp_greater(value.size(), limit)) {
      problems.add(path, fmt::format("must have at most {} items", limit));
      return std::nullopt;
    }
    T items;
    bool ok = true;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const auto item_path = fmt::format("{}[{}]", path, i);
      if constexpr (Described<Item>) {
        if (!value[i].is_object()) {
          detail::wrong_type(value[i], "an object", item_path, problems);
          ok = false;
          continue;
        }
        items.push_back(parse_object<Item>(value[i], item_path, problems));
      } else {
        // Items of a list of ids are positive ids; other item types keep the field's limits.
        const auto unbounded = qgp::kit::field(f.name, f.member);
        auto item = read_value<Item>(unbounded, value[i], item_path, problems);
        if (item) {
          items.push_back(std::move(*item));
        } else {
          ok = false;
        }
      }
    }
    if constexpr (std::is_same_v<Item, std::int64_t>) {
      // Id lists are sets: sorted, without repeats, so the audit trail compares like with like.
      std::ranges::sort(items);
      items.erase(std::unique(items.begin(), items.end()), items.end());
    }
    return ok ? std::optional<T>(std::move(items)) : std::nullopt;
  } else if constexpr (qgp::kit::kIsMap<T>) {
    // An object whose keys are free: each value read as the map's type, its path "field.key".
    if (!value.is_object()) {
      detail::wrong_type(value, "an object", path, problems);
      return std::nullopt;
    }
    T out;
    bool ok = true;
    for (const auto& item : value.items()) {
      const auto unbounded = qgp::kit::field(f.name, f.member);
      auto read = read_value<typename qgp::kit::IsCountMap<T>::Mapped>(
          unbounded, item.value(), join_path(path, item.key()), problems);
      if (read) {
        out.emplace(item.key(), std::move(*read));
      } else {
        ok = false;
      }
    }
    return ok ? std::optional<T>(std::move(out)) : std::nullopt;
  } else if constexpr (std::is_same_v<T, qgp::kit::Value>) {
    if (value.is_object() || value.is_array()) {
      detail::wrong_type(value, "a boolean, a number or a string", path, problems);
      return std::nullopt;
    }
    return audit_value_of(value);
  } else {
    static_assert(Described<T>, "no JSON reading for this member type");
    if (!value.is_object()) {
      detail::wrong_type(value, "an object", path, problems);
      return std::nullopt;
    }
    return parse_object<T>(value, path, problems);
  }
}

// Reads one present key into `target` (a member of type M). Null is accepted for nullable
// members only (std::optional, kit::Scalar). Returns false after recording a problem.
template <class F, class M>
bool read_member(const F& f, const nlohmann::json& value, const std::string& path,
                 std::string_view null_problem, M& target, Problems& problems) {
  if (value.is_null()) {
    if constexpr (qgp::kit::kIsOptional<M>) {
      target = std::nullopt;
      return true;
    } else if constexpr (std::is_same_v<M, qgp::kit::Scalar>) {
      target = std::monostate{};
      return true;
    } else {
      problems.add(path, std::string(null_problem));
      return false;
    }
  }
  using Inner = qgp::kit::UnwrappedT<M>;
  auto read = read_value<Inner>(f, value, path, problems);
  if (!read) {
    return false;
  }
  if constexpr (qgp::kit::kIsOptional<M>) {
    target = std::move(read);
  } else {
    target = std::move(*read);
  }
  return true;
}

// Marks keys of `body` that name no field of R.
template <Described R>
void refuse_unknown(const nlohmann::json& body, std::string_view prefix, Problems& problems) {
  for (const auto& item : body.items()) {
    if (qgp::kit::field_index<R>(item.key()) == qgp::kit::field_count<R>()) {
      problems.add(join_path(prefix, item.key()), "unknown field");
    }
  }
}

// A create body: every field writable on create, required unless optional or defaulted; read-only
// and unknown keys refused. Nested items of a create are parsed the same way.
template <Described R>
R parse_object(const nlohmann::json& body, std::string_view prefix, Problems& problems) {
  R out{};
  qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
    using M = typename std::remove_cvref_t<decltype(f)>::Member;
    const auto path = join_path(prefix, f.name);
    const auto it = body.find(f.name);
    if (!f.writable_on_create()) {
      if (it != body.end()) {
        problems.add(path, read_only_problem(f.role));
      }
      return;
    }
    if (it == body.end() || (it->is_null() && !qgp::kit::kIsNullable<M>)) {
      if (qgp::kit::required_on_create<M>(f)) {
        problems.add(path, "is required");
      }
      return;
    }
    read_member(f, *it, path, "is required", out.*f.member, problems);
  });
  refuse_unknown<R>(body, prefix, problems);
  return out;
}

// A POST body as R; throws the 422 listing every problem.
template <Described R>
R parse_create(const nlohmann::json& body) {
  Problems problems;
  auto out = parse_object<R>(body, "", problems);
  problems.raise();
  return out;
}

// A PATCH body: only client-writable fields, each optional; null clears nullable fields only;
// `version` (the version the client read) is required when R has one. Throws the 422.
template <Described R>
qgp::kit::Patch<R> parse_patch(const nlohmann::json& body) {
  Problems problems;
  qgp::kit::Patch<R> patch;
  qgp::kit::for_each_field<R>([&](const auto& f, std::size_t index) {
    const auto it = body.find(f.name);
    if (f.role == Role::kVersion) {
      const auto path = std::string(f.name);
      if (it == body.end() || it->is_null()) {
        problems.add(path, "is required: send the version you read");
        return;
      }
      if (const auto version = detail::read_integer(
              *it, 1, std::numeric_limits<std::int32_t>::max(), path, problems)) {
        patch.version = *version;
      }
      return;
    }
    if (it == body.end()) {
      return;
    }
    const auto path = std::string(f.name);
    if (!f.writable_on_patch()) {
      problems.add(path, f.write_access == Access::kCreateOnly ? "cannot be changed after creation"
                                                               : read_only_problem(f.role));
      return;
    }
    if (read_member(f, *it, path, "cannot be null", patch.values.*f.member, problems)) {
      patch.mark(index);
    }
  });
  refuse_unknown<R>(body, "", problems);
  problems.raise();
  return patch;
}

// A PUT body: the create shape (absent fields take their defaults) plus `version`, the version the
// client read (required). Throws the 422 listing every problem.
template <Described R>
qgp::kit::Replace<R> parse_replace(const nlohmann::json& body) {
  Problems problems;
  qgp::kit::Replace<R> replace;
  auto rest = body;
  const auto version = rest.find("version");
  if (version == rest.end() || version->is_null()) {
    problems.add("version", "is required: send the version you read");
  } else if (const auto number = detail::read_integer(
                 *version, 1, std::numeric_limits<std::int32_t>::max(), "version", problems)) {
    replace.version = *number;
  }
  if (version != rest.end()) {
    rest.erase(version);
  }
  replace.values = parse_object<R>(rest, "", problems);
  problems.raise();
  return replace;
}

}  // namespace qgp::api::kit
