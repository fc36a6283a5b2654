#pragma once

// The declared schema reads the resource declarations (ADR-0010): every stored field of a resource
// becomes its column here, with the type its C++ type implies, NOT NULL unless optional, the
// char_length check of its text limit, the CHECK of its enumeration, its foreign key, its default
// and its comment. The database and the API therefore cannot disagree on a field. Columns a table
// builder helper already added (reference_number, closable, standard columns) are left to it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"
#include "schema/builder.hpp"

namespace qgp::schema::build {

FkAction fk_action(kit::OnDelete on_delete);

// "<column> ~ '<pattern>' AND char_length(<column>) <= <max>"
std::string pattern_check(std::string_view column, std::string_view pattern,
                          std::int64_t max_length);

template <kit::Described R>
TableBuilder& columns_of(TableBuilder& t) {
  const R defaults{};
  kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
    using M = typename std::remove_cvref_t<decltype(f)>::Member;
    using V = kit::UnwrappedT<M>;
    const bool stored = f.source == kit::Source::kColumn
                        && (f.role == kit::Role::kPlain || f.role == kit::Role::kStatus);
    std::string name(f.sql.empty() ? f.name : f.sql);
    if (!stored || t.has_column(name)) {
      return;
    }
    const Null null = kit::kIsOptional<M> ? kOptional : kRequired;
    std::string comment(f.doc);
    const bool with_default = f.has(kit::kDbDefault);
    if constexpr (std::is_same_v<V, bool>) {
      t.boolean(std::move(name), static_cast<bool>(defaults.*f.member), std::move(comment));
    } else if constexpr (kit::DeclaredEnum<V>) {
      const auto& names = kit::kWireNames<V>;
      std::optional<std::string> value;
      if constexpr (!kit::kIsOptional<M>) {
        if (with_default) {
          value = std::string(kit::wire_name(defaults.*f.member));
        }
      }
      t.enumeration(std::move(name), std::vector<std::string>(names.begin(), names.end()), null,
                    value, std::move(comment));
    } else if constexpr (std::is_same_v<V, std::string>) {
      if (!f.pattern.empty()) {
        // One check: the pattern and the length (the pattern asks for the first character).
        t.text(name, null, 0, std::move(comment));
        t.check(name, pattern_check(name, f.pattern, f.max));
        return;
      }
      t.text(std::move(name), null, f.bounded ? static_cast<int>(f.max) : 0, std::move(comment));
    } else if constexpr (std::is_same_v<V, kit::Date>) {
      t.date(std::move(name), null, std::move(comment));
    } else if constexpr (std::is_same_v<V, kit::Timestamp>) {
      t.timestamptz(std::move(name), null, std::nullopt, std::move(comment));
    } else if constexpr (std::is_same_v<V, kit::Decimal>) {
      std::optional<std::string> value;
      if constexpr (!kit::kIsOptional<M>) {
        if (with_default) {
          value = (defaults.*f.member).text;
        }
      }
      t.column(std::move(name),
               f.precision == 0 ? std::string("numeric")
                                : fmt::format("numeric({},{})", f.precision, f.scale),
               null, value, std::move(comment));
    } else if constexpr (kit::kIsJson<V>) {
      t.column(std::move(name), "jsonb", null, std::nullopt, std::move(comment));
    } else if constexpr (kit::kIsInteger<V>) {
      if (!f.references_table.empty()) {
        t.reference(std::move(name), std::string(f.references_table), fk_action(f.on_delete), null,
                    std::move(comment));
        return;
      }
      std::optional<std::string> value;
      if constexpr (!kit::kIsOptional<M>) {
        if (with_default) {
          value = std::to_string(defaults.*f.member);
        }
      }
      const char* type = sizeof(V) == 8 ? "bigint" : (sizeof(V) == 4 ? "integer" : "smallint");
      t.column(std::move(name), type, null, value, std::move(comment));
    } else if constexpr (!kit::kIsVector<V> && !kit::kIsMap<V> && !kit::kIsEnumMap<V>
                         && !kit::Described<V> && !std::is_same_v<V, kit::Scalar>) {
      static_assert(std::is_same_v<V, void>, "no column type for this member type");
    }
  });
  return t;
}

}  // namespace qgp::schema::build
