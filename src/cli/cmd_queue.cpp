// reviewstation queue --db PATH [--quarantined] [--json]
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "core/domain/doc_type.hpp"
#include "core/store/store.hpp"

namespace {
// Orders whose photo stopped workstations twice in the middle of its analysis (store_quarantine.cpp).
int list_quarantined(rs::store::Store& store, bool as_json) {
  auto rows = store.quarantined();
  for (const auto& r : rows) {
    if (as_json) {
      nlohmann::json j = {{"order_no", r.order_no}, {"attempt", r.attempt_no},   {"doc_type_code", r.doc_type},
                          {"city", r.city},         {"cause", r.cause},          {"quarantined_at", r.quarantined_at},
                          {"starts", r.starts},     {"unfinished", r.unfinished}};
      std::printf("%s\n", j.dump().c_str());
    } else {
      std::printf("%-20s #%d  since %s  starts %d (%d unfinished)  %s\n", r.order_no.c_str(), r.attempt_no,
                  r.quarantined_at.c_str(), r.starts, r.unfinished, r.cause.c_str());
    }
  }
  if (!as_json) std::printf("%zu quarantined\n", rows.size());
  return 0;
}

int run_queue(const rs::cli::Args& args) {
  rs::store::Store store(args.required("--db"));
  bool as_json = args.has("--json");
  if (args.has("--quarantined")) return list_quarantined(store, as_json);
  auto rows = store.pending_queue();
  for (const auto& r : rows) {
    auto doc = rs::parse_doc_type(r.doc_type);
    std::string doc_zh = doc ? std::string(rs::doc_type_name_zh(*doc)) : r.doc_type;
    if (as_json) {
      nlohmann::json j = {{"order_no", r.order_no},
                          {"attempt", r.attempt_no},
                          {"doc_type", doc_zh},
                          {"doc_type_code", r.doc_type},
                          {"city", r.city},
                          {"submitted_at", r.submitted_at},
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

RS_COMMAND(
    "queue", "list pending orders, oldest first (or the quarantined ones)",
    "Pending orders, resubmissions first, then oldest first. With --json one object per line:\n"
    "order_no, attempt, doc_type, doc_type_code, city, submitted_at, lease_holder (null if free).\n\n"
    "--quarantined lists instead the orders taken out of the queue because decoding or analysing\n"
    "their photo stopped workstations twice (the process died before the analysis finished); with\n"
    "--json: order_no, attempt, doc_type_code, city, cause, quarantined_at, starts, unfinished.\n"
    "`reviewstation release` puts one back.",
    [](rs::cli::Args& a) {
      a.option("--db", "PATH", "the queue", true);
      a.flag("--quarantined", "list the quarantined orders");
      a.flag("--json", "one JSON object per line");
    },
    run_queue);
