// reviewstation training create|list|show|assign|edit|export|import|answer|scores: training sets
// of past cases for trainees (trainers and supervisors build, assign, edit and score them; the
// assigned trainee answers). Applicants' names and ID numbers are shown masked only.
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/command.hpp"
#include "cli/sign_in.hpp"
#include "core/store/store.hpp"
#include "core/util/clock.hpp"

namespace {
using rs::accounts::Actor;
using rs::cli::Args;
using rs::cli::UsageError;
using rs::store::Store;

constexpr std::size_t kMaxFileBytes = 8 * 1024 * 1024;

std::string codes(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& c : list) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::string verdict(const std::string& decision, const std::vector<std::string>& reasons) {
  return reasons.empty() ? decision : decision + " (" + codes(reasons) + ")";
}

std::string read_file(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError(std::string(what) + " '" + path + "' cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > kMaxFileBytes) throw UsageError(std::string(what) + " '" + path + "' is larger than 8 MB");
  return text.str();
}

// The orders file: one "ORDER_NO" or "ORDER_NO#ATTEMPT" a line; blank lines and lines starting
// with '#' are left out.
std::vector<std::string> order_lines(const std::string& path) {
  std::istringstream in(read_file(path, "the orders file"));
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    out.push_back(line.substr(start));
  }
  if (out.empty()) throw UsageError("the orders file '" + path + "' names no order");
  return out;
}

const std::string& positional(const Args& args, std::size_t i, const char* what) {
  if (args.positional().size() <= i)
    throw UsageError(std::string("training ") + args.positional()[0] + " needs " + what);
  return args.positional()[i];
}

rs::store::Outcome outcome_of(const std::string& word) {
  if (word == "approve") return rs::store::Outcome::Approve;
  if (word == "reject") return rs::store::Outcome::Reject;
  throw UsageError("say approve or reject, not '" + word + "'");
}

void print_case(const rs::store::TrainingCase& c) {
  std::printf("%3d  %s#%d  %s %s  %s %s\n", c.position, c.order_no.c_str(), c.attempt_no, c.doc_type.c_str(),
              c.city.c_str(), c.applicant_masked.c_str(), c.id_number_masked.c_str());
  std::printf("     decided by %s: %s%s\n", c.original_reviewer.c_str(),
              verdict(c.original_decision, c.original_reasons).c_str(), c.overturned ? ", overturned" : "");
  std::printf("     reference: %s%s%s\n", verdict(c.reference, c.reference_reasons).c_str(),
              c.note.empty() ? "" : "; note: ", c.note.c_str());
}

int create(Store& store, const Actor& actor, const Args& args) {
  rs::store::TrainingPick pick;
  pick.reason = args.value("--reason").value_or("");
  pick.doc_type = args.value("--doc-type").value_or("");
  pick.city = args.value("--city").value_or("");
  pick.difficult = args.has("--difficult");
  if (auto file = args.value("--orders")) pick.orders = order_lines(*file);
  pick.limit = args.integer("--limit", 20);  // an orders file takes every case it names
  const std::string feedback = args.value("--feedback").value_or("end");
  if (feedback != "end" && feedback != "immediate") throw UsageError("--feedback takes immediate or end");
  const auto info =
      store.create_training_set(actor, args.required("--name"),
                                feedback == "end" ? rs::store::Feedback::End : rs::store::Feedback::Immediate, pick);
  std::printf("training set %s: %d cases, feedback %s\n", info.name.c_str(), info.cases, feedback.c_str());
  return 0;
}

int list(Store& store, const Actor& actor) {
  std::printf("%-24s %6s %-10s %-12s %s\n", "set", "cases", "feedback", "created_by", "trainees");
  for (const auto& s : store.training_sets(actor))
    std::printf("%-24s %6d %-10s %-12s %s\n", s.name.c_str(), s.cases,
                s.feedback == rs::store::Feedback::End ? "end" : "immediate", s.created_by.c_str(),
                codes(s.trainees).c_str());
  return 0;
}

int show(Store& store, const Actor& actor, const Args& args) {
  const auto set = store.training_set(actor, positional(args, 1, "a SET"));
  std::printf("training set %s: %d cases, feedback %s, built by %s at %s, assigned to %s\n", set.info.name.c_str(),
              set.info.cases, set.info.feedback == rs::store::Feedback::End ? "end" : "immediate",
              set.info.created_by.c_str(), set.info.created_at.c_str(),
              set.info.trainees.empty() ? "nobody" : codes(set.info.trainees).c_str());
  for (const auto& c : set.cases) print_case(c);
  return 0;
}

int edit(Store& store, const Actor& actor, const Args& args) {
  const std::string& set = positional(args, 1, "a SET");
  const int position = std::atoi(positional(args, 2, "the case's position").c_str());
  std::optional<rs::store::Outcome> reference;
  if (args.positional().size() > 3) reference = outcome_of(args.positional()[3]);
  if (!reference && !args.value("--note")) throw UsageError("training edit needs approve|reject or --note");
  store.edit_training_case(actor, set, position, reference, args.list("--reason"), args.value("--note"));
  std::printf("training set %s case %d changed\n", set.c_str(), position);
  return 0;
}

void print_feedback(Store& store, const Actor& actor, const std::string& set) {
  int right = 0;
  const auto rows = store.training_feedback(actor, set, actor.name());
  for (const auto& r : rows) right += r.decision == r.reference.reference;
  std::printf("set %s finished: %d of %zu answers match the reference\n", set.c_str(), right, rows.size());
  for (const auto& r : rows) {
    std::printf("--- you: %s\n", verdict(r.decision, r.reasons).c_str());
    print_case(r.reference);
  }
}

int answer(Store& store, const Actor& actor, const Args& args) {
  const std::string set = args.required("--set");
  const auto outcome = outcome_of(positional(args, 1, "approve or reject"));
  const rs::Millis shown = rs::now_ms();
  const auto task = store.next_training_case(actor, set);
  if (!task) {
    std::fprintf(stderr, "training answer: every case of set %s is answered\n", set.c_str());
    return 5;
  }
  const auto res = store.answer_training_case(actor, {set, task->case_id, outcome, args.list("--reason"), shown});
  std::printf("answered case %d of %d (%s, %s %s): %s; %d left\n", res.position, res.total, task->doc_type.c_str(),
              task->applicant_masked.c_str(), task->id_number_masked.c_str(),
              verdict(res.decision, res.reasons).c_str(), res.total - res.answered);
  if (res.reference)
    std::printf("reference: %s; decided by %s: %s%s%s\n",
                verdict(res.reference->reference, res.reference->reference_reasons).c_str(),
                res.reference->original_reviewer.c_str(),
                verdict(res.reference->original_decision, res.reference->original_reasons).c_str(),
                res.reference->note.empty() ? "" : "; note: ", res.reference->note.c_str());
  else if (res.finished)
    print_feedback(store, actor, set);
  return 0;
}

int scores(Store& store, const Actor& actor, const Args& args) {
  const auto rows = store.training_scores(actor, args.value("--trainee").value_or(""));
  if (args.has("--json")) {
    for (const auto& s : rows) std::printf("%s\n", rs::figures::to_json(s).dump().c_str());
    return 0;
  }
  if (args.has("--csv")) {
    std::printf("%s\n", rs::figures::training_csv_header().c_str());
    for (const auto& s : rows) std::printf("%s\n", rs::figures::csv_row(s).c_str());
    return 0;
  }
  std::printf("%-12s %-24s %9s %8s %6s %8s\n", "trainee", "set", "answered", "accuracy", "kappa", "s/case");
  for (const auto& s : rows) {
    char kappa[16] = "-";
    if (s.kappa) std::snprintf(kappa, sizeof kappa, "%.2f", *s.kappa);
    std::printf("%-12s %-24s %4lld/%-4lld %7.0f%% %6s %8.1f\n", s.trainee.c_str(), s.set.c_str(), s.cases, s.set_cases,
                100.0 * s.accuracy, kappa, s.ms_per_case / 1000.0);
  }
  return 0;
}

int act(Store& store, const Actor& actor, const Args& args) {
  const std::string& action = args.positional()[0];
  if (action == "create") return create(store, actor, args);
  if (action == "list") return list(store, actor);
  if (action == "show") return show(store, actor, args);
  if (action == "edit") return edit(store, actor, args);
  if (action == "answer") return answer(store, actor, args);
  if (action == "scores") return scores(store, actor, args);
  if (action == "assign") {
    const std::string& set = positional(args, 1, "a SET");
    store.assign_training_set(actor, set, args.required("--to"));
    std::printf("training set %s assigned to %s\n", set.c_str(), args.required("--to").c_str());
    return 0;
  }
  if (action == "export") {
    const std::string out = args.required("--out");
    const std::string text = store.export_training_set(actor, positional(args, 1, "a SET"));
    std::ofstream file(out, std::ios::binary | std::ios::trunc);
    if (!(file << text << "\n")) throw UsageError("cannot write '" + out + "'");
    std::printf("training set %s written to %s\n", args.positional()[1].c_str(), out.c_str());
    return 0;
  }
  const std::string& path = positional(args, 1, "FILE.json");
  try {
    const auto info = store.import_training_set(actor, read_file(path, "the training file"));
    std::printf("training set %s imported: %d cases\n", info.name.c_str(), info.cases);
  } catch (const rs::store::Refusal& e) {
    if (e.why() != rs::store::Refusal::Why::BadTrainingFile) throw;
    throw rs::store::Refusal(e.why(), path + ": " + e.what() + "; nothing was written");
  }
  return 0;
}

int run_training(const Args& args) {
  static const std::vector<std::string> kActions = {"create", "list",   "show",   "assign", "edit",
                                                    "export", "import", "answer", "scores"};
  const std::string& action = args.positional()[0];
  if (std::find(kActions.begin(), kActions.end(), action) == kActions.end())
    throw UsageError("unknown action '" + action +
                     "': create, list, show, assign, edit, export, import, answer, scores");
  Store store(args.required("--db"));
  return rs::cli::run_refusing("training", 4, [&] { return act(store, rs::cli::sign_in(store, args), args); });
}
}  // namespace

RS_COMMAND(
    "training", "training sets of past cases: build, assign, answer, score",
    "Trainers and supervisors (--user) build sets from decided history and hand them to trainees:\n"
    "  training create --name SET [--reason CODE] [--doc-type T] [--city C] [--difficult] [--limit N]\n"
    "                  [--orders FILE] [--feedback end|immediate]\n"
    "    (the newest matching decisions, 20 unless --limit; --difficult: overturned, disagreed with by\n"
    "    a second review, or overruling the rule engine; --orders: one ORDER_NO or ORDER_NO#ATTEMPT a\n"
    "    line, alone). Each case's reference is the final decision and reasons after overturns.\n"
    "  training list | show SET | assign SET --to TRAINEE | edit SET N [approve|reject] [--reason A,B]\n"
    "           [--note TEXT] | export SET --out FILE.json | import FILE.json\n"
    "  training scores [--trainee NAME] [--json|--csv]: per trainee and set: cases, accuracy (the share\n"
    "    of outcomes matching the reference), Cohen's kappa, ms per case, per-reason precision/recall.\n"
    "A trainee answers the next case of an assigned set, as `decide` does for the live queue:\n"
    "  training answer --set SET approve|reject [--reason A,B]\n"
    "    (prints the reference at once under immediate feedback, every reference after the last case\n"
    "    under end feedback). Nothing of it reaches an applicant or the live queue.\n"
    "Exit 0 done; 4 refused (an unknown set, account or case, a file that does not parse); 5 every\n"
    "case is answered; 6 sign-in refused; 7 the account lacks the role.",
    [](rs::cli::Args& a) {
      a.option("--db", "PATH", "the queue", true);
      rs::cli::declare_sign_in(a);
      a.positionals("ACTION [ARG...]", "create|list|show|assign|edit|export|import|answer|scores, then its arguments",
                    1, 4);
      a.option("--name", "SET", "create: the new set's name");
      a.option("--reason", "CODE[,CODE]", "create: a reason the case's final decision names; answer/edit: reasons");
      a.option("--doc-type", "T", "create: a document type (code or Chinese name)");
      a.option("--city", "C", "create: a city (深圳 or 深圳市)");
      a.flag("--difficult", "create: overturned, second review disagreed, or the engine overruled");
      a.option("--limit", "N", "create: at most N cases (20)");
      a.option("--orders", "FILE", "create: the cases picked by hand, one ORDER_NO[#ATTEMPT] a line");
      a.option("--feedback", "WHEN", "create: end (default) or immediate");
      a.option("--to", "TRAINEE", "assign: the trainee");
      a.option("--out", "FILE.json", "export: where to write");
      a.option("--set", "SET", "answer: the set");
      a.option("--note", "TEXT", "edit: the trainer's note");
      a.option("--trainee", "NAME", "scores: one trainee only");
      a.flag("--json", "scores: one JSON object per trainee and set a line");
      a.flag("--csv", "scores: CSV");
    },
    run_training);
