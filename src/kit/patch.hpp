#pragma once

// PATCH semantics made explicit (pydantic's exclude_unset + model_copy): a Patch holds the values
// of the fields a client sent and which ones it sent. Absent keeps, null clears (nullable fields
// only, checked when parsing), a value replaces.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kit/field.hpp"

namespace qgp::kit {

template <Described R>
struct Patch {
  R values{};
  std::uint64_t sent = 0;    // bit i: field i (declaration order) was in the body
  std::int64_t version = 0;  // the version the client read (resources with a version field)

  [[nodiscard]] bool has(std::size_t index) const { return ((sent >> index) & 1U) != 0; }
  [[nodiscard]] bool has(std::string_view name) const { return has(field_index<R>(name)); }
  [[nodiscard]] bool empty() const { return sent == 0; }
  void mark(std::size_t index) { sent |= std::uint64_t{1} << index; }
};

// PUT semantics: the whole record as a create body gives it (absent fields take their defaults),
// with the version the client read.
template <Described R>
struct Replace {
  R values{};
  std::int64_t version = 0;
};

// `before` with the sent fields of `patch` written over it.
template <Described R>
R applied(R before, const Patch<R>& patch) {
  for_each_field<R>([&](const auto& f, std::size_t index) {
    if (patch.has(index)) {
      before.*f.member = patch.values.*f.member;
    }
  });
  return before;
}

}  // namespace qgp::kit
