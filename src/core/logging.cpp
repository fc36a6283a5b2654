#include "core/logging.hpp"

#include <memory>

#include <nlohmann/json.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "core/clock.hpp"

namespace qgp::core::log {

namespace {

spdlog::level::level_enum to_spdlog(Level level) {
  switch (level) {
    case Level::kTrace:
      return spdlog::level::trace;
    case Level::kDebug:
      return spdlog::level::debug;
    case Level::kInfo:
      return spdlog::level::info;
    case Level::kWarn:
      return spdlog::level::warn;
    case Level::kError:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

std::shared_ptr<spdlog::logger>& logger() {
  static std::shared_ptr<spdlog::logger> instance = [] {
    auto created = spdlog::stderr_logger_mt("qgp");
    created->set_pattern("%v");
    created->set_level(spdlog::level::info);
    return created;
  }();
  return instance;
}

}  // namespace

void init(std::string_view level) {
  logger()->set_level(spdlog::level::from_str(std::string(level)));
  logger()->flush_on(spdlog::level::info);
}

bool enabled(Level level) {
  return logger()->should_log(to_spdlog(level));
}

void write(Level level, std::string_view event, const std::vector<Field>& fields) {
  const auto spd_level = to_spdlog(level);
  if (!logger()->should_log(spd_level)) {
    return;
  }
  nlohmann::json line = nlohmann::json::object();
  line["ts"] = format_rfc3339(Clock::now());
  line["level"] = std::string(spdlog::level::to_string_view(spd_level).data(),
                              spdlog::level::to_string_view(spd_level).size());
  line["event"] = std::string(event);
  for (const auto& [key, value] : fields) {
    line[std::string(key)] = value;
  }
  // replace: invalid UTF-8 from a client never breaks the log line
  logger()->log(spd_level, "{}",
                line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace qgp::core::log
