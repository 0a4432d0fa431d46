// Hostile intake (issue 13): every field is checked at the boundary, photo paths stay inside the
// manifest's folder, unreadable uploads are recorded as rejected by "system" with a notice for the
// applicant, and resubmission tokens are kept only as digests.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {
void write_bytes(const fs::path& p, const std::vector<std::uint8_t>& b) {
  std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(b.data()), std::streamsize(b.size()));
}
void write_text(const fs::path& p, const std::string& t) { std::ofstream(p, std::ios::binary) << t; }

json item(int n, const std::string& photo = "p.jpg") {
  auto o = test::order(n);
  return {{"order_no", o.order_no},   {"applicant_name", o.applicant_name},
          {"id_number", o.id_number}, {"doc_type", o.doc_type},
          {"city", o.city},           {"channel", "mini"},
          {"photo", photo},           {"submitted_at", o.submitted_at}};
}

std::vector<json> exported(Store& s) {
  std::ostringstream out;
  s.export_decisions(out);
  std::vector<json> rows;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);) rows.push_back(json::parse(line));  // throws on bad UTF-8
  return rows;
}

std::int64_t count(Store& s, const char* sql) {
  Statement q(s.database(), sql);
  q.step();
  return q.int64(0);
}

const IngestItem& by_order(const IngestReport& r, const std::string& no) {
  for (const auto& i : r.items)
    if (i.order_no == no) return i;
  FAIL("no item for " << no);
  throw std::logic_error("unreachable");
}
}  // namespace

TEST_CASE("intake: a text file named .jpg is refused, recorded as rejected by system, and its applicant told") {
  test::TempDb tmp;
  write_bytes(tmp.dir / "p.jpg", test::tiny_jpeg(1));
  write_text(tmp.dir / "text.jpg", "this is not a photo\n");
  json m = json::array({item(1), item(2, "text.jpg")});
  write_text(tmp.dir / "m.json", m.dump());
  Store s(tmp.path);
  auto report = s.ingest_manifest(tmp.dir / "m.json");
  CHECK(report.enqueued == 1);
  CHECK(report.photo_refused == 1);
  const IngestItem& text = by_order(report, "T100002");
  CHECK(text.status == IngestItem::Status::PhotoRefused);
  CHECK(text.error.find("looks like text") != std::string::npos);

  auto queue = s.pending_queue();
  REQUIRE(queue.size() == 1);
  CHECK(queue[0].order_no == "T100001");

  auto rows = exported(s);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]["order_no"] == "T100002");
  CHECK(rows[0]["reviewer"] == "system");
  CHECK(rows[0]["decision"] == "rejected");
  CHECK(rows[0]["reasons"] == json::array({"PHOTO_UNREADABLE"}));
  CHECK(rows[0]["findings"][0]["note"].get<std::string>().find("text") != std::string::npos);

  auto messages = s.undelivered_messages(10);
  REQUIRE(messages.size() == 1);
  json msg = json::parse(messages[0].payload_json);
  CHECK(msg["order_no"] == "T100002");
  CHECK(msg["kind"] == "rejection");
  CHECK(msg["resubmit_token"].get<std::string>().size() == 32);

  // The applicant resubmits a real photo with the token: attempt 2, first in the queue.
  auto r = s.resubmit(msg["resubmit_token"], test::tiny_jpeg(7));
  CHECK(r.attempt_no == 2);
  CHECK(s.pending_queue()[0].order_no == "T100002");

  // The same manifest again changes nothing.
  auto again = s.ingest_manifest(tmp.dir / "m.json");
  CHECK(again.already_present == 2);
  CHECK(s.undelivered_messages(10).size() == 1);
  CHECK(count(s, "SELECT COUNT(*) FROM decisions") == 1);
}

TEST_CASE("intake: photo paths stay inside the manifest's folder; devices, FIFOs and /proc are refused") {
  test::TempDb tmp;
  const fs::path inbox = tmp.dir / "inbox";
  fs::create_directories(inbox / "sub");
  write_bytes(inbox / "p.jpg", test::tiny_jpeg(1));
  write_bytes(inbox / "sub" / "q.jpg", test::tiny_jpeg(2));
  write_bytes(tmp.dir / "outside.jpg", test::tiny_jpeg(3));
  fs::create_symlink(tmp.dir / "outside.jpg", inbox / "link_out.jpg");
  fs::create_symlink(inbox / "p.jpg", inbox / "link_in.jpg");
  REQUIRE(::mkfifo((inbox / "fifo.jpg").c_str(), 0600) == 0);
  const std::vector<std::pair<std::string, bool>> photos = {
      {"p.jpg", true},
      {"sub/q.jpg", true},
      {"link_in.jpg", true},
      {(inbox / "p.jpg").string(), true},  // absolute, but inside the root
      {"../outside.jpg", false},
      {"../../../../../../etc/passwd", false},
      {"/etc/passwd", false},
      {"/proc/self/environ", false},
      {"/proc/self/pagemap", false},
      {"/dev/zero", false},
      {"fifo.jpg", false},
      {"link_out.jpg", false},
      {"sub", false},
  };
  json m = json::array();
  for (std::size_t i = 0; i < photos.size(); ++i) m.push_back(item(int(i) + 1, photos[i].first));
  write_text(inbox / "m.json", m.dump());
  Store s(tmp.path);
  auto report = s.ingest_manifest(inbox / "m.json");
  REQUIRE(report.items.size() == photos.size());
  for (std::size_t i = 0; i < photos.size(); ++i) {
    CAPTURE(photos[i].first);
    CAPTURE(report.items[i].error);
    CHECK((report.items[i].status == IngestItem::Status::Enqueued) == photos[i].second);
    if (!photos[i].second) CHECK(report.items[i].status == IngestItem::Status::Refused);
  }
  CHECK(count(s, "SELECT COUNT(*) FROM photos WHERE bytes LIKE '%root:%'") == 0);

  // --photos-root allows another folder.
  json outside = json::array({item(50, "outside.jpg")});
  write_text(inbox / "m2.json", outside.dump());
  CHECK(s.ingest_manifest(inbox / "m2.json").refused == 1);
  CHECK(s.ingest_manifest(inbox / "m2.json", tmp.dir).enqueued == 1);
}

TEST_CASE("intake: fields are checked at the boundary, one line per bad item, the rest goes in") {
  test::TempDb tmp;
  write_bytes(tmp.dir / "p.jpg", test::tiny_jpeg(1));
  std::vector<std::pair<json, std::string>> cases;
  auto with = [&](int n, const char* key, json value, std::string expect) {
    json it = item(n);
    it[key] = std::move(value);
    cases.emplace_back(it, std::move(expect));
  };
  with(1, "order_no", "A/1", "may hold only");
  with(2, "order_no", std::string("A\0B", 3), "control character");
  with(3, "order_no", "A\nB", "control character");
  with(4, "order_no", std::string(65, 'A'), "longer than 64");
  with(5, "applicant_name", "张\x07三", "U+0007");
  with(6, "applicant_name", "张\xE2\x80\xAE三", "U+202E");
  std::string long_name;
  for (int i = 0; i < 51; ++i) long_name += "张";
  with(7, "applicant_name", long_name, "longer than 50");
  with(8, "submitted_at", "2026-02-30T10:00:00+08:00", "real calendar date");
  with(9, "submitted_at", "2019-12-31T10:00:00+08:00", "outside");
  with(10, "submitted_at", "2099-01-01T10:00:00+08:00", "outside");
  with(11, "channel", 7, "must be a string");
  json fifty = item(12);  // 50 characters of 3 bytes each: counted in characters, so accepted
  std::string name;
  for (int i = 0; i < 50; ++i) name += "𪚥";
  fifty["applicant_name"] = name;
  cases.emplace_back(fifty, "");
  cases.emplace_back(item(13), "");

  std::string text = "[";
  for (std::size_t i = 0; i < cases.size(); ++i) text += (i ? "," : "") + cases[i].first.dump();
  // Raw bytes no JSON writer would produce: invalid UTF-8 in a name, and a repeated key.
  auto raw_bad = item(14);
  raw_bad["applicant_name"] = "NAME";
  std::string raw = raw_bad.dump();
  raw.replace(raw.find("NAME"), 4, "bob\xff");
  text += "," + raw;
  std::string dup = item(15).dump();
  dup.insert(1, "\"order_no\":\"T999999\",");
  text += "," + dup + "]";
  write_text(tmp.dir / "m.json", text);

  Store s(tmp.path);
  auto report = s.ingest_manifest(tmp.dir / "m.json");
  REQUIRE(report.items.size() == cases.size() + 2);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    CAPTURE(i);
    CAPTURE(report.items[i].error);
    if (cases[i].second.empty()) {
      CHECK(report.items[i].status == IngestItem::Status::Enqueued);
    } else {
      CHECK(report.items[i].status == IngestItem::Status::Refused);
      CHECK(report.items[i].error.find(cases[i].second) != std::string::npos);
    }
  }
  CHECK(report.items[cases.size()].error.find("UTF-8") != std::string::npos);
  CHECK(report.items[cases.size() + 1].error.find("'order_no' appears twice") != std::string::npos);
  CHECK(report.enqueued == 2);
  CHECK(exported(s).empty());
}

TEST_CASE("decisions: text that is not UTF-8 or holds control characters is refused and nothing is written") {
  test::TempDb tmp;
  Store s(tmp.path);
  s.enqueue(test::order(1));
  // The reviewer's name is checked once, when the account is made: a decision's reviewer is always
  // a signed-in account.
  test::account(s, "bob", {accounts::Role::Reviewer});
  const auto admin = s.sign_in("test-admin", "demo");
  try {
    s.add_user(admin, {.name = "bob\xff", .roles = {accounts::Role::Reviewer}, .password = "demo"});
    FAIL("an account name that is not UTF-8 was accepted");
  } catch (const Refusal& e) {
    CHECK(e.why() == Refusal::Why::BadAccount);
    CHECK(std::string(e.what()).find("UTF-8") != std::string::npos);
  }
  CHECK(count(s, "SELECT COUNT(*) FROM users WHERE name LIKE 'bob%'") == 1);
  const auto bob = s.sign_in("bob", "demo");
  auto c = s.claim_next(bob, "ws");
  REQUIRE(c);
  CHECK_THROWS_WITH_AS(s.decide(bob, {c->attempt.id, c->lease.token, "ws\xff", Outcome::Approve}),
                       doctest::Contains("UTF-8"), Refusal);
  DecisionRequest other{c->attempt.id, c->lease.token, "ws", Outcome::Reject, {"OTHER"}};
  other.other_text = "\xC0\xAF overlong";
  CHECK_THROWS_AS(s.decide(bob, other), Refusal);
  other.other_text = "line one\nline two";  // newlines are fine in the reviewer's text
  CHECK_NOTHROW(s.decide(bob, other));
  CHECK_THROWS_AS(s.claim_next(bob, "cli\xff"), Refusal);
  CHECK(exported(s).size() == 1);
}

TEST_CASE("export and the outbox survive invalid UTF-8 stored before the checks existed") {
  test::TempDb tmp;
  Store s(tmp.path);
  s.enqueue(test::order(1));
  const auto bob = test::reviewer(s, "bob");
  auto c = s.claim_next(bob, "ws");
  s.decide(bob, {c->attempt.id, c->lease.token, "ws", Outcome::Approve});
  Statement(s.database(), "UPDATE decisions SET reviewer = CAST(X'626F62FF' AS TEXT)").run();
  auto rows = exported(s);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]["reviewer"] == "bob\xEF\xBF\xBD");
}

TEST_CASE("tokens: kept only as SHA-256, compared by digest, redacted from the record and delivered messages") {
  test::TempDb tmp;
  Store s(tmp.path);
  s.enqueue(test::order(1));
  const auto bob = test::reviewer(s, "bob");
  auto c = s.claim_next(bob, "ws");
  auto rejected = s.decide(bob, {c->attempt.id, c->lease.token, "ws", Outcome::Reject, {"BLURRED"}});
  const std::string token = rejected.notice_token;
  REQUIRE(token.size() == 32);
  {
    Statement q(s.database(), "SELECT token_sha256, body_json FROM notices");
    REQUIRE(q.step());
    CHECK(q.text(0) != token);
    CHECK(q.text(0).size() == 64);
    CHECK(q.text(1).find(token) == std::string::npos);
  }
  CHECK(count(s, ("SELECT COUNT(*) FROM decisions WHERE findings_json LIKE '%" + token + "%'").c_str()) == 0);
  auto msgs = s.undelivered_messages(10);
  REQUIRE(msgs.size() == 1);
  CHECK(msgs[0].payload_json.find(token) != std::string::npos);  // the applicant still has to get it
  s.record_outgoing_batch(msgs);
  s.mark_delivered(msgs[0].id);
  CHECK(count(s, ("SELECT COUNT(*) FROM outbox WHERE payload_json LIKE '%" + token + "%'").c_str()) == 0);
  CHECK(count(s, "SELECT COUNT(*) FROM outbox WHERE payload_json LIKE '%redacted%'") == 1);
  for (const auto& row : exported(s)) CHECK(row.dump().find(token) == std::string::npos);

  // Malformed and unknown tokens read as unknown; an unreadable photo leaves the token valid.
  CHECK_THROWS_WITH_AS(s.resubmit("../../etc", test::tiny_jpeg(2)), doctest::Contains("unknown"), Refusal);
  CHECK_THROWS_WITH_AS(s.resubmit(token, {'n', 'o'}), doctest::Contains("still valid"), Refusal);
  CHECK(s.resubmit(token, test::tiny_jpeg(2)).attempt_no == 2);
}

TEST_CASE("approval: a name no receipt font can print is refused at approval time, 生僻字 are approved") {
  test::TempDb tmp;
  Store s(tmp.path);
  auto rare = test::order(1);
  rare.applicant_name = "欧阳\xF0\xAA\x9A\xA5";  // 𪚥 U+2A6A5, CJK Extension B
  auto unprintable = test::order(2);
  unprintable.applicant_name = "张\xF4\x8F\xBF\xBD";  // U+10FFFD, private use: in no font
  REQUIRE(s.enqueue(rare).status == IngestItem::Status::Enqueued);
  REQUIRE(s.enqueue(unprintable).status == IngestItem::Status::Enqueued);
  const auto bob = test::reviewer(s, "bob");
  auto a = s.claim_next(bob, "ws");
  REQUIRE(a);
  CHECK_FALSE(s.decide(bob, {a->attempt.id, a->lease.token, "ws", Outcome::Approve}).image_number.empty());
  auto b = s.claim_next(bob, "ws");
  REQUIRE(b);
  try {
    s.decide(bob, {b->attempt.id, b->lease.token, "ws", Outcome::Approve});
    FAIL("the approval was recorded");
  } catch (const Refusal& e) {
    CHECK(e.why() == Refusal::Why::Unprintable);
    CHECK(std::string(e.what()).find("U+10FFFD") != std::string::npos);
  }
  CHECK(count(s, "SELECT COUNT(*) FROM decisions") == 1);
  CHECK(count(s, "SELECT COUNT(*) FROM image_numbers") == 1);
  // The reviewer can still reject it, and the applicant is told.
  CHECK_NOTHROW(
      s.decide(bob, {b->attempt.id, b->lease.token, "ws", Outcome::Reject, {"OTHER"}, "姓名中有无法打印的字符"}));
}
