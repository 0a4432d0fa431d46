// reviewstation audit verify --db PATH [--head HEAD] [--json]
// reviewstation audit head --db PATH [--json]
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/sign_in.hpp"
#include "core/store/store.hpp"

namespace {
using nlohmann::json;
using Store = rs::store::Store;

constexpr int kExitBroken = 20;

// --head as `audit head` printed it: "ROWS:HEX", the bare HEX, or its --json object.
std::string kept_head_text(const std::string& given) {
  if (given.empty() || given.front() != '{') return given;
  const auto j = json::parse(given, nullptr, false);
  if (!j.is_object() || !j.contains("rows") || !j["rows"].is_number_integer() || !j.contains("head") ||
      !j["head"].is_string())
    throw rs::cli::UsageError("--head takes what `audit head` printed: ROWS:HEX, HEX or {\"rows\": N, \"head\": HEX}");
  return std::to_string(j["rows"].get<std::int64_t>()) + ":" + j["head"].get<std::string>();
}

json report_json(const Store::AuditReport& r) {
  json j = {{"intact", !r.problem},
            {"rows", r.rows},
            {"legacy_rows", r.legacy_rows},
            {"head", r.head},
            {"decisions", r.decisions},
            {"attempts", r.attempts},
            {"revocations", r.revocations},
            {"overturns", r.overturns},
            {"second_reviews", r.second_reviews},
            {"accounts", r.accounts},
            {"training", r.training},
            {"gold", r.gold},
            {"waiting_rows", r.waiting_rows},
            {"kept_head_row", nullptr},
            {"problem", nullptr}};
  if (r.kept_head_row) j["kept_head_row"] = *r.kept_head_row;
  if (r.problem) j["problem"] = {{"row", r.problem->row}, {"kind", r.problem->kind}, {"what", r.problem->what}};
  return j;
}

void print_report(const Store::AuditReport& r) {
  if (const auto& p = r.problem) {
    const std::string where = p->row > 0 ? " at row " + std::to_string(p->row) : std::string();
    std::printf("audit log broken%s (%s): %s\n", where.c_str(), p->kind.c_str(), p->what.c_str());
    return;
  }
  std::printf(
      "audit log intact: %lld rows (%lld of the old form), head %s; %lld decisions, %lld attempts, %lld "
      "revocations, %lld overturns, %lld second reviews, %lld accounts, %lld training and %lld settings and gold rows "
      "match their rows",
      static_cast<long long>(r.rows), static_cast<long long>(r.legacy_rows), r.head.c_str(),
      static_cast<long long>(r.decisions), static_cast<long long>(r.attempts), static_cast<long long>(r.revocations),
      static_cast<long long>(r.overturns), static_cast<long long>(r.second_reviews), static_cast<long long>(r.accounts),
      static_cast<long long>(r.training), static_cast<long long>(r.gold));
  if (r.kept_head_row) std::printf("; the kept head is row %lld", static_cast<long long>(*r.kept_head_row));
  if (r.waiting_rows > 0)
    std::printf("; %lld rows committed during the check wait to be chained", static_cast<long long>(r.waiting_rows));
  std::printf("\n");
}

int audit_signed_in(Store& store, const std::string& verb, const rs::cli::Args& args);

int run_audit(const rs::cli::Args& args) {
  const std::string& verb = args.positional().at(0);
  if (verb != "verify" && verb != "head")
    throw rs::cli::UsageError("the verbs are 'verify' and 'head', not '" + verb + "'");
  // Opening a missing file would create an empty queue, whose empty log is "intact".
  const std::string db = args.required("--db");
  const bool server = db.starts_with("postgresql://") || db.starts_with("postgres://");
  if (!server && !std::filesystem::is_regular_file(db))
    throw rs::cli::UsageError("--db " + db + " is not a queue file");
  Store store(db);
  if (verb == "head" && args.has("--head")) throw rs::cli::UsageError("--head belongs to 'audit verify'");
  return rs::cli::run_refusing("audit", 4, [&] { return audit_signed_in(store, verb, args); });
}

int audit_signed_in(Store& store, const std::string& verb, const rs::cli::Args& args) {
  const auto actor = rs::cli::sign_in(store, args);
  if (verb == "head") {
    const auto h = store.audit_head(actor);
    if (args.has("--json"))
      std::printf("%s\n", nlohmann::ordered_json{{"rows", h.rows}, {"head", h.head}}.dump().c_str());
    else
      std::printf("%lld:%s\n", static_cast<long long>(h.rows), h.head.c_str());
    return 0;
  }
  std::optional<std::string> head;
  if (auto given = args.value("--head")) head = kept_head_text(*given);
  Store::AuditReport report;
  try {
    report = store.audit_verify(actor, head);
  } catch (const rs::store::Refusal& e) {
    if (e.why() == rs::store::Refusal::Why::NotPermitted) throw;
    throw rs::cli::UsageError(e.what());
  }
  if (args.has("--json"))
    std::printf("%s\n", report_json(report).dump().c_str());
  else
    print_report(report);
  return report.problem ? kExitBroken : 0;
}
}  // namespace

RS_COMMAND(
    "audit", "verify the tamper-evident audit log, or print its head",
    "verify walks the hash chain (each row's hash by its form, ids, links) and checks every decision,\n"
    "image number, notice, attempt and order against its audit row. Exit 0 when intact; exit 20\n"
    "with one line naming the first bad row and what is wrong (edited, deleted, inserted,\n"
    "reordered, wrong form, kept head missing, mismatch with the tables).\n"
    "head prints ROWS:HEX (--json: {\"rows\": N, \"head\": \"HEX\"}); keep it outside the database.\n"
    "verify --head HEAD (either form, or the bare HEX) also proves that head is still in the chain,\n"
    "so a tail rewritten with every hash recomputed is caught. Both only read the database (the\n"
    "sign-in of --user, a supervisor or an admin, is itself a row of the log).\n"
    "Exit 6 sign-in refused; 7 the account is neither a supervisor nor an admin.",
    [](rs::cli::Args& a) {
      a.positionals("VERB", "verify | head", 1, 1);
      a.option("--db", "PATH", "the queue", true);
      a.option("--head", "HEAD", "verify: a head printed earlier by `audit head`");
      a.flag("--json", "one JSON object");
      rs::cli::declare_sign_in(a);
    },
    run_audit);
