// Manifest validation, idempotent ingest and free resubmission.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;
using nlohmann::json;

namespace {
void write_bytes(const std::filesystem::path& p, const std::vector<std::uint8_t>& b) {
  std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(b.data()), std::streamsize(b.size()));
}
json item(int n, std::string city = "深圳") {
  auto o = test::order(n, city);
  return {{"order_no", o.order_no},   {"applicant_name", o.applicant_name},
          {"id_number", o.id_number}, {"doc_type", o.doc_type},
          {"city", o.city},           {"channel", "mini"},
          {"photo", "p.jpg"},         {"submitted_at", o.submitted_at}};
}
}  // namespace

TEST_CASE("ingest: bad items get one clear line each, good items still go in, twice changes nothing") {
  test::TempDb tmp;
  write_bytes(tmp.dir / "p.jpg", test::tiny_jpeg(1));
  write_bytes(tmp.dir / "empty.jpg", {});
  json manifest = json::array();
  manifest.push_back(item(1));
  manifest.push_back(item(2, "广东省"));  // a province
  auto missing_photo = item(3);
  missing_photo["photo"] = "nope.jpg";
  manifest.push_back(missing_photo);
  auto bad_doc = item(4);
  bad_doc["doc_type"] = "户口本";
  manifest.push_back(bad_doc);
  auto bad_id = item(5);
  bad_id["id_number"] = "440301199001011230";
  manifest.push_back(bad_id);
  auto no_name = item(6);
  no_name.erase("applicant_name");
  manifest.push_back(no_name);
  auto bad_time = item(7);
  bad_time["submitted_at"] = "yesterday";
  manifest.push_back(bad_time);
  auto empty_photo = item(8);
  empty_photo["photo"] = "empty.jpg";
  manifest.push_back(empty_photo);
  manifest.push_back(42);
  manifest.push_back(item(9, "广州市"));
  manifest.push_back(item(1));  // the same order again in the same file
  std::ofstream(tmp.dir / "m.json") << manifest.dump(1);

  Store s(tmp.path);
  auto report = s.ingest_manifest(tmp.dir / "m.json");
  CHECK(report.enqueued == 2);
  CHECK(report.refused == 7);
  CHECK(report.photo_refused == 1);  // the empty photo: recorded, the applicant told (test_intake_hostile.cpp)
  CHECK(report.already_present == 1);
  CHECK(report.items[1].error.find("province") != std::string::npos);
  CHECK(report.items[1].order_no == "T100002");
  CHECK(report.items[2].error.find("nope.jpg") != std::string::npos);
  CHECK(report.items[3].error.find("户口本") != std::string::npos);
  CHECK(report.items[4].error.find("check character") != std::string::npos);
  CHECK(report.items[5].error.find("applicant_name") != std::string::npos);
  CHECK(report.items[6].error.find("yesterday") != std::string::npos);
  CHECK(report.items[7].status == IngestItem::Status::PhotoRefused);
  CHECK(report.items[7].error.find("empty") != std::string::npos);
  CHECK(report.items[8].error.find("not an object") != std::string::npos);

  auto again = s.ingest_manifest(tmp.dir / "m.json");
  CHECK(again.enqueued == 0);
  CHECK(again.already_present == 4);
  CHECK(s.pending_queue().size() == 2);
}

TEST_CASE("ingest: a broken manifest is refused whole with its name") {
  test::TempDb tmp;
  std::ofstream(tmp.dir / "broken.json") << "[{\"order_no\": ";
  std::ofstream(tmp.dir / "object.json") << "{\"order_no\": \"A\"}";
  Store s(tmp.path);
  CHECK_THROWS_WITH_AS(s.ingest_manifest(tmp.dir / "broken.json"), doctest::Contains("broken.json"),
                       std::runtime_error);
  CHECK_THROWS_WITH_AS(s.ingest_manifest(tmp.dir / "object.json"), doctest::Contains("array"), std::runtime_error);
  CHECK_THROWS_AS(s.ingest_manifest(tmp.dir / "absent.json"), std::runtime_error);
  CHECK(s.pending_queue().empty());
}

TEST_CASE("resubmission: attempt N+1 at the front, linked to the rejected one; tokens are one-time") {
  test::TempDb tmp;
  Store s(tmp.path);
  s.enqueue(test::order(1));
  s.enqueue(test::order(2));
  const auto alice = test::reviewer(s, "alice");
  auto c = s.claim_next(alice, "ws");
  REQUIRE(c->order.order_no == "T100001");
  auto rejected = s.decide(alice, {c->attempt.id, c->lease.token, "ws", Outcome::Reject, {"BLURRED", "HAIR_EARS"}});

  CHECK_THROWS_AS(s.resubmit("0123456789abcdef0123456789abcdef", test::tiny_jpeg(5)), Refusal);
  auto r = s.resubmit(rejected.notice_token, test::tiny_jpeg(5));
  CHECK(r.order_no == "T100001");
  CHECK(r.attempt_no == 2);
  CHECK_THROWS_WITH_AS(s.resubmit(rejected.notice_token, test::tiny_jpeg(6)), doctest::Contains("already used"),
                       Refusal);

  auto rows = s.pending_queue();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].order_no == "T100001");  // resubmission first
  CHECK(rows[0].attempt_no == 2);

  auto next = s.claim_next(test::reviewer(s, "bob"), "ws");  // another reviewer sees who rejected it
  REQUIRE(next);
  CHECK(next->attempt.attempt_no == 2);
  REQUIRE(next->previous);
  CHECK(next->previous->attempt.attempt_no == 1);
  CHECK(next->previous->reasons == std::vector<std::string>{"BLURRED", "HAIR_EARS"});
  CHECK(next->previous->reviewer == "alice");
  CHECK_FALSE(next->previous->photo.empty());
  CHECK(next->photo != next->previous->photo);
}
