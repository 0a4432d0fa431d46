// reviewstation ingest --db PATH MANIFEST.json
#include <cstdio>

#include "cli/command.hpp"
#include "core/store/store.hpp"

namespace {
int run_ingest(const rs::cli::Args& args) {
  std::string db = args.required("--db");
  if (args.positional().size() != 1) throw rs::cli::UsageError("name exactly one MANIFEST.json");
  rs::store::Store store(db);
  auto report = store.ingest_manifest(args.positional()[0]);
  for (const auto& item : report.items) {
    std::string who = item.order_no.empty() ? "item #" + std::to_string(item.index + 1) : "order " + item.order_no;
    using S = rs::store::IngestItem::Status;
    if (item.status == S::Refused)
      std::fprintf(stderr, "refused %s (item #%zu): %s\n", who.c_str(), item.index + 1, item.error.c_str());
    else if (item.status == S::AlreadyPresent)
      std::printf("unchanged %s: already in the queue\n", who.c_str());
  }
  std::printf("ingest: %d enqueued, %d already present, %d refused\n", report.enqueued, report.already_present,
              report.refused);
  return report.refused > 0 ? 3 : 0;
}
}  // namespace

RS_COMMAND("ingest", "enqueue orders from a JSON manifest",
           "usage: reviewstation ingest --db PATH MANIFEST.json\n\n"
           "MANIFEST.json is a JSON array of objects with the keys order_no, applicant_name, id_number,\n"
           "doc_type (身份证 社保卡 居住证 港澳通行证 护照 驾驶证), city (one of Guangdong's 21 cities, e.g.\n"
           "深圳 or 深圳市; a province is refused), channel, photo (path relative to the manifest's folder\n"
           "unless absolute) and submitted_at (ISO 8601).\n"
           "Every bad item gets one line on stderr and is not enqueued; good items still go in; an order_no\n"
           "already present changes nothing. Exit code 3 when any item was refused.",
           {}, run_ingest);
