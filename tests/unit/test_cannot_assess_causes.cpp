// A measure that cannot judge a photo says why with a cause code; the reviewer reads the cause in
// the screen's language (it used to reach the Chinese screen as an English sentence).
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "core/findings/cause.hpp"
#include "core/findings/measure.hpp"
#include "core/i18n/text.hpp"

using namespace rs;
using namespace rs::findings;

namespace {

// A measure that only ever reports a cause, to reach the protected not_assessed.
struct CauseOnly final : Measure {
  Cause cause;
  explicit CauseOnly(Cause c) : cause(c) {}
  std::string_view id() const override { return "test.cause"; }
  std::string_view unit() const override { return ""; }
  std::string_view reason() const override { return "BLURRED"; }
  Finding run(const PhotoContext&, const RuleSpec& rule) const override { return report(rule); }
  Finding report(const RuleSpec& rule) const { return not_assessed(rule, cause); }
};

bool has_han(std::string_view s) {
  // Every CJK ideograph in UTF-8 starts with a byte 0xE3..0xE9.
  for (unsigned char c : s)
    if (c >= 0xE3 && c <= 0xE9) return true;
  return false;
}

}  // namespace

TEST_CASE("every cannot-assess cause has its own key, a Chinese text and an English text") {
  std::set<std::string> keys;
  for (Cause c : kAllCauses) {
    const std::string key(cause_key(c));
    CHECK_MESSAGE(keys.insert(key).second, "two causes share ", key);
    CHECK(key.rfind("cannot_assess.", 0) == 0);
    const std::string_view zh = tr_in(Language::Chinese, key), en = tr_in(Language::English, key);
    CHECK_MESSAGE(zh != key, "no Chinese text for ", key);
    CHECK_MESSAGE(en != key, "no English text for ", key);
    CHECK_MESSAGE(has_han(zh), "the Chinese text of ", key, " is not Chinese: ", zh);
    CHECK_FALSE(has_han(en));
  }
}

TEST_CASE("a not-assessed finding carries the cause's key and its English words for the CLI") {
  const RuleSpec rule{};
  const CauseOnly m(Cause::NotInSpecFrame);
  const Finding f = m.report(rule);
  CHECK(f.verdict == Verdict::CannotAssess);
  CHECK(f.detail_key == "cannot_assess.not_in_spec_frame");
  CHECK(f.detail == tr_in(Language::English, f.detail_key));
  CHECK(has_han(tr_in(Language::Chinese, f.detail_key)));
}
