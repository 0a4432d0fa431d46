// reviewstation verify --db PATH NUMBER --city CITY --doc DOCTYPE
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "core/store/store.hpp"

namespace {
// One exit code per answer so a desk's script can branch on it.
int exit_code(rs::store::VerifyAnswer a) {
  using A = rs::store::VerifyAnswer;
  switch (a) {
    case A::Valid: return 0;
    case A::Expired: return 10;
    case A::WrongCity: return 11;
    case A::WrongDocType: return 12;
    case A::Revoked: return 13;
    case A::Unknown: return 14;
    case A::Malformed: return 15;
  }
  return 1;
}

int run_verify(const rs::cli::Args& args) {
  std::string db = args.required("--db");
  if (args.positional().size() != 1) throw rs::cli::UsageError("name exactly one image NUMBER");
  std::string city = args.required("--city");
  std::string doc = args.required("--doc");
  rs::store::Store store(db);
  rs::store::VerifyResult r;
  try {
    r = store.verify(args.positional()[0], city, doc);
  } catch (const rs::store::Refusal& e) {
    throw rs::cli::UsageError(e.what());
  }
  if (args.has("--json")) {
    nlohmann::json j = {
        {"number", args.positional()[0]}, {"answer", rs::store::verify_answer_code(r.answer)}, {"detail", r.detail}};
    if (!r.expires_on.empty()) j["expires_on"] = r.expires_on;
    std::printf("%s\n", j.dump().c_str());
  } else {
    std::printf("%s: %s\n", std::string(rs::store::verify_answer_code(r.answer)).c_str(), r.detail.c_str());
  }
  return exit_code(r.answer);
}
}  // namespace

RS_COMMAND(
    "verify", "check an image number as an issuing desk does",
    "Answers one of, with its exit code:\n"
    "  valid (0, with expiry)  expired (10)  wrong_city (11)  wrong_doc_type (12)\n"
    "  revoked (13)  unknown (14)  malformed (15: fails the format or its check character)\n"
    "A bad --city or --doc is a usage error (2).",
    [](rs::cli::Args& a) {
      a.option("--db", "PATH", "the queue", true);
      a.positionals("NUMBER", "the image number", 1, 1);
      a.option("--city", "CITY", "the desk's city", true);
      a.option("--doc", "DOCTYPE", "the document type", true);
      a.flag("--json", "one JSON object");
    },
    run_verify);
