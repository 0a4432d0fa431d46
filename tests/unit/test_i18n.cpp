// The text tables: English has exactly the Chinese keys, the same placeholders, no repeated key,
// no Chinese left in it; the screen's language never reaches what the applicant receives.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "core/domain/doc_type.hpp"
#include "core/domain/reason.hpp"
#include "core/i18n/text.hpp"
#include "core/issuing/notice.hpp"
#include "core/review/duration_text.hpp"
#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"

using namespace rs;

namespace {

// Sets the screen's language for one test and puts Chinese back afterwards, even when a CHECK
// throws out of a REQUIRE.
struct ScreenLanguage {
  explicit ScreenLanguage(Language l) { set_language(l); }
  ~ScreenLanguage() { set_language(Language::Chinese); }
};

std::map<std::string, std::string> as_map(Language lang) {
  std::map<std::string, std::string> m;
  for (const auto& [k, v] : text_table(lang)) m.emplace(k, v);
  return m;
}

// Format placeholders in either style the code could use: {} / {0} / {name}, and printf's %s, %d,
// %.1f, %zu... ("%%" is a literal percent sign, not a placeholder). Sorted, so the order may differ
// between languages (English puts words elsewhere) but not the set.
std::vector<std::string> placeholders(const std::string& s) {
  static const std::regex re(
      R"(\{[^{}]*\}|%%|%[-+ #0]*[0-9*]*(?:\.[0-9*]+)?(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfFgGaAcsp])");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it)
    if (it->str() != "%%") out.push_back(it->str());
  std::sort(out.begin(), out.end());
  return out;
}

// Han ideographs and the full-width punctuation Chinese text uses (，。：（）“” are not here: “” are
// English quotes too).
bool has_chinese(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    unsigned cp = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (int k = 1; k < n && i + std::size_t(k) < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + std::size_t(k)]) & 0x3Fu);
    if ((cp >= 0x3000 && cp <= 0x303F) || (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xFF00 && cp <= 0xFFEF)) return true;
    i += std::size_t(n);
  }
  return false;
}

std::string one_text(store::Store& s, const char* sql) {
  store::Statement q(s.database(), sql);
  REQUIRE(q.step());
  return q.text(0);
}

}  // namespace

TEST_CASE("the placeholder finder sees both styles, and only placeholders") {
  CHECK(placeholders("共 {} 张，第 {0} 张") == std::vector<std::string>{"{0}", "{}"});
  CHECK(placeholders("%s waited %.1f s, %d%% done") == std::vector<std::string>{"%.1f", "%d", "%s"});
  CHECK(placeholders("头顶 7–21 px（注意 186–228）").empty());
  CHECK(has_chinese("脸宽"));
  CHECK(has_chinese("Face width（"));
  CHECK_FALSE(has_chinese("Explanation for \"Other\" · 193–221 px ✓ ×"));
}

TEST_CASE("no key appears twice in a language's table") {
  for (auto lang : {Language::Chinese, Language::English}) {
    std::set<std::string> seen;
    for (const auto& row : text_table(lang)) {
      // Not a structured binding: clang 14 (the sanitizer build) cannot capture one in INFO's lambda.
      const auto& k = row.first;
      INFO("language ", lang == Language::English ? "en" : "zh");
      CHECK_MESSAGE(seen.insert(std::string(k)).second, "duplicate key ", k);
    }
    CHECK(seen.size() > 150);  // every section was joined in
  }
}

TEST_CASE("English has every Chinese key and no key of its own") {
  const auto zh = as_map(Language::Chinese), en = as_map(Language::English);
  // kv.first/second, not structured bindings: clang 14 (the sanitizer build) cannot capture those.
  for (const auto& kv : zh) CHECK_MESSAGE(en.count(kv.first) == 1, "no English for ", kv.first, " (", kv.second, ")");
  for (const auto& kv : en) CHECK_MESSAGE(zh.count(kv.first) == 1, "English key without Chinese: ", kv.first);
  CHECK(zh.size() == en.size());
}

TEST_CASE("each English text has the Chinese text's placeholders, is English, and is empty only where it may be") {
  const auto zh = as_map(Language::Chinese), en = as_map(Language::English);
  // Chinese needs a word English does without: the city suffix 市, the counter 张 (faces) and the
  // 次 of 第 N 次 (a trainee's session, an applicant's attempt).
  const std::set<std::string> may_be_empty = {"ui.order.city_suffix", "ui.unit.faces", "ui.train.session_suffix",
                                              "ui.train.attempt_suffix"};
  for (const auto& kv : en) {
    const auto& k = kv.first;  // not structured bindings: clang 14 cannot capture those in INFO
    const auto& e = kv.second;
    auto z = zh.find(k);
    if (z == zh.end()) continue;  // reported by the test above
    INFO(k, ": '", z->second, "' / '", e, "'");
    CHECK(placeholders(z->second) == placeholders(e));
    CHECK_FALSE(has_chinese(e));
    // The screen's font is Noto Sans CJK SC, whose curly quotes and ellipsis are full-width
    // glyphs: in English they leave gaps ("Explanation for “ Other ” "), so English uses ASCII.
    for (const char* wide : {"“", "”", "‘", "’", "…"})
      CHECK_MESSAGE(e.find(wide) == std::string::npos, "full-width ", wide);
    if (!z->second.empty() && !may_be_empty.count(k)) CHECK_FALSE(e.empty());
  }
}

TEST_CASE("the Chinese screen names every document type as the domain (and the applicant) does") {
  for (auto t : all_doc_types()) {
    const std::string key = "doc_type." + std::string(doc_type_code(t));
    CHECK_MESSAGE(tr_in(Language::Chinese, key) == doc_type_name_zh(t), key);
    CHECK_MESSAGE(tr_in(Language::Chinese, key + ".short") == doc_type_name_zh(t), key);
    CHECK_MESSAGE(tr_in(Language::English, key) != key, key);
    // the queue's column holds about nine Latin letters
    CHECK_MESSAGE(tr_in(Language::English, key + ".short").size() <= 9, key);
  }
}

TEST_CASE("tr follows the screen's language; tr_applicant and reason_applicant are always Chinese") {
  CHECK(parse_language("en") == Language::English);
  CHECK(parse_language("en_GB.UTF-8") == Language::English);
  CHECK(parse_language("zh") == Language::Chinese);
  CHECK(parse_language("zh-CN") == Language::Chinese);
  CHECK_FALSE(parse_language("fr"));
  CHECK_FALSE(parse_language("english"));
  CHECK_FALSE(parse_language(""));

  ScreenLanguage english(Language::English);
  CHECK(tr("ui.decision.approve") == "Approve");
  CHECK(reason_label("BLURRED") == "Photo blurred");
  CHECK(tr_applicant("notice.rejection.title") == tr_in(Language::Chinese, "notice.rejection.title"));
  CHECK(has_chinese(std::string(tr_applicant("notice.approval.title"))));
  CHECK(has_chinese(reason_applicant("BLURRED")));
  CHECK(review::duration_text(3723000) == "1h02m");
  set_language(Language::Chinese);
  CHECK(tr("ui.decision.approve") == "通过");
  CHECK(review::duration_text(3723000) == "1小时02分");
}

TEST_CASE("a failure notice built while the screen is English is Chinese throughout") {
  ScreenLanguage english(Language::English);
  auto n = issuing::failure_notice({"T1", 1, {"BLURRED", "OTHER"}, "背景有人", "abc", "2026-11-21T10:00:00+08:00"});
  CHECK(n["title"] == std::string(tr_in(Language::Chinese, "notice.rejection.title")));
  CHECK(n["reasons"][0]["title"] == std::string(tr_in(Language::Chinese, "reason.BLURRED.label")));
  CHECK(n["reasons"][0]["what_to_do"] == std::string(tr_in(Language::Chinese, "reason.BLURRED.applicant")));
  CHECK(n["reasons"][1]["title"] == std::string(tr_in(Language::Chinese, "reason.OTHER.label")));
  const std::string text = issuing::notice_text(n);
  CHECK(text.find(std::string(tr_in(Language::Chinese, "notice.rejection.resubmit"))) != std::string::npos);
  CHECK(text.find("Photo blurred") == std::string::npos);
  CHECK(text.find("free") == std::string::npos);
}

TEST_CASE("a rejection decided on an English screen stores and sends the Chinese notice") {
  test::TempDb tmp;
  store::Store s(tmp.path);
  s.enqueue(test::order(1));
  ScreenLanguage english(Language::English);
  const auto alice = test::reviewer(s, "alice");
  auto c = s.claim_next(alice, "ws-en");
  REQUIRE(c);
  store::DecisionRequest r{c->attempt.id, c->lease.token, "ws-en", store::Outcome::Reject};
  r.reasons = {"HAIR_EARS"};
  s.decide(alice, r);
  auto notice = nlohmann::json::parse(one_text(s, "SELECT body_json FROM notices WHERE kind = 'rejection'"));
  auto message = nlohmann::json::parse(one_text(s, "SELECT payload_json FROM outbox WHERE kind = 'rejection'"));
  for (const auto& j : {notice, message}) {
    CHECK(j["title"] == std::string(tr_in(Language::Chinese, "notice.rejection.title")));
    CHECK(j["reasons"][0]["title"] == "头发遮挡耳朵");
    CHECK(has_chinese(j["reasons"][0]["what_to_do"].get<std::string>()));
  }
}

// The approval message and the revocation notice take their titles from tr_applicant(): whatever
// the reviewer's screen shows, the applicant reads Chinese.
TEST_CASE("an approval decided on an English screen sends the Chinese message") {
  test::TempDb tmp;
  store::Store s(tmp.path);
  s.enqueue(test::order(1, "广州市"));
  ScreenLanguage english(Language::English);
  const auto alice = test::reviewer(s, "alice");
  auto c = s.claim_next(alice, "ws-en");
  REQUIRE(c);
  s.decide(alice, {c->attempt.id, c->lease.token, "ws-en", store::Outcome::Approve});
  auto message = nlohmann::json::parse(one_text(s, "SELECT payload_json FROM outbox WHERE kind = 'approval'"));
  CHECK(message["title"] == std::string(tr_in(Language::Chinese, "notice.approval.title")));
}

TEST_CASE("a revocation made while the language is English stores the Chinese notice") {
  test::TempDb tmp;
  store::Store s(tmp.path);
  s.enqueue(test::order(1, "广州市"));
  const auto alice = test::reviewer(s, "alice");
  auto c = s.claim_next(alice, "ws");
  REQUIRE(c);
  std::string number = s.decide(alice, {c->attempt.id, c->lease.token, "ws", store::Outcome::Approve}).image_number;
  ScreenLanguage english(Language::English);
  s.revoke(test::supervisor(s), number, "照片与本人不符");
  auto notice = nlohmann::json::parse(one_text(s, "SELECT body_json FROM notices WHERE kind = 'revocation'"));
  CHECK(notice["title"] == std::string(tr_in(Language::Chinese, "notice.revocation.title")));
}
