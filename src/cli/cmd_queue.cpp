// reviewstation queue --db PATH [--json]
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "core/domain/doc_type.hpp"
#include "core/store/store.hpp"

namespace {
int run_queue(const rs::cli::Args& args) {
  rs::store::Store store(args.required("--db"));
  auto rows = store.pending_queue();
  bool as_json = args.has("--json");
  for (const auto& r : rows) {
    auto doc = rs::parse_doc_type(r.doc_type);
    std::string doc_zh = doc ? std::string(rs::doc_type_name_zh(*doc)) : r.doc_type;
    if (as_json) {
      nlohmann::json j = {{"order_no", r.order_no}, {"attempt", r.attempt_no}, {"doc_type", doc_zh},
                          {"doc_type_code", r.doc_type}, {"city", r.city}, {"submitted_at", r.submitted_at},
                          {"lease_holder", r.lease_owner ? nlohmann::json(*r.lease_owner) : nlohmann::json(nullptr)}};
      std::printf("%s\n", j.dump().c_str());
    } else {
      std::printf("%-20s #%d  %-8s %-6s %s%s\n", r.order_no.c_str(), r.attempt_no, doc_zh.c_str(), r.city.c_str(),
                  r.submitted_at.c_str(), r.lease_owner ? ("  held by " + *r.lease_owner).c_str() : "");
    }
  }
  if (!as_json) std::printf("%zu pending\n", rows.size());
  return 0;
}
}  // namespace

RS_COMMAND("queue", "list pending orders, oldest first",
           "usage: reviewstation queue --db PATH [--json]\n\n"
           "Pending orders, resubmissions first, then oldest first. With --json one object per line:\n"
           "order_no, attempt, doc_type, doc_type_code, city, submitted_at, lease_holder (null if free).",
           {"--json"}, run_queue);
