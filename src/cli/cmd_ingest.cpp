// reviewstation ingest --db PATH [--photos-root DIR] MANIFEST.json
#include <cstdio>

#include "cli/command.hpp"
#include "core/store/store.hpp"
#include "core/util/file_read.hpp"

namespace {
int run_ingest(const rs::cli::Args& args) {
  std::string db = args.required("--db");
  if (args.positional().size() != 1) throw rs::cli::UsageError("name exactly one MANIFEST.json");
  std::optional<std::filesystem::path> root;
  if (auto r = args.value("--photos-root")) root = *r;
  rs::store::Store store(db);
  auto report = store.ingest_manifest(args.positional()[0], root);
  for (const auto& item : report.items) {
    std::string who = item.order_no.empty() ? "item #" + std::to_string(item.index + 1) : "order " + item.order_no;
    using S = rs::store::IngestItem::Status;
    if (item.status == S::Refused || item.status == S::PhotoRefused)
      std::fprintf(stderr, "refused %s (item #%zu): %s\n", who.c_str(), item.index + 1, item.error.c_str());
    else if (item.status == S::AlreadyPresent)
      std::printf("unchanged %s: already in the queue\n", who.c_str());
  }
  std::printf(
      "ingest: %d enqueued, %d already present, %d refused (%d of them recorded with a failure notice to the "
      "applicant)\n",
      report.enqueued, report.already_present, report.refused + report.photo_refused, report.photo_refused);
  return report.refused + report.photo_refused > 0 ? 3 : 0;
}
}  // namespace

RS_COMMAND(
    "ingest", "enqueue orders from a JSON manifest",
    "MANIFEST.json is a JSON array of objects with the keys order_no (1-64 of A-Z a-z 0-9 - _),\n"
    "applicant_name (1-50 characters, no control characters), id_number, doc_type (身份证 社保卡 居住证\n"
    "港澳通行证 护照 驾驶证), city (one of Guangdong's 21 cities, e.g. 深圳 or 深圳市; a province is\n"
    "refused), channel (optional, up to 32 characters), photo and submitted_at (ISO 8601, a real date\n"
    "from 2020 to tomorrow). Text must be valid UTF-8; an item that repeats a key is refused.\n"
    "photo is a path inside the manifest's folder (or inside --photos-root DIR): '..' leaving that\n"
    "folder, absolute paths elsewhere, links pointing out of it, devices, FIFOs and /proc are refused.\n"
    "Every photo is decoded before it is enqueued. A well-formed order whose photo cannot be read (not\n"
    "a JPEG or PNG, truncated, corrupt, too large) is recorded as rejected by 'system' with a failure\n"
    "notice, a free resubmission token and a message for the applicant; it never reaches a reviewer.\n"
    "Every bad item gets one line on stderr; good items still go in; an order_no already present\n"
    "changes nothing. Exit code 3 when any item was refused.",
    [](rs::cli::Args& a) {
      a.option("--db", "PATH", "the queue", true);
      a.option("--photos-root", "DIR", "folder the photo paths are inside");
      a.positionals("MANIFEST", "MANIFEST.json", 1, 1);
    },
    run_ingest);
