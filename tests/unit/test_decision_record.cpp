// The findings a decision keeps: everything the reviewer read, none of the drawing aids, in a form
// that neither depends on the screen's language nor spills out of one database page.
#include <doctest/doctest.h>

#include <regex>

#include <nlohmann/json.hpp>

#include "core/findings/decision_record.hpp"
#include "core/store/sqlite.hpp"
#include "core/store/store.hpp"
#include "store_fixture.hpp"
#include "test_findings_support.hpp"

using namespace rs::findings;

namespace {
Finding finding(std::string rule, Verdict v, double value, std::string threshold) {
  Finding f;
  f.rule_id = std::move(rule);
  f.verdict = v;
  f.value = value;
  f.unit = "ratio";
  f.threshold = std::move(threshold);
  f.score = 19;
  f.reason_code = "EXPRESSION";
  f.geometry.push_back({ShapeKind::Points, std::vector<Point>(68, Point{120.5, 200.25}), "0.084"});
  f.map.cols = f.map.rows = 16;
  f.map.values.assign(256, 200);
  return f;
}

Analysis three_findings() {
  Analysis a;
  a.spec_id = "id_card:0123456789abcdef";
  a.findings.push_back(finding("mouth.closed", Verdict::Fail, 0.08412899218409979, "≤ 0.04（注意 ≤ 0.07）"));
  a.findings.push_back(finding("pose.roll", Verdict::Pass, -1.5, "±8°"));
  Finding odd = finding("photo.cannot_assess", Verdict::CannotAssess, 0, "");
  odd.detail = "truncated \"JPEG\"";
  odd.detail_key = "cannot_assess.truncated";
  odd.score = -1;
  a.findings.push_back(odd);
  Finding noted = finding("hair.eyebrows", Verdict::Warn, 0.62, "≤ 0.35（注意 ≤ 0.55）");
  noted.detail = "one side only (other side 0%)";
  a.findings.push_back(noted);
  return a;
}

const Finding* by_rule(const std::vector<Finding>& v, std::string_view id) {
  for (const auto& f : v)
    if (f.rule_id == id) return &f;
  return nullptr;
}
}  // namespace

TEST_CASE("a decision's findings record reads back as verdicts, values, scores and notes") {
  const Analysis a = three_findings();
  const DecisionRecord back = read_decision_record(decision_record_json(a));
  CHECK(back.spec_id == a.spec_id);
  REQUIRE(back.findings.size() == a.findings.size());
  for (const auto& want : a.findings) {
    CAPTURE(want.rule_id);
    const Finding* got = by_rule(back.findings, want.rule_id);
    REQUIRE(got);
    CHECK(got->verdict == want.verdict);
    CHECK(got->value == doctest::Approx(want.value).epsilon(1e-3));
    CHECK(got->score == want.score);
    CHECK(got->detail == want.detail);
    CHECK(got->detail_key == want.detail_key);
    CHECK(got->geometry.empty());
    CHECK(got->map.empty());
  }
  // Failures first, as the reviewer saw them.
  CHECK(back.findings.front().rule_id == "mouth.closed");
}

TEST_CASE("the record holds no screen text: thresholds, units and reasons follow from the spec") {
  const std::string record = decision_record_json(three_findings());
  CHECK(record.find("注意") == std::string::npos);
  CHECK(record.find("threshold") == std::string::npos);
  CHECK(record.find("EXPRESSION") == std::string::npos);
  const auto j = nlohmann::json::parse(record);
  CHECK(j.at("v") == 2);
  CHECK(j.at("fail").at("mouth").size() == 1);
  CHECK(j.at("warn").at("hair").at(0).at(0) == "eyebrows");
  CHECK(j.at("pass").at("pose").at(0).size() == 3);            // no note: [rule, value, score]
  CHECK(j.at("cannot_assess").at("photo").at(0).size() == 5);  // note and its text key
}

TEST_CASE("records written before version 2 (an array of finding objects) still read") {
  const std::string v1 =
      R"([{"rule_id":"pose.roll","verdict":"warn","value":7.1,"unit":"deg","threshold":"±6°","score":41,"reason_code":"HEAD_POSE"}])";
  const DecisionRecord r = read_decision_record(v1);
  CHECK(r.spec_id.empty());
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].verdict == Verdict::Warn);
  CHECK(r.findings[0].threshold == "±6°");
  CHECK(read_decision_record("[]").findings.empty());
}

TEST_CASE("a broken record is refused with a reason, not misread") {
  CHECK_THROWS_AS(read_decision_record("{not json"), std::invalid_argument);
  CHECK_THROWS_AS(read_decision_record(R"({"v":3})"), std::invalid_argument);
  CHECK_THROWS_AS(read_decision_record(R"({"v":2,"pass":[["pose.roll",1,2]]})"), std::invalid_argument);
  CHECK_THROWS_AS(read_decision_record(R"({"v":2,"pass":{"pose":[["roll"]]}})"), std::invalid_argument);
}

TEST_CASE("a real photo's record names its spec and fits one 2 KB page beside the decision's columns") {
  const Analysis a = rs::test::analyse(rs::test::spec_photo());
  REQUIRE(a.findings.size() > 40);
  CHECK(std::regex_match(a.spec_id, std::regex("id_card:[0-9a-f]{16}")));
  const std::string record = decision_record_json(a);
  CAPTURE(record);
  // SQLite keeps a row of up to 2013 bytes in a 2 KB page; the decision's other columns take ~150,
  // and the rule set will grow (a rule adds ~30 bytes): keep room for two more (57 rules today,
  // 1,765 bytes). Past that the record needs a compacter form: a score follows from the value and
  // the kept spec, so it need not be written.
  CHECK(record.size() < 1800);
  CHECK(read_decision_record(record).findings.size() == a.findings.size());
}

TEST_CASE("the store keeps each spec once, and a record's spec reads back from it") {
  rs::test::TempDb db;
  rs::store::Store s(db.path);
  std::vector<rs::store::KeptSpec> specs;
  for (const auto& t : rs::test::engine().spec_texts()) specs.push_back({t.doc_type, t.digest, t.text});
  s.keep_specs(specs);
  s.keep_specs(specs);  // a second workstation, or a restart
  rs::store::Statement n(s.database(), "SELECT COUNT(*) FROM specs");
  REQUIRE(n.step());
  CHECK(n.int64(0) == std::int64_t(specs.size()));

  const Analysis a = rs::test::analyse(rs::test::spec_photo());
  const auto kept = s.kept_spec(a.spec_id);
  REQUIRE(kept);
  CHECK(kept->doc_type == "id_card");
  // The kept text is the spec the thresholds came from: it names every rule of the record.
  const auto spec = nlohmann::json::parse(kept->body);
  for (const auto& f : read_decision_record(decision_record_json(a)).findings)
    CHECK(spec.at("rules").contains(f.rule_id));
  CHECK_FALSE(s.kept_spec("id_card:ffffffffffffffff"));
}
