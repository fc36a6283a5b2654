// Standards and their clause trees.

#include <utility>

#include <fmt/format.h>

#include "domain/common/records.hpp"
#include "domain/standards/archiving.hpp"
#include "domain/standards/rules.hpp"
#include "domain/standards/service.hpp"
#include "store/standards/standards_store.hpp"

namespace qgp::domain::standards {

namespace {

template <class View, class Node>
View tree_of(db::Connection& connection, std::int64_t id, bool include_archived,
             bool with_controls) {
  View view;
  static_cast<Standard&>(view) = common::get<Standard>(connection, id);
  const auto clauses = store::standards::clauses_of(connection, id, include_archived);
  const auto controls = with_controls
                            ? store::standards::controls_of(connection, id, include_archived)
                            : std::vector<Control>{};
  view.clauses = build_tree<Node>(clauses, controls);
  return view;
}

}  // namespace

Standard create_standard(db::Transaction& tx, const core::Actor& actor, const Standard& standard) {
  return unique_or_conflict([&] { return common::create(tx, actor, standard); },
                            fmt::format("a standard with code {} already exists", standard.code));
}

Standard update_standard(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                         const kit::Patch<Standard>& patch) {
  return common::update<Standard>(
      tx, actor, id, patch,
      [](const Standard& before, const Standard& /*after*/) { refuse_archived(before); });
}

void archive_standard(db::Transaction& tx, const core::Actor& actor, std::int64_t id) {
  archive<Standard>(tx, actor, id, [](const Standard& /*standard*/) {});
}

Standard restore_standard(db::Transaction& tx, const core::Actor& actor, std::int64_t id) {
  return restore<Standard>(tx, actor, id, [](const Standard& /*standard*/) {});
}

StandardDetail get_detail(db::Connection& connection, std::int64_t id, bool include_archived) {
  return tree_of<StandardDetail, model::standards::ClauseNode>(connection, id, include_archived,
                                                               false);
}

StandardTree get_tree(db::Connection& connection, std::int64_t id, bool include_archived) {
  return tree_of<StandardTree, model::standards::ClauseTreeNode>(connection, id, include_archived,
                                                                 true);
}

}  // namespace qgp::domain::standards
