#pragma once
// A scratch database with a few orders, for the store tests: a SQLite file, or a fresh database on
// the test suite's PostgreSQL server when RS_TEST_PG_URL_FILE names the file holding its URL
// (ctest's unit_pg runs the store tests so, tests/pg/server.sh starts the server).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "core/domain/id_number.hpp"
#include "core/store/sqlite.hpp"
#include "core/store/store.hpp"
#include "core/util/random.hpp"

namespace rs::test {

inline std::vector<std::uint8_t> tiny_jpeg(int seed) {
  cv::Mat img(441, 358, CV_8UC3, cv::Scalar(250, 250, 250));
  cv::circle(img, {179, 200}, 100, cv::Scalar(120 + seed % 100, 140, 180), cv::FILLED);
  std::vector<std::uint8_t> out;
  cv::imencode(".jpg", img, out);
  return out;
}

inline std::string valid_id(int n) {
  std::string first = "4403011990" + std::to_string(1000000 + n).substr(0, 7);
  return first + id_number_check_char(first);
}

inline store::NewOrder order(int n, std::string city = "深圳市", std::string doc = "身份证") {
  store::NewOrder o;
  o.order_no = "T" + std::to_string(100000 + n);
  o.applicant_name = "测试" + std::to_string(n);
  o.id_number = valid_id(n);
  o.doc_type = doc;
  o.city = city;
  o.channel = "miniprogram";
  o.submitted_at = "2026-11-21T08:" + std::to_string(10 + n % 50) + ":00+08:00";
  o.photo = tiny_jpeg(n);
  return o;
}

// Test accounts, made on first use with an admin beside them ("test-admin"); every password is
// "demo". An account that exists already is kept as it is.
inline void account(store::Store& s, const std::string& name, accounts::RoleSet roles) {
  auto unless_exists = [](const std::function<void()>& make) {
    try {
      make();
    } catch (const store::Refusal& e) {
      if (e.why() != store::Refusal::Why::UserExists) throw;
    }
  };
  unless_exists([&] { s.init_admin("test-admin", "demo"); });
  const auto admin = s.sign_in("test-admin", "demo");
  unless_exists([&] { s.add_user(admin, {.name = name, .roles = roles, .password = "demo"}); });
}

// A signed-in account holding exactly `roles` (made on first use).
inline accounts::Actor signed_in(store::Store& s, const std::string& name, accounts::RoleSet roles) {
  account(s, name, roles);
  return s.sign_in(name, "demo");
}

// A signed-in supervisor.
inline accounts::Actor supervisor(store::Store& s, const std::string& name = "sup") {
  return signed_in(s, name, {accounts::Role::Supervisor});
}

// A signed-in reviewer: claims, renews, skips, hands back and decides.
inline accounts::Actor reviewer(store::Store& s, const std::string& name = "r1") {
  return signed_in(s, name, {accounts::Role::Reviewer});
}

// SQL for the text of `key` in the JSON column `column`, on the store's engine (compare it with a
// quoted value: '2', not 2).
inline std::string json_text(store::Store& s, const std::string& column, const std::string& key) {
  if (s.database().engine() == store::Engine::Postgresql) return "(CAST(" + column + " AS jsonb) ->> '" + key + "')";
  return "CAST(json_extract(" + column + ", '$." + key + "') AS TEXT)";
}

// Runs a tampering test's SQL. Dropping an append-only trigger or switching foreign keys off is
// SQLite's way to write what the schema forbids; on PostgreSQL the session is put in replica mode,
// which skips every trigger and foreign key of its writes (the test server's role is a superuser).
inline void tamper(store::Store& s, const std::string& sql) {
  const bool pg = s.database().engine() == store::Engine::Postgresql;
  if (pg && (sql.starts_with("DROP TRIGGER") || sql.starts_with("PRAGMA foreign_keys")))
    return s.database().exec("SET session_replication_role = replica");
  s.database().exec(sql.c_str());
}

// The test server's URL (its maintenance database), or "" when the tests run on SQLite.
inline std::string test_server_url() {
  const char* file = std::getenv("RS_TEST_PG_URL_FILE");
  if (!file || !*file) return {};
  std::ifstream in(file);
  std::string url;
  std::getline(in, url);
  if (url.empty()) throw std::runtime_error(std::string("RS_TEST_PG_URL_FILE: no URL in ") + file);
  return url;
}

// `url` with its database name replaced by `name`.
inline std::string with_database(const std::string& url, const std::string& name) {
  const auto slash = url.find('/', url.find("//") + 2);
  return url.substr(0, slash) + "/" + name;
}

struct TempDb {
  std::filesystem::path dir;  // a scratch folder on either engine (exports, receipts)
  std::string path;           // the store: a SQLite file or a postgresql:// URL
  std::string server;         // the test server's URL, "" on SQLite
  std::string name;
  TempDb() {
    const std::string hex = random_hex(6);
    dir = std::filesystem::temp_directory_path() / ("rs-test-" + hex);
    std::filesystem::create_directories(dir);
    server = test_server_url();
    if (server.empty()) {
      path = (dir / "queue.db").string();
      return;
    }
    name = "rs_test_" + hex;
    store::Database(server).exec(("CREATE DATABASE " + name).c_str());
    path = with_database(server, name);
  }
  ~TempDb() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    if (name.empty()) return;
    try {
      store::Database(server).exec(("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").c_str());
    } catch (const std::exception&) {
      // A database left behind goes with the test server's folder.
    }
  }
  bool postgresql() const { return !server.empty(); }
};

}  // namespace rs::test
