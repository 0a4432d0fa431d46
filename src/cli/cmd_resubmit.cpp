// reviewstation resubmit --db PATH --token TOKEN PHOTO
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "cli/command.hpp"
#include "core/store/store.hpp"

namespace {
int run_resubmit(const rs::cli::Args& args) {
  std::string db = args.required("--db");
  std::string token = args.required("--token");
  if (args.positional().size() != 1) throw rs::cli::UsageError("name exactly one PHOTO");
  std::filesystem::path photo = args.positional()[0];
  std::ifstream in(photo, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "resubmit: cannot read photo '%s'\n", photo.c_str());
    return 1;
  }
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  rs::store::Store store(db);
  try {
    auto r = store.resubmit(token, bytes);
    std::printf("resubmitted order %s as attempt %d (at the front of the queue)\n", r.order_no.c_str(), r.attempt_no);
    return 0;
  } catch (const rs::store::ResubmitRefused& e) {
    std::fprintf(stderr, "resubmit refused: %s\n", e.what());
    return 4;
  }
}
}  // namespace

RS_COMMAND("resubmit", "free resubmission after a failure notice",
           "usage: reviewstation resubmit --db PATH --token TOKEN PHOTO\n\n"
           "Creates attempt N+1 of the order whose failure notice carries TOKEN, linked to the rejected\n"
           "attempt and placed at the front of the queue. A used or unknown token is refused (exit 4).",
           {}, run_resubmit);
