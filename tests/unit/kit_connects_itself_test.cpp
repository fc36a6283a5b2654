// An operation that connects itself (Operation::connects_itself): its handler runs before any
// pooled connection is taken, so a slow first step (password hashing) holds none, and it borrows
// connections only when it asks (Call::pool, Call::unit_of_work). Driven through the route table of
// a server that has no database: an operation that took a connection first would fail with 503.
#include <cstdint>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/routes.hpp"
#include "core/errors.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "kit/field.hpp"

namespace qgp::kit_connects_itself_test {

struct Word {
  std::int64_t id = 0;
  std::string text;
};
constexpr auto describe(kit::Tag<Word> /*unused*/) {
  return kit::resource<Word>({.name = "Word"}, kit::field("id", &Word::id).server(),
                             kit::field("text", &Word::text).text(1, 10));
}

// An answer that is not a stored record: no id, no Location.
struct Receipt {
  std::string text;
};
constexpr auto describe(kit::Tag<Receipt> /*unused*/) {
  return kit::resource<Receipt>({.name = "Receipt"}, kit::field("text", &Receipt::text).server());
}

http::ServerOptions without_database() {
  http::ServerOptions options;
  options.handle_signals = false;
  return options;
}

class KitConnectsItself : public ::testing::Test {
 protected:
  KitConnectsItself() {
    api::kit::Routes routes(server_, "test");
    routes.add<Word, Word>(api::kit::Operation{.method = "POST",
                                               .pattern = "/itself",
                                               .summary = "echo",
                                               .permission = {},
                                               .is_public = true,
                                               .connects_itself = true},
                           [this](api::kit::Call& call, const Word& word) {
                             ran_ = true;
                             EXPECT_THROW(static_cast<void>(call.connection()), std::logic_error);
                             return Word{.id = 1, .text = word.text + "!"};
                           });
    routes.add<Word, Receipt>(
        api::kit::Operation{.method = "POST",
                            .pattern = "/receipt",
                            .summary = "receipt",
                            .permission = {},
                            .status = 201,
                            .is_public = true,
                            .connects_itself = true},
        [](api::kit::Call& /*call*/, const Word& word) { return Receipt{.text = word.text}; });
    routes.add<Word, Word>(api::kit::Operation{.method = "POST",
                                               .pattern = "/pooled",
                                               .summary = "echo",
                                               .permission = {},
                                               .is_public = true},
                           [this](api::kit::Call& /*call*/, const Word& word) {
                             ran_ = true;
                             return word;
                           });
  }

  http::Response post(const std::string& path, const std::string& body) {
    http::Request request;
    request.method = "POST";
    request.target = path;
    request.path = path;
    request.body = body;
    const auto match = server_.router().match("POST", path);
    http::RequestContext context(request, {}, nullptr, nullptr);
    return match.route->handler(context);
  }

  http::Server server_{without_database()};
  bool ran_ = false;
};

TEST_F(KitConnectsItself, TheHandlerRunsHoldingNoConnection) {
  const auto response = post("/itself", R"({"text": "hello"})");
  EXPECT_TRUE(ran_);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(nlohmann::json::parse(response.body), nlohmann::json({{"id", 1}, {"text", "hello!"}}));
}

TEST_F(KitConnectsItself, AnOrdinaryOperationTakesAConnectionBeforeItsHandler) {
  EXPECT_THROW(post("/pooled", R"({"text": "hello"})"), core::Unavailable);
  EXPECT_FALSE(ran_);
}

TEST_F(KitConnectsItself, TheBodyIsStillParsedByTheDeclaration) {
  EXPECT_THROW(post("/itself", R"({"text": ""})"), core::ValidationError);
  EXPECT_FALSE(ran_);
}

TEST_F(KitConnectsItself, AnAnswerWithoutAnIdHasNoLocation) {
  const auto response = post("/receipt", R"({"text": "paid"})");
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(nlohmann::json::parse(response.body), nlohmann::json({{"text", "paid"}}));
  EXPECT_FALSE(response.header("Location").has_value());
}

}  // namespace qgp::kit_connects_itself_test
