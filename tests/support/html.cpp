#include "support/html.hpp"

#include <regex>

namespace qgp::testing {

std::vector<std::string> referenced_urls(const std::string& html) {
  static const std::regex kAttribute(R"re((?:src|href)="([^"]*)")re");
  std::vector<std::string> urls;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kAttribute);
       it != std::sregex_iterator(); ++it) {
    urls.push_back((*it)[1].str());
  }
  return urls;
}

std::vector<ScriptTag> script_tags(const std::string& html) {
  static const std::regex kScript(R"(<script([^>]*)>([^<]*)</script>)");
  std::vector<ScriptTag> scripts;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kScript);
       it != std::sregex_iterator(); ++it) {
    scripts.push_back(
        {.tag = (*it)[0].str(), .attributes = (*it)[1].str(), .body = (*it)[2].str()});
  }
  return scripts;
}

}  // namespace qgp::testing
