#pragma once
// A scratch SQLite file with a few orders, for the store tests.
#include <filesystem>
#include <functional>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "core/domain/id_number.hpp"
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

struct TempDb {
  std::filesystem::path dir;
  std::string path;
  TempDb() {
    dir = std::filesystem::temp_directory_path() / ("rs-test-" + random_hex(6));
    std::filesystem::create_directories(dir);
    path = (dir / "queue.db").string();
  }
  ~TempDb() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

}  // namespace rs::test
