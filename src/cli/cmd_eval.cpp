// reviewstation eval --set DIR [--json] [--crop] [--threads N] [--doc TYPE]
// Scores the rule engine against hand labels: per label key the confusion counts, precision,
// recall, specificity, balanced accuracy, the rules that answer it and the photos it got wrong.
#include <cstdint>
#include <cstdio>

#include <nlohmann/json.hpp>
#include <opencv2/core/utility.hpp>

#include "cli/command.hpp"
#include "cli/thread_count.hpp"
#include "core/findings/labels.hpp"

namespace {
nlohmann::ordered_json maybe(const std::optional<double>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

std::string pct(const std::optional<double>& v) {
  if (!v) return "   -  ";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%5.1f%%", *v * 100);
  return buf;
}

int run_eval(const rs::cli::Args& args) {
  const std::string dir = args.required("--set");
  // The set's size is not known here; evaluate() hands each worker the next photo.
  const int threads = rs::cli::thread_count(args, "eval", SIZE_MAX, 2);
  if (threads > 1) cv::setNumThreads(1);
  auto engine = rs::findings::Engine::load();
  rs::findings::EvalOptions options;
  options.doc_type = args.value("--doc").value_or("id_card");
  options.threads = threads;
  options.crop = args.has("--crop");
  const auto report = rs::findings::evaluate(*engine, dir, options);
  for (const auto& p : report.problems) std::fprintf(stderr, "eval: %s\n", p.c_str());
  if (args.has("--json")) {
    for (const auto& k : report.keys) {
      auto rules = nlohmann::ordered_json::array();
      if (const auto* key = rs::findings::label_key(k.key))
        for (const auto& vote : key->rules)
          rules.push_back({{"rule", vote.rule_id}, {"counts", vote.warn_counts ? "warn_or_fail" : "fail"}});
      nlohmann::ordered_json j = {{"key", k.key},
                                  {"tp", k.tp},
                                  {"fp", k.fp},
                                  {"tn", k.tn},
                                  {"fn", k.fn},
                                  {"precision", maybe(k.precision())},
                                  {"recall", maybe(k.recall())},
                                  {"specificity", maybe(k.specificity())},
                                  {"balanced_accuracy", maybe(k.balanced_accuracy())},
                                  {"labelled", k.labelled()},
                                  {"unpredicted", k.unpredicted},
                                  {"unsure", k.unsure},
                                  {"rules", rules},
                                  {"wrong", k.wrong}};
      std::printf("%s\n", j.dump().c_str());
    }
  } else {
    std::printf("%d photos in %s\n%-24s %4s %4s %4s %4s %9s %7s %7s %7s %7s\n", report.photos, dir.c_str(), "key", "tp",
                "fp", "tn", "fn", "no answer", "prec", "recall", "spec", "bal.acc");
    for (const auto& k : report.keys)
      std::printf("%-24s %4d %4d %4d %4d %9d %7s %7s %7s %7s\n", k.key.c_str(), k.tp, k.fp, k.tn, k.fn, k.unpredicted,
                  pct(k.precision()).c_str(), pct(k.recall()).c_str(), pct(k.specificity()).c_str(),
                  pct(k.balanced_accuracy()).c_str());
    // Which rules answer which key: the mapping is part of the product, so the table says it.
    for (const auto& k : report.keys) {
      const auto* key = rs::findings::label_key(k.key);
      if (!key) continue;
      std::string rules;
      for (const auto& vote : key->rules) rules += (rules.empty() ? "" : ", ") + rs::findings::vote_text(vote);
      std::printf("rules %-20s %s%s\n", k.key.c_str(), rules.c_str(),
                  key->note.empty() ? "" : ("; " + key->note).c_str());
    }
    for (const auto& k : report.keys)
      for (const auto& w : k.wrong) std::printf("wrong %-20s %s\n", k.key.c_str(), w.c_str());
  }
  return report.problems.empty() ? 0 : 1;
}
}  // namespace

RS_COMMAND(
    "eval", "score the rule engine against labelled photos",
    "DIR holds photos and labels.json (photo -> label key -> true/false/null; \"faces\" is a count).\n"
    "Each label key is decided by one or more rules (e.g. hair_over_ears by hair.ears); the table's\n"
    "\"rules\" lines say which. Prints per key tp/fp/tn/fn, how many photos got no answer (cannot\n"
    "assess, or a rule not sure of its verdict), precision, recall, specificity and balanced accuracy\n"
    "(the mean of recall and specificity, over the answered photos), then the photos it got wrong.\n"
    "A key whose answered photos hold no positive (or no negative) has no recall (specificity) and\n"
    "no balanced accuracy: \"-\" in the table, null in JSON. --json prints one object per key per\n"
    "line: key, tp, fp, tn, fn, precision, recall, specificity, balanced_accuracy, labelled,\n"
    "unpredicted, unsure, rules ([{rule, counts: fail|warn_or_fail}]), wrong. Raw uploads are\n"
    "analysed as they are: rules\n"
    "that need the spec frame (its pixel size) cannot be assessed on them; with --crop each photo is also\n"
    "auto-cropped to the spec frame and head_size_off is judged on the crop. Exit code 1 when a\n"
    "label key is not understood or a photo cannot be read.",
    [](rs::cli::Args& a) {
      a.option("--set", "DIR", "photos and labels.json", true);
      a.flag("--json", "one JSON object per key");
      a.flag("--crop", "also judge the auto-crop");
      a.option("--threads", "N", "photos analysed at once (2)");
      a.option("--doc", "TYPE", "document type spec (id_card)");
    },
    run_eval);
