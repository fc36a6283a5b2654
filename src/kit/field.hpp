#pragma once

// One declaration per resource (ADR-0010). A resource is a plain struct plus one constexpr
// description found by argument-dependent lookup:
//
//   struct Finding : kit::Record { std::string title; FindingGrade grade{}; ... };
//   constexpr auto describe(kit::Tag<Finding>) {
//     return kit::resource<Finding>(
//         {.name = "Finding", .noun = "finding", .entity = "audit_finding",
//          .table = "audit_findings", .alias = "f", .path = "/api/v1/audits/findings"},
//         kit::field("title", &Finding::title).text(1, 300).sort().search(), ...);
//   }
//
// Each field says once what it is: its wire name (also the result column it is read from), its C++
// type (which decides the JSON type, nullability and the SQL cast), its limits, who may write it,
// where the store finds it, and whether lists may filter, sort or search by it. The kit's faces
// derive the rest from that: api/kit parses, renders and documents; store/kit selects, maps rows by
// column name, inserts, updates and lists; domain/common diffs for the audit trail.

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "kit/enums.hpp"
#include "kit/values.hpp"

namespace qgp::kit {

// Who may write a field through the API.
enum class Access : std::uint8_t {
  kClient,      // POST and PATCH
  kCreateOnly,  // POST only (e.g. the run a finding belongs to)
  kServer,      // never: rendered read-only (ids, status, stamps, derived values)
};

// Where the store finds a field.
enum class Source : std::uint8_t {
  kColumn,      // the resource's own column <alias>.<name>: read, inserted and updated
  kExpression,  // read from an SQL expression (a joined column, a subquery); never written
  kLinks,       // ids kept in a link table: read as a sorted list, replaced on write
  kComputed,    // not in SQL: filled by the domain or by the kit (allowed transitions, children)
  kChildren,    // records of a declared type kept in their own table, whose column `sql` holds this
                // record's id: read after the parent (the child's meta where/order apply), written
                // by the module's domain, never by the kit
};

// Columns the store maintains itself.
enum class Role : std::uint8_t {
  kPlain,
  kId,
  kVersion,
  kCreatedAt,
  kUpdatedAt,
  kCreatedBy,
  kUpdatedBy,
  kStatus,       // moved only by the resource's workflow
  kTransitions,  // the caller's allowed transitions, computed when rendering
};

enum Flag : std::uint16_t {
  kFilter = 1U << 0U,      // lists accept ?name=value
  kSort = 1U << 1U,        // lists accept sort=name / sort=-name
  kSearch = 1U << 2U,      // lists' q= matches it (ILIKE)
  kDefaulted = 1U << 3U,   // absent on create: the C++ default stands (otherwise required)
  kNotAudited = 1U << 4U,  // derived or bookkeeping: left out of the audit change set
  kSensitive = 1U << 5U,   // the audit trail records that it changed, not the values
  kTrimmed = 1U << 6U,     // surrounding white space is removed on input
  kDbDefault = 1U << 7U,   // the column's DEFAULT is the member's C++ default
  kFilterAny = 1U << 8U,   // with kFilter: ?name=a,b matches any of the listed values
  kRows = 1U << 9U,        // a Json of records whose JSON the store builds (rows_from)
  kWriteOnly = 1U << 10U,  // never read back: not selected, rendered or in the read shape
  kRequired = 1U << 11U,   // a create body must carry it, even a list
};

// What the database does to a row whose referenced row is deleted (the declared schema's FK).
enum class OnDelete : std::uint8_t { kNoAction, kRestrict, kCascade, kSetNull };

// A link table: `table(owner -> this id, target -> a linked id)`.
struct Links {
  std::string_view table;
  std::string_view owner;
  std::string_view target;
};

template <class R, class M>
struct Field {
  using Owner = R;
  using Member = M;

  std::string_view name;
  M R::* member = nullptr;
  Source source = Source::kColumn;
  // kExpression: the expression; kColumn: the column when it differs; kChildren: the child's column
  // holding this record's id.
  std::string_view sql = {};
  Links links = {};
  Access write_access = Access::kClient;
  Role role = Role::kPlain;
  std::uint16_t flags = 0;
  // Text: code points. Integers: values. Arrays: items (max only). Unset: unbounded text, the
  // type's range for integers.
  std::int64_t min = 0;
  std::int64_t max = 0;
  bool bounded = false;
  // Decimals: the inclusive range, or exclusive at the low end.
  double low = 0;
  double high = 0;
  bool exclusive_low = false;
  std::string_view format = {};     // an OpenAPI format beyond the type's own (e.g. "email")
  std::string_view order_sql = {};  // lists sort by this expression instead of the field's own
  // Text: a regular expression the value must contain a match of (anchor it with ^...$), in the
  // syntax ECMAScript, OpenAPI and PostgreSQL's `~` read alike; `pattern_rule` says it in words.
  std::string_view pattern = {};
  std::string_view pattern_rule = {};
  std::string_view doc = {};  // OpenAPI description and the column's comment
  // The declared schema's view of a stored column (schema/resource_columns.hpp).
  std::string_view references_table = {};  // a foreign key to <table>(id)
  OnDelete on_delete = OnDelete::kNoAction;
  std::uint8_t precision = 0;  // numeric(precision, scale); 0: plain numeric
  std::uint8_t scale = 0;

  [[nodiscard]] constexpr bool has(Flag flag) const { return (flags & flag) != 0; }
  [[nodiscard]] constexpr bool writable_on_create() const {
    return write_access != Access::kServer;
  }
  [[nodiscard]] constexpr bool writable_on_patch() const { return write_access == Access::kClient; }

  // Text of min..max code points (min >= 1 also refuses blank text).
  [[nodiscard]] constexpr Field text(std::int64_t min_code_points,
                                     std::int64_t max_code_points) const {
    auto f = *this;
    f.min = min_code_points;
    f.max = max_code_points;
    f.bounded = true;
    return f;
  }
  // An integer within [low_value, high_value].
  [[nodiscard]] constexpr Field range(std::int64_t low_value, std::int64_t high_value) const {
    auto f = *this;
    f.min = low_value;
    f.max = high_value;
    f.bounded = true;
    return f;
  }
  // A decimal within [low_value, high_value] (or (low_value, high_value] when exclusive).
  [[nodiscard]] constexpr Field between(double low_value, double high_value,
                                        bool exclusive = false) const {
    auto f = *this;
    f.low = low_value;
    f.high = high_value;
    f.exclusive_low = exclusive;
    f.bounded = true;
    return f;
  }
  // An array of at most `count` items.
  [[nodiscard]] constexpr Field items(std::int64_t count) const {
    auto f = *this;
    f.max = count;
    f.bounded = true;
    return f;
  }
  // The one-line builders spell out their copy: clang-tidy 19's bugprone-argument-comment
  // crashed on calls to a shared helper from these constexpr members.
  [[nodiscard]] constexpr Field server() const {
    auto f = *this;
    f.write_access = Access::kServer;
    return f;
  }
  [[nodiscard]] constexpr Field create_only() const {
    auto f = *this;
    f.write_access = Access::kCreateOnly;
    return f;
  }
  [[nodiscard]] constexpr Field filter() const {
    auto f = *this;
    f.flags |= kFilter;
    return f;
  }
  [[nodiscard]] constexpr Field sort() const {
    auto f = *this;
    f.flags |= kSort;
    return f;
  }
  [[nodiscard]] constexpr Field search() const {
    auto f = *this;
    f.flags |= kSearch;
    return f;
  }
  [[nodiscard]] constexpr Field defaulted() const {
    auto f = *this;
    f.flags |= kDefaulted;
    return f;
  }
  [[nodiscard]] constexpr Field not_audited() const {
    auto f = *this;
    f.flags |= kNotAudited;
    return f;
  }
  [[nodiscard]] constexpr Field sensitive() const {
    auto f = *this;
    f.flags |= kSensitive;
    return f;
  }
  // Never read back (a password, its hash): written by a request or the module, never selected,
  // rendered or shown in the read shape; the audit trail leaves it out. Its source and access are
  // the declaration's: a stored column the module fills (.server()), or an input the module
  // consumes (.computed().create_only()).
  [[nodiscard]] constexpr Field write_only() const {
    auto f = *this;
    f.flags |= kWriteOnly | kSensitive | kNotAudited;
    return f;
  }
  // A create body must carry it, also when it is a list (an empty one is then sent on purpose).
  [[nodiscard]] constexpr Field required() const {
    auto f = *this;
    f.flags |= kRequired;
    return f;
  }
  [[nodiscard]] constexpr Field trimmed() const {
    auto f = *this;
    f.flags |= kTrimmed;
    return f;
  }
  // Lists accept ?name=a,b: any of the comma-separated values (enumerations).
  [[nodiscard]] constexpr Field filter_any() const {
    auto f = *this;
    f.flags |= kFilter;
    f.flags |= kFilterAny;
    return f;
  }
  // Recorded in the audit trail after all (e.g. an expression() the module writes itself).
  [[nodiscard]] constexpr Field audited() const {
    auto f = *this;
    f.flags = static_cast<std::uint16_t>(f.flags & ~static_cast<std::uint16_t>(kNotAudited));
    return f;
  }
  // Read from an SQL expression (a joined column, a subquery): never written, server-set.
  [[nodiscard]] constexpr Field expression(std::string_view expression_sql) const {
    auto f = *this;
    f.source = Source::kExpression;
    f.sql = expression_sql;
    f.write_access = Access::kServer;
    f.flags |= kNotAudited;
    return f;
  }
  // Stored in a column whose name differs from the wire name.
  [[nodiscard]] constexpr Field column(std::string_view column_name) const {
    auto f = *this;
    f.sql = column_name;
    return f;
  }
  // Ids kept in a link table.
  [[nodiscard]] constexpr Field linked(std::string_view table, std::string_view owner,
                                       std::string_view target) const {
    auto f = *this;
    f.source = Source::kLinks;
    f.links = Links{.table = table, .owner = owner, .target = target};
    return f;
  }
  // Records of a declared type in their own table whose column `owner` holds this record's id
  // (a std::vector of them, or one). The store reads them after the parent, in the child's own
  // meta order and condition; clients may send them with the parent (.server() to refuse) and the
  // module's domain writes them. Never in the audit change set: the domain records what changed.
  [[nodiscard]] constexpr Field children(std::string_view owner) const {
    auto f = *this;
    f.source = Source::kChildren;
    f.sql = owner;
    f.flags |= kNotAudited;
    return f;
  }
  // A value clients send and the module's domain stores itself (e.g. names kept in a link table),
  // read back from its expression(): client-writable and audited, never written by the kit.
  [[nodiscard]] constexpr Field written_by_module() const {
    auto f = *this;
    f.write_access = Access::kClient;
    f.flags = static_cast<std::uint16_t>(f.flags & ~static_cast<std::uint16_t>(kNotAudited));
    return f;
  }
  // Records of a declared type Item, a kit::Json<std::vector<Item>> member, read as one JSON
  // array that the store builds from Item's declaration (its fields by wire name, in its meta
  // order then id). `from` follows "FROM <Item's table> <alias>": the joins and the condition that
  // tie the rows to this record, e.g. "JOIN user_roles ur ON ur.role_id = r.id WHERE ur.user_id =
  // u.id". Server-set, never written by the kit nor audited.
  [[nodiscard]] constexpr Field rows_from(std::string_view from) const {
    auto f = expression(from);
    f.flags |= kRows;
    return f;
  }
  // Lists sort by `expression` (e.g. "lower(t.name)") rather than by the field's own value.
  [[nodiscard]] constexpr Field sort_on(std::string_view expression) const {
    auto f = *this;
    f.flags |= kSort;
    f.order_sql = expression;
    return f;
  }
  // Not in SQL: filled by the domain (children, counts) or by the kit (transitions).
  [[nodiscard]] constexpr Field computed() const {
    auto f = *this;
    f.source = Source::kComputed;
    f.write_access = Access::kServer;
    f.flags |= kNotAudited;
    return f;
  }
  [[nodiscard]] constexpr Field as(Role field_role) const {
    auto f = *this;
    f.role = field_role;
    return f;
  }
  // Text matching `regex` (see `pattern` above), explained to clients as `rule`. The API refuses
  // other text, OpenAPI documents the pattern and the declared schema checks it with `~`.
  [[nodiscard]] constexpr Field matching(std::string_view regex, std::string_view rule) const {
    auto f = *this;
    f.pattern = regex;
    f.pattern_rule = rule;
    return f;
  }
  [[nodiscard]] constexpr Field formatted(std::string_view openapi_format) const {
    auto f = *this;
    f.format = openapi_format;
    return f;
  }
  // A foreign key to `table`(id).
  [[nodiscard]] constexpr Field references(std::string_view table, OnDelete action) const {
    auto f = *this;
    f.references_table = table;
    f.on_delete = action;
    return f;
  }
  // A user: users are disabled, never deleted.
  [[nodiscard]] constexpr Field user() const {
    auto f = *this;
    f.references_table = "users";
    f.on_delete = OnDelete::kRestrict;
    return f;
  }
  [[nodiscard]] constexpr Field numeric(std::uint8_t digits, std::uint8_t decimals) const {
    auto f = *this;
    f.precision = digits;
    f.scale = decimals;
    return f;
  }
  // The column's DEFAULT is the member's C++ default.
  [[nodiscard]] constexpr Field db_default() const {
    auto f = *this;
    f.flags |= kDbDefault;
    return f;
  }
  [[nodiscard]] constexpr Field describe(std::string_view text) const {
    auto f = *this;
    f.doc = text;
    return f;
  }
};

template <class R, class M>
constexpr Field<R, M> field(std::string_view name, M R::* member) {
  return Field<R, M>{.name = name, .member = member};
}

template <class R>
struct Tag {};

// --- type traits of member types -------------------------------------------------------------

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {
  using Inner = T;
};
template <class T>
inline constexpr bool kIsOptional = IsOptional<T>::value;

template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {
  using Item = T;
};
template <class T>
inline constexpr bool kIsVector = IsVector<T>::value;

template <class T>
struct IsCountMap : std::false_type {};
template <class V>
struct IsCountMap<std::map<std::string, V>> : std::true_type {
  using Mapped = V;
};
template <class T>
inline constexpr bool kIsMap = IsCountMap<T>::value;

template <class T>
struct IsJson : std::false_type {};
template <class T>
struct IsJson<Json<T>> : std::true_type {
  using Document = T;
};
template <class T>
inline constexpr bool kIsJson = IsJson<T>::value;
// A count (or other value) per value of a declared enumeration, e.g. findings by grade. Rendered
// with every enumerator as a key (absent ones as V{}), so its document lists them all.
template <class T>
struct IsEnumMap : std::false_type {};
template <DeclaredEnum E, class V>
struct IsEnumMap<std::map<E, V>> : std::true_type {
  using Key = E;
  using Mapped = V;
};
template <class T>
inline constexpr bool kIsEnumMap = IsEnumMap<T>::value;

// The non-optional type of a member (std::optional<T> -> T).
template <class T>
struct Unwrapped {
  using Type = T;
};
template <class T>
struct Unwrapped<std::optional<T>> {
  using Type = T;
};
template <class T>
using UnwrappedT = typename Unwrapped<T>::Type;

// Lists, maps and nested records: never a single column or SQL parameter. The faces reject them at
// run time where a declaration's source says they cannot occur (kit::Source decides at run time).
template <class T>
inline constexpr bool kIsComposite =
    kIsVector<T> || kIsMap<T> || kIsEnumMap<T> || requires { describe(Tag<T>{}); };

// Members that hold null without std::optional (a Scalar's std::monostate).
template <class T>
inline constexpr bool kIsNullable = kIsOptional<T> || std::is_same_v<T, Scalar>;

// Whether values of T can be compared for the change set (std::vector's operator== claims it can
// even when its items cannot).
template <class T>
inline constexpr bool kComparable = std::equality_comparable<T>;
template <class T>
inline constexpr bool kComparable<std::vector<T>> = kComparable<T>;
template <class T>
inline constexpr bool kComparable<std::optional<T>> = kComparable<T>;
template <class K, class V>
inline constexpr bool kComparable<std::map<K, V>> = kComparable<V>;

template <class T>
inline constexpr bool kIsInteger =
    std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char>;

// Whether a create body must carry the field: not when it may be null, is a list (absent: empty)
// or has a declared default, unless it is declared required().
template <class M, class F>
constexpr bool required_on_create(const F& f) {
  return f.has(kRequired) || (!kIsOptional<M> && !kIsVector<M> && !f.has(kDefaulted));
}

// --- the resource description -------------------------------------------------------------------

// A list filter that is not a plain field comparison (ranges, flags such as overdue=true). A
// declared filter may share a field's name: it then replaces the field's plain comparison. A
// kSortKey declares a sort key instead: lists accept sort=name and order by its `sql`, for an order
// no rendered field of the resource carries itself (the clause number of a nested clause).
enum class FilterKind : std::uint8_t {
  kFlag,       // true applies `sql` (no value), false applies nothing
  kWidens,     // the opposite flag: `sql` applies unless the request says true (include_archived)
  kDate,       // YYYY-MM-DD bound as {}
  kInteger,    // a positive id bound as {}
  kText,       // free text bound as {}
  kTimestamp,  // an RFC 3339 instant (2026-01-31T09:30:00Z) bound as {}
  kSortKey,    // not a filter: a sort key whose order is `sql` (a nested or joined record's column)
};
struct Filter {
  std::string_view name;
  FilterKind kind = FilterKind::kFlag;
  std::string_view sql;  // a condition; `{}` stands for the bound value (every occurrence)
  std::string_view doc = {};
};

struct Meta {
  std::string_view name;         // OpenAPI component of the read shape ("Finding")
  std::string_view noun = {};    // in messages ("finding 5 not found")
  std::string_view entity = {};  // audit trail entity type ("audit_finding")
  std::string_view table = {};   // empty: not stored on its own (a request body, a child view)
  std::string_view alias = {};   // the table's alias in generated SQL
  std::string_view joins = {};   // " JOIN ..." that expression fields need
  std::string_view where = {};   // condition every list applies (e.g. "f.archived_at IS NULL")
  std::string_view order = {};   // default list order before the id tiebreak ("f.created_at DESC")
  std::string_view path = {};    // the collection's URL; a created record is at path/{id}
};

template <class R, class Fields, std::size_t kFilters>
struct Resource {
  using Record = R;
  Meta meta;
  Fields fields;
  std::array<Filter, kFilters> filters;

  template <class... More>
  [[nodiscard]] constexpr Resource<R, Fields, kFilters + sizeof...(More)> with_filters(
      More... more) const {
    return with_filters_impl(std::make_index_sequence<kFilters>{}, more...);
  }

 private:
  template <std::size_t... kIndex, class... More>
  constexpr Resource<R, Fields, kFilters + sizeof...(More)> with_filters_impl(
      std::index_sequence<kIndex...> /*unused*/, More... more) const {
    return {meta, fields, {std::get<kIndex>(filters)..., more...}};
  }
};

template <class R, class... Fields>
constexpr Resource<R, std::tuple<Fields...>, 0> resource(Meta meta, Fields... fields) {
  return {meta, std::tuple<Fields...>{fields...}, {}};
}

// Everything a table-backed record carries: ADR-0010 keeps the standard columns in one place. A
// resource derives from it and lists kit::record_fields() in its description.
struct Record {
  std::int64_t id = 0;
  Timestamp created_at;
  Timestamp updated_at;
  std::optional<std::int64_t> created_by_id;
  std::optional<std::int64_t> updated_by_id;
  std::int64_t version = 1;
};

constexpr auto id_field() {
  return field("id", &Record::id).server().as(Role::kId).not_audited();
}
// The standard columns after a resource's own fields (created/updated stamps and the version).
constexpr auto record_fields() {
  return std::tuple{
      field("created_at", &Record::created_at).server().as(Role::kCreatedAt).sort().not_audited(),
      field("updated_at", &Record::updated_at).server().as(Role::kUpdatedAt).sort().not_audited(),
      field("created_by_id", &Record::created_by_id).server().as(Role::kCreatedBy).not_audited(),
      field("updated_by_id", &Record::updated_by_id).server().as(Role::kUpdatedBy).not_audited(),
      field("version", &Record::version).server().as(Role::kVersion).not_audited()};
}

// A resource with the standard record columns: id first, its own fields, then the stamps.
template <class R, class... Fields>
constexpr auto record_resource(Meta meta, Fields... fields) {
  auto all =
      std::tuple_cat(std::tuple{id_field()}, std::tuple<Fields...>{fields...}, record_fields());
  return Resource<R, decltype(all), 0>{meta, all, {}};
}

template <class R>
concept Described = requires { describe(Tag<R>{}); };

template <Described R>
inline constexpr auto kResource = describe(Tag<R>{});

// The record type of a children member (C or std::vector<C> of a declared C); void otherwise.
template <class M>
struct ChildOf {
  using Type = void;
};
template <class C>
  requires Described<C>
struct ChildOf<C> {
  using Type = C;
};
template <class C>
  requires Described<C>
struct ChildOf<std::vector<C>> {
  using Type = C;
};
template <class M>
using ChildOfT = typename ChildOf<M>::Type;

// A resource that is Base and more (R derives from Base): Base's fields as Base declares them, in
// its order, then `fields`. Base's list filters are not carried over.
template <class R, Described Base, class... Fields>
  requires std::derived_from<R, Base>
constexpr auto extend(Meta meta, Fields... fields) {
  auto all = std::tuple_cat(kResource<Base>.fields, std::tuple<Fields...>{fields...});
  return Resource<R, decltype(all), 0>{meta, all, {}};
}

template <Described R>
constexpr const Meta& meta() {
  return kResource<R>.meta;
}

template <Described R>
constexpr std::size_t field_count() {
  return std::tuple_size_v<std::remove_cvref_t<decltype(kResource<R>.fields)>>;
}

// Calls fn(field, index) for every field of R in declaration order.
template <Described R, class Fn>
constexpr void for_each_field(Fn&& fn) {
  [&]<std::size_t... kIndex>(std::index_sequence<kIndex...> /*unused*/) {
    (fn(std::get<kIndex>(kResource<R>.fields), kIndex), ...);
  }(std::make_index_sequence<field_count<R>()>{});
}

// The index of the field called `name`, or field_count<R>() when there is none.
template <Described R>
constexpr std::size_t field_index(std::string_view name) {
  std::size_t found = field_count<R>();
  for_each_field<R>([&](const auto& f, std::size_t index) {
    if (f.name == name) {
      found = index;
    }
  });
  return found;
}

// The lower limit declared for field `name` (code points or value).
template <Described R>
constexpr std::int64_t min_of(std::string_view name) {
  std::int64_t found = 0;
  for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
    if (f.name == name) {
      found = f.min;
    }
  });
  return found;
}

// The upper limit declared for field `name` (code points, value or items).
template <Described R>
constexpr std::int64_t max_of(std::string_view name) {
  std::int64_t found = 0;
  for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
    if (f.name == name) {
      found = f.max;
    }
  });
  return found;
}

template <Described R>
constexpr bool has_role(Role role) {
  bool found = false;
  for_each_field<R>([&](const auto& f, std::size_t /*index*/) { found = found || f.role == role; });
  return found;
}

// Compile-time checks every description must pass (used by static_assert in the kit's faces).
template <Described R>
constexpr bool well_formed() {
  bool ok = true;
  std::size_t index_a = 0;
  for_each_field<R>([&](const auto& a, std::size_t ia) {
    for_each_field<R>([&](const auto& b, std::size_t ib) {
      ok = ok && (ia == ib || a.name != b.name);  // wire names are unique
    });
    ok = ok && !a.name.empty();
    index_a = ia;
  });
  return ok && field_count<R>() <= 64 && index_a + 1 == field_count<R>();
}

}  // namespace qgp::kit
