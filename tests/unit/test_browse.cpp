// The supervisors' decision browser (store_browse.cpp): each filter, keyset paging that returns
// every row once and in order across pages, the supervisor role, and the masking of applicants'
// names and ID numbers (domain/masking.hpp).
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "core/domain/masking.hpp"
#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;

TEST_CASE("masking: a name keeps its first character, an ID number its first and last four") {
  CHECK(mask_name("张三") == "张*");
  CHECK(mask_name("欧阳娜娜") == "欧***");
  CHECK(mask_name("张") == "张");
  CHECK(mask_name("") == "");
  CHECK(mask_name("Li Lei") == "L*****");
  CHECK(mask_name("\xff\xfe") == "\xff*");  // not UTF-8: masked byte by byte, never shown whole
  CHECK(mask_name("𪚥王") == "𪚥*");        // a 4-byte character counts once
  CHECK(mask_id_number("440301199001011234") == "4403**********1234");
  CHECK(mask_id_number("44030119900101123X") == "4403**********123X");
  CHECK(mask_id_number("12345678") == "********");
  CHECK(mask_id_number("") == "");
}

namespace {
const char* kFail = R"({"v":2,"spec":"t","fail":{"geometry":[["face_width",0.4,20]]},"warn":{},"pass":{}})";
const char* kPass = R"({"v":2,"spec":"t","fail":{},"warn":{},"pass":{"geometry":[["face_width",0.7,90]]}})";

DecisionResult decide(Store& s, const accounts::Actor& who, bool approve, const char* findings,
                      std::vector<std::string> reasons = {"BLURRED"}) {
  auto c = s.claim_next(who, "ws");
  REQUIRE(c);
  DecisionRequest r{c->attempt.id, c->lease.token, "ws", approve ? Outcome::Approve : Outcome::Reject};
  if (!approve) r.reasons = std::move(reasons);
  r.findings_json = findings;
  r.shown_ms = now_ms() - 3000;
  return s.decide(who, r);
}

// 12 orders: 1-6 in 深圳 for ID cards, 7-12 in 广州 for social security cards. ann decides 1-8
// (approves the odd ones; 3 is a photo the engine failed, 4 one it passed), bob 9-12 (rejects
// them for HAIR_EARS). Every decision is drawn for a second review; cat agrees with all but ann's
// first. sup overturns ann's order 5 (an approval).
struct Browsed {
  test::TempDb db;
  Store s{db.path, {.second_review_share = 1.0}};
  accounts::Actor ann = test::reviewer(s, "ann"), bob = test::reviewer(s, "bob"), cat = test::reviewer(s, "cat");
  accounts::Actor sup = test::supervisor(s, "sup");
  std::vector<DecisionResult> decided;
  Browsed() {
    for (int i = 1; i <= 12; ++i)
      REQUIRE(s.enqueue(i <= 6 ? test::order(i) : test::order(i, "广州市", "社保卡")).status ==
              IngestItem::Status::Enqueued);
    for (int i = 1; i <= 8; ++i) decided.push_back(decide(s, ann, i % 2 == 1, i == 3 ? kFail : kPass));
    for (int i = 9; i <= 12; ++i) decided.push_back(decide(s, bob, false, "[]", {"HAIR_EARS"}));
    while (auto c = s.claim_second_review(cat, "ws")) {
      SecondReviewRequest r{.id = c->id, .lease_token = c->lease_token, .workstation = "ws"};
      const int n = std::stoi(c->order.order_no.substr(1)) - 100000;  // test::order(n)
      bool approve = n <= 8 && n % 2 == 1;                            // as the first decision
      if (n == 1) approve = !approve;
      r.outcome = approve ? Outcome::Approve : Outcome::Reject;
      if (!approve) r.reasons = {"BLURRED"};
      s.decide_second_review(cat, r);
    }
    s.overturn(sup, {decided[4].order_no, "复核不合格", {"BACKGROUND"}});
  }
  std::vector<DecisionRow> all(const BrowseFilter& f = {}) { return s.browse_decisions(sup, f, std::nullopt, 1000); }
};

std::set<std::string> orders_of(const std::vector<DecisionRow>& rows) {
  std::set<std::string> out;
  for (const auto& r : rows) out.insert(r.order_no);
  return out;
}
}  // namespace

TEST_CASE("decision browser: every filter, newest first") {
  Browsed b;
  const auto& d = b.decided;
  const auto rows = b.all();
  REQUIRE(rows.size() == 12);
  for (std::size_t i = 1; i < rows.size(); ++i) CHECK(rows[i - 1].key().decided_ms >= rows[i].key().decided_ms);
  CHECK(rows.front().order_no == d.back().order_no);  // the newest first
  CHECK(rows.front().applicant_masked == "测***");    // 测试12
  CHECK(rows.front().id_number_masked.substr(0, 4) == "4403");
  CHECK(rows.front().id_number_masked.find("**********") == 4);
  CHECK(rows.front().reasons == std::vector<std::string>{"HAIR_EARS"});

  CHECK(b.all({.reviewer = "bob"}).size() == 4);
  CHECK(b.all({.reviewer = "ann", .outcome = Outcome::Approve}).size() == 4);
  CHECK(b.all({.outcome = Outcome::Reject}).size() == 8);
  CHECK(b.all({.reason = "HAIR_EARS"}).size() == 4);
  CHECK(b.all({.doc_type = "social_security"}).size() == 6);
  CHECK(b.all({.city = "广州"}).size() == 6);
  CHECK(b.all({.outcome = Outcome::Approve, .city = "深圳"}).size() == 3);
  // ann approved order 3, which the engine failed; she rejected 2, 4, 6 and 8, which it passed.
  CHECK(orders_of(b.all({.engine_disagreed = true})) ==
        std::set<std::string>{d[1].order_no, d[2].order_no, d[3].order_no, d[5].order_no, d[7].order_no});
  const auto second = b.all({.second_review_disagreed = true});
  REQUIRE(second.size() == 1);
  CHECK(second[0].order_no == d[0].order_no);
  CHECK(second[0].second_review_agrees == false);
  const auto turned = b.all({.overturned = true});
  REQUIRE(turned.size() == 1);
  CHECK(turned[0].order_no == d[4].order_no);
  CHECK(turned[0].overturned);
  // The period: everything was decided today (China time); yesterday has nothing.
  const auto today = date_text(local_date_cst(now_ms()));
  CHECK(b.all({.from = today, .to = today}).size() == 12);
  CHECK(b.all({.to = "2020-01-01"}).empty());
  CHECK_THROWS_AS(b.all({.from = "2026-13-01"}), Refusal);
}

TEST_CASE("decision browser: keyset paging returns every row once, in order") {
  Browsed b;
  const auto whole = b.all();
  for (int page : {1, 3, 5, 12, 20}) {
    std::vector<DecisionRow> walked;
    std::optional<BrowseKey> after;
    for (int guard = 0; guard < 20; ++guard) {
      auto rows = b.s.browse_decisions(b.sup, {}, after, page);
      if (rows.empty()) break;
      CHECK(int(rows.size()) <= page);
      after = rows.back().key();
      walked.insert(walked.end(), rows.begin(), rows.end());
    }
    REQUIRE(walked.size() == whole.size());
    for (std::size_t i = 0; i < whole.size(); ++i) CHECK(walked[i].id == whole[i].id);
  }
  // Paging with a filter: bob's rejections two at a time.
  auto first = b.s.browse_decisions(b.sup, {.reviewer = "bob"}, std::nullopt, 2);
  REQUIRE(first.size() == 2);
  auto second = b.s.browse_decisions(b.sup, {.reviewer = "bob"}, first.back().key(), 2);
  REQUIRE(second.size() == 2);
  CHECK(b.s.browse_decisions(b.sup, {.reviewer = "bob"}, second.back().key(), 2).empty());
  CHECK(second[0].id < first[1].id);
}

TEST_CASE("decision browser: supervisors and trainers only") {
  Browsed b;
  // A trainer browses to pick training cases by hand: the same rows, names and ID numbers masked.
  const auto tr = test::signed_in(b.s, "tr", {accounts::Role::Trainer});
  const auto as_trainer = b.s.browse_decisions(tr, {}, std::nullopt, 10);
  const auto as_supervisor = b.s.browse_decisions(b.sup, {}, std::nullopt, 10);
  REQUIRE(as_trainer.size() == as_supervisor.size());
  REQUIRE_FALSE(as_trainer.empty());
  CHECK(as_trainer.front().id == as_supervisor.front().id);
  CHECK(as_trainer.front().applicant_masked == as_supervisor.front().applicant_masked);
  CHECK_THROWS_AS(b.s.browse_decisions(b.ann, {}, std::nullopt, 10), Refusal);
  const auto admin = b.s.sign_in("test-admin", "demo");
  try {
    b.s.browse_decisions(admin, {}, std::nullopt, 10);
    FAIL("an admin browsed decisions");
  } catch (const Refusal& e) {
    CHECK(e.why() == Refusal::Why::NotPermitted);
    CHECK(std::string(e.what()).find("supervisor") != std::string::npos);
    CHECK(std::string(e.what()).find("trainer") != std::string::npos);
  }
}

// The page is driven by whichever filter has the fewest rows (the reviewer's index, a facet of
// migration 012, the overturns, the disagreements or the time index); whatever drives, the rows
// and their order are those of the filters applied to the whole list, and paging two at a time
// walks the same rows.
TEST_CASE("decision browser: every combination of filters, whatever index drives it") {
  Browsed b;
  const auto whole = b.all();
  auto keeps = [](const BrowseFilter& f, const DecisionRow& r) {
    const bool approved = r.decision == "approved";
    return (f.reviewer.empty() || r.reviewer == f.reviewer) &&
           (!f.outcome || approved == (*f.outcome == Outcome::Approve)) &&
           (f.reason.empty() || std::find(r.reasons.begin(), r.reasons.end(), f.reason) != r.reasons.end()) &&
           (f.doc_type.empty() || r.doc_type == f.doc_type) && (f.city.empty() || r.city == f.city) &&
           (!f.engine_disagreed || (r.engine_verdict && (*r.engine_verdict == "pass") != approved)) &&
           (!f.second_review_disagreed || r.second_review_agrees == false) && (!f.overturned || r.overturned);
  };
  int combos = 0, nonempty = 0;
  for (const char* reviewer : {"", "ann", "bob"})
    for (const char* city : {"", "深圳", "广州"})
      for (const char* doc : {"", "social_security"})
        for (const char* reason : {"", "HAIR_EARS", "BLURRED"})
          for (int flags = 0; flags < 8; ++flags) {
            BrowseFilter f{.reviewer = reviewer, .reason = reason, .doc_type = doc, .city = city};
            f.engine_disagreed = flags & 1;
            f.second_review_disagreed = flags & 2;
            f.overturned = flags & 4;
            std::vector<std::int64_t> expected, got, paged;
            for (const auto& r : whole)
              if (keeps(f, r)) expected.push_back(r.id);
            for (const auto& r : b.all(f)) got.push_back(r.id);
            std::optional<BrowseKey> after;
            for (int guard = 0; guard < 20; ++guard) {
              auto rows = b.s.browse_decisions(b.sup, f, after, 2);
              if (rows.empty()) break;
              after = rows.back().key();
              for (const auto& r : rows) paged.push_back(r.id);
            }
            INFO("reviewer " << reviewer << " city " << city << " doc " << doc << " reason " << reason << " flags "
                             << flags);
            CHECK(got == expected);
            CHECK(paged == expected);
            ++combos;
            nonempty += !expected.empty();
          }
  CHECK(combos == 432);
  CHECK(nonempty > 40);  // the combinations find rows, not only empty pages
}

TEST_CASE("decision browser: the triggers of migration 012 keep every decision's facets") {
  // One city, one document type and each reason code once per decision; an overturn's reasons are
  // not the decision's.
  Browsed b;
  Statement q(b.s.database(), "SELECT facet, COUNT(*) FROM decision_facets GROUP BY facet ORDER BY facet");
  std::vector<std::pair<std::string, std::int64_t>> counts;
  while (q.step()) counts.emplace_back(q.text(0), q.int64(1));
  // 12 decisions; reasons: ann's 4 rejections (BLURRED) and bob's 4 (HAIR_EARS).
  CHECK(counts == std::vector<std::pair<std::string, std::int64_t>>{{"city", 12}, {"doc", 12}, {"reason", 8}});
}
