#pragma once

#include <string>
#include <vector>

namespace qgp::testing {

// Every src= and href= value of an HTML page, in order (the pages the server embeds: /docs, /).
std::vector<std::string> referenced_urls(const std::string& html);

// Every <script ...>...</script> of a page: its attributes and its body (empty for a file).
struct ScriptTag {
  std::string tag;  // the whole element, for messages
  std::string attributes;
  std::string body;
};
std::vector<ScriptTag> script_tags(const std::string& html);

}  // namespace qgp::testing
