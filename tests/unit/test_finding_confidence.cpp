// A finding the engine is not sure of says so, and the saying survives every place a finding goes:
// check --json (to_json), the decision's record, and never as a failure that pre-selects a reason.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/findings/decision_record.hpp"
#include "core/findings/measure.hpp"
#include "core/i18n/text.hpp"

using namespace rs::findings;

namespace {
Finding failing(std::string rule) {
  Finding f;
  f.rule_id = std::move(rule);
  f.verdict = Verdict::Fail;
  f.value = 0.72;
  f.score = 12;
  f.reason_code = "HAIR_EARS";
  return f;
}
}  // namespace

TEST_CASE("an unsure finding warns instead of failing, names its cause and suggests no reason") {
  Analysis a;
  a.findings.push_back(failing("hair.ears"));
  mark_unsure(a.findings[0], Cause::CheeksHidden);
  const Finding& f = a.findings[0];
  CHECK(f.verdict == Verdict::Warn);
  CHECK(f.confidence == Confidence::Low);
  CHECK(f.detail_key == "cannot_assess.cheeks_hidden");
  CHECK(f.detail == std::string(rs::tr_in(rs::Language::English, "cannot_assess.cheeks_hidden")));
  CHECK(f.score == 12);  // the measured value and score stay what they were
  CHECK(a.suggested_reasons().empty());

  Finding pass = failing("hair.shoulders");
  pass.verdict = Verdict::Pass;
  pass.detail = "one side only";
  mark_unsure(pass, "cannot_assess.face_too_small", "face too small");
  CHECK(pass.verdict == Verdict::Pass);  // a pass stays a pass, only less sure
  CHECK(pass.confidence == Confidence::Low);
  CHECK(pass.detail == "face too small; one side only");  // the measure's own note is kept

  Finding cannot = failing("geometry.head_top");
  cannot.verdict = Verdict::CannotAssess;
  mark_unsure(cannot, Cause::CrownTooSmall);
  CHECK(cannot.confidence == Confidence::High);  // nothing was judged, so nothing to doubt
  CHECK(cannot.detail_key.empty());
}

TEST_CASE("confidence goes into check --json and the decision's record, and reads back") {
  Analysis a;
  a.spec_id = "id_card:0123456789abcdef";
  a.findings.push_back(failing("mouth.closed"));
  a.findings.push_back(failing("hair.ears"));
  mark_unsure(a.findings[1], Cause::CheeksHidden);
  Finding sure_note = failing("hair.eyebrows");
  sure_note.verdict = Verdict::Warn;
  sure_note.detail = "one side only";
  a.findings.push_back(sure_note);

  const nlohmann::json j = a;
  CHECK(j.at("findings").at(0).at("confidence") == "high");
  CHECK(j.at("findings").at(1).at("confidence") == "low");
  const Analysis back_json = j.get<Analysis>();
  CHECK(back_json.findings.at(1).confidence == Confidence::Low);
  CHECK(back_json.findings.at(0).confidence == Confidence::High);

  const std::string record = decision_record_json(a);
  const auto r = nlohmann::json::parse(record);
  CHECK(r.at("fail").at("mouth").at(0).size() == 3);  // a sure row without a note stays [rule, value, score]
  CHECK(r.at("warn").at("hair").at(0).size() == 6);   // the unsure one: note, key, "low"
  CHECK(r.at("warn").at("hair").at(0).at(5) == "low");
  CHECK(r.at("warn").at("hair").at(1).size() == 4);  // a sure note: no confidence element
  const DecisionRecord back = read_decision_record(record);
  int low = 0;
  for (const auto& f : back.findings) {
    CAPTURE(f.rule_id);
    CHECK(f.confidence == (f.rule_id == "hair.ears" ? Confidence::Low : Confidence::High));
    low += f.confidence == Confidence::Low;
  }
  CHECK(low == 1);
  // A record without the element (every record written before) reads as sure.
  const DecisionRecord old = read_decision_record(R"({"v":2,"spec":"x","warn":{"hair":[["ears",0.7,20,"n","k"]]}})");
  REQUIRE(old.findings.size() == 1);
  CHECK(old.findings[0].confidence == Confidence::High);
}
