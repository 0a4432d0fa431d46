// reviewstation export --db PATH
#include <iostream>

#include "cli/command.hpp"
#include "core/store/store.hpp"

namespace {
int run_export(const rs::cli::Args& args) {
  rs::store::Store store(args.required("--db"));
  store.export_decisions(std::cout);
  return 0;
}
}  // namespace

RS_COMMAND(
    "export", "print every decided attempt as JSON lines",
    "One JSON object per line per decided attempt: order_no, attempt, doc_type, city, decision\n"
    "(approved|rejected), reasons (codes), reviewer, decided_at, review_ms, findings (what was on\n"
    "screen: per verdict and rule family [rule, value, score, note], and the spec they were judged\n"
    "by), image_number and expires_on (approved) or notice (rejected: applicant-facing text per\n"
    "reason and the resubmission token).",
    [](rs::cli::Args& a) { a.option("--db", "PATH", "the queue", true); }, run_export);
