// reviewstation resubmit --db PATH --token TOKEN PHOTO
#include <cstdio>
#include <filesystem>

#include "cli/command.hpp"
#include "core/store/store.hpp"
#include "core/util/file_read.hpp"

namespace {
int run_resubmit(const rs::cli::Args& args) {
  std::string db = args.required("--db");
  std::string token = args.required("--token");
  if (args.positional().size() != 1) throw rs::cli::UsageError("name exactly one PHOTO");
  // Capped while reading: a FIFO, a device or /dev/zero is refused instead of read until memory runs out.
  rs::util::FileRead photo = rs::util::read_regular_file(args.positional()[0], rs::util::kMaxPhotoBytes);
  if (!photo.ok()) {
    std::fprintf(stderr, "resubmit refused: %s\n", photo.error.c_str());
    return 4;
  }
  rs::store::Store store(db);
  try {
    auto r = store.resubmit(token, photo.bytes);
    std::printf("resubmitted order %s as attempt %d (at the front of the queue)\n", r.order_no.c_str(), r.attempt_no);
    return 0;
  } catch (const rs::store::Refusal& e) {
    std::fprintf(stderr, "resubmit refused: %s\n", e.what());
    return 4;
  }
}
}  // namespace

RS_COMMAND(
    "resubmit", "free resubmission after a failure notice",
    "Creates attempt N+1 of the order whose failure notice carries TOKEN, linked to the rejected\n"
    "attempt and placed at the front of the queue. A used or unknown token, or a photo that cannot\n"
    "be read (not a regular file, over 20 MB, not a decodable JPEG or PNG), is refused (exit 4);\n"
    "a refused photo leaves the token valid for the next try.",
    [](rs::cli::Args& a) {
      a.option("--db", "PATH", "the queue", true);
      a.option("--token", "TOKEN", "the failure notice's token", true);
      a.positionals("PHOTO", "the new photo", 1, 1);
    },
    run_resubmit);
