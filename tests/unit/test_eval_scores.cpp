// The eval's arithmetic and its answers: balanced accuracy per key, keys with one side only, and
// a rule that is not sure of its verdict counted as no answer rather than as a yes or a no.
#include <doctest/doctest.h>

#include "core/findings/labels.hpp"

using namespace rs::findings;

namespace {
Finding finding(std::string rule, Verdict v, Confidence c = Confidence::High) {
  Finding f;
  f.rule_id = std::move(rule);
  f.verdict = v;
  f.confidence = c;
  return f;
}

Analysis with(std::vector<Finding> findings) {
  Analysis a;
  a.assessable = true;
  a.face_count = 1;
  a.findings = std::move(findings);
  return a;
}
}  // namespace

TEST_CASE("balanced accuracy is the mean of recall and specificity, absent when a side has no labels") {
  KeyScore k;
  k.tp = 3, k.fn = 1, k.tn = 6, k.fp = 2, k.unpredicted = 2;
  REQUIRE(k.balanced_accuracy());
  CHECK(*k.recall() == doctest::Approx(0.75));
  CHECK(*k.specificity() == doctest::Approx(0.75));
  CHECK(*k.balanced_accuracy() == doctest::Approx(0.75));
  CHECK(k.labelled() == 14);
  KeyScore negatives_only;
  negatives_only.tn = 17;
  negatives_only.fp = 1;
  CHECK_FALSE(negatives_only.recall());
  CHECK_FALSE(negatives_only.balanced_accuracy());
  CHECK(*negatives_only.specificity() == doctest::Approx(17.0 / 18));
}

TEST_CASE("an unsure rule is no answer for its key; a sure yes of another rule still answers") {
  const LabelKey* ears = label_key("hair_over_ears");
  REQUIRE(ears);
  CHECK(answer(*ears, with({finding("hair.ears", Verdict::Warn)})) == Answer::Yes);  // its warning counts
  CHECK(answer(*ears, with({finding("hair.ears", Verdict::Pass)})) == Answer::No);
  CHECK(answer(*ears, with({finding("hair.ears", Verdict::Warn, Confidence::Low)})) == Answer::Unsure);
  CHECK(answer(*ears, with({finding("hair.ears", Verdict::Pass, Confidence::Low)})) == Answer::Unsure);
  CHECK(answer(*ears, with({finding("hair.ears", Verdict::CannotAssess)})) == Answer::None);
  CHECK_FALSE(predict(*ears, with({finding("hair.ears", Verdict::Warn, Confidence::Low)})).has_value());

  const LabelKey* accessory = label_key("accessory");
  REQUIRE(accessory);
  CHECK(answer(*accessory, with({finding("accessory.earrings", Verdict::Warn),
                                 finding("accessory.necklace", Verdict::Pass, Confidence::Low)})) == Answer::Yes);
  CHECK(answer(*accessory, with({finding("accessory.earrings", Verdict::Pass),
                                 finding("accessory.necklace", Verdict::Pass, Confidence::Low)})) == Answer::Unsure);
  // Every key names the rules that answer it, and says how their verdicts count.
  CHECK(vote_text(ears->rules.at(0)) == "hair.ears (warn or fail)");
}
