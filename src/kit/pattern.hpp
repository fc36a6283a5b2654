#pragma once

// Text patterns of the declarations (kit::Field::matching): the one regular expression a field's
// text must match, read alike by this check, OpenAPI's `pattern` and PostgreSQL's `~` (the patterns
// declared use only what the three share: classes, anchors, groups, `+ * ?` and escaped dots).
// std::regex stays in the .cpp so the headers that include this one stay light.

#include <string_view>

namespace qgp::kit {

// Whether `text` contains a match of `pattern` (as `text ~ pattern` does in PostgreSQL).
bool matches(std::string_view pattern, std::string_view text);

}  // namespace qgp::kit
