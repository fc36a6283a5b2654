#pragma once

// Internal to domain/standards: the audited fields of each record kind and the one helper that
// appends an audit row, shared by the services and the seed.

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "core/actor.hpp"
#include "store/audit/audit_log_store.hpp"
#include "store/standards/records.hpp"
#include "store/standards/standards_store.hpp"

namespace qgp::db {
class Connection;
}

namespace qgp::domain::standards::audit_fields {

using Fields = std::vector<std::pair<std::string_view, store::audit::Value>>;

inline constexpr std::string_view kStandard = "standard";
inline constexpr std::string_view kClause = "clause";
inline constexpr std::string_view kControl = "control";
inline constexpr std::string_view kClauseMapping = "clause_mapping";
inline constexpr std::string_view kSoaEntry = "soa_entry";

// The writable fields of a stored row (what an update compares and audits).
store::standards::StandardFields fields_of(const store::standards::StandardRow& row);
store::standards::ClauseFields fields_of(const store::standards::ClauseRow& row);
store::standards::ControlFields fields_of(const store::standards::ControlRow& row);
store::standards::SoaFields fields_of(const store::standards::SoaEntryRow& row);

Fields of(const store::standards::StandardFields& fields);
Fields of(const store::standards::ClauseFields& fields);
Fields of(const store::standards::ControlFields& fields);
Fields of(const store::standards::MappingRow& mapping);
Fields of(const store::standards::SoaFields& fields);

// Changed fields between two snapshots of the same kind (same order).
std::vector<store::audit::FieldChange> diff(const Fields& before, const Fields& after);
// Every non-null field, as created.
std::vector<store::audit::FieldChange> created(const Fields& after);
// Every non-null field, as removed.
std::vector<store::audit::FieldChange> removed(const Fields& before);

void append(db::Connection& connection, const core::Actor& actor, std::string_view action,
            std::string_view entity_type, std::int64_t entity_id,
            std::vector<store::audit::FieldChange> changes);

// Moves the subtree under `moved_id` to its new levels, with one audit row (level before and
// after) per sub-clause whose level changed; returns those sub-clauses.
std::vector<store::standards::Relevelled> relevel_subtree(db::Connection& connection,
                                                          const core::Actor& actor,
                                                          std::int64_t moved_id);

}  // namespace qgp::domain::standards::audit_fields
