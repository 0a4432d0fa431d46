// reviewstation demo --db PATH [--orders N] [--no-gui] [--user NAME] [--password-file FILE]
#include <cstdio>
#include <cstdlib>

#include "cli/command.hpp"
#include "cli/sign_in.hpp"
#include "core/demo/demo_accounts.hpp"
#include "core/demo/demo_history.hpp"
#include "core/demo/demo_photos.hpp"
#include "core/domain/city.hpp"
#include "core/domain/id_number.hpp"
#include "core/store/store.hpp"
#include "core/util/clock.hpp"
#include "ui/shell/app.hpp"

namespace {
// Deterministic applicants: most orders come from the big cities, every city appears.
rs::store::NewOrder demo_order(int seq, const rs::demo::DemoPhoto& photo, rs::Millis now) {
  static const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵",
                                    "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"};
  static const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "磊",   "洋",   "勇",   "艳",
                                 "杰", "娟", "涛", "明", "超", "秀英", "晓东", "嘉怡", "子轩"};
  static const char* kDocs[] = {"身份证", "身份证", "身份证", "社保卡", "居住证", "港澳通行证", "护照", "驾驶证"};
  static const char* kBigCities[] = {"深圳市", "广州市", "东莞", "佛山市"};
  const auto& cities = rs::guangdong_cities();
  rs::store::NewOrder o;
  char no[32];
  std::snprintf(no, sizeof no, "DEMO%06d", seq);
  o.order_no = no;
  o.applicant_name = std::string(kSurnames[seq % 16]) + kGiven[(seq * 7) % 18];
  char id17[18];
  std::snprintf(id17, sizeof id17, "4403%02d19%02d%02d%02d%03d", 1 + seq % 9, 60 + seq % 40, 1 + seq % 12, 1 + seq % 28,
                seq % 1000);
  o.id_number = std::string(id17) + rs::id_number_check_char(id17);
  o.doc_type = kDocs[seq % 8];
  o.city = seq % 3 == 0 ? std::string(cities[seq % cities.size()].name_zh) : kBigCities[seq % 4];
  o.channel = seq % 5 == 0 ? "alipay" : "wechat";
  // Spread over the last few hours so waiting times look like a working day.
  o.submitted_at = rs::iso8601_cst(now - (3LL * 3600 * 1000) + seq * 97LL * 1000);
  o.photo = photo.jpeg;
  return o;
}

// A new demo database also gets a few days of decided history (demo_history.hpp), older than the
// pending orders, so the supervisor's views have something to show.
void fill_history(const std::string& db) {
  std::fprintf(stderr, "demo: deciding a few days of history...\n");
  std::vector<std::vector<std::uint8_t>> photos;
  for (auto& p : rs::demo::make_demo_photos(12, 101)) photos.push_back(std::move(p.jpeg));
  const auto h = rs::demo::fill_demo_history(db, photos);
  std::printf("demo: history: %d decisions by r1-r3, %d second reviews (%d disagreeing), %d overturns\n", h.decisions,
              h.second_reviews, h.disagreements, h.overturns);
}

int run_demo(const rs::cli::Args& args) {
  std::string db = args.required("--db");
  int wanted = args.integer("--orders", 60);
  if (wanted < 0 || wanted > 100000) throw rs::cli::UsageError("--orders takes 0 to 100000");
  rs::store::Store store(db);
  int pending = store.stats("").pending;
  int missing = std::max(0, wanted - pending);
  if (missing > 0) {
    std::fprintf(stderr, "demo: making %d demo photos...\n", missing);
    auto photos = rs::demo::make_demo_photos(missing, 1 + unsigned(pending));
    rs::Millis now = rs::now_ms();
    int added = 0;
    for (int seq = 1; added < missing; ++seq) {
      auto item = store.enqueue(demo_order(seq, photos[std::size_t(added)], now));
      if (item.status == rs::store::IngestItem::Status::Enqueued)
        ++added;
      else if (item.status == rs::store::IngestItem::Status::Refused ||
               item.status == rs::store::IngestItem::Status::PhotoRefused)
        throw std::runtime_error("demo order " + item.order_no + " refused: " + item.error);
    }
  }
  std::printf("demo: %s holds %d pending orders\n", db.c_str(), store.stats("").pending);
  if (rs::demo::ensure_demo_accounts(store)) {
    std::printf("demo: accounts (password \"%s\"):", rs::demo::kDemoPassword);
    for (const auto& a : rs::demo::demo_accounts()) std::printf(" %s (%s)", a.name, a.roles);
    std::printf("\n");
    if (!args.has("--no-history")) {
      fill_history(db);
      if (const int cases = rs::demo::ensure_demo_training(store))
        std::printf("demo: training set %s (%d cases) assigned to the trainee t1\n", rs::demo::kDemoTrainingSet, cases);
    }
  }
  if (args.has("--no-gui")) return 0;
  // The sign-in dialog opens with the name filled in (RS_PASSWORD or --password-file skip it).
  const std::string user = args.value("--user").value_or("r1");
  return rs::ui::run_workstation(db, user, rs::cli::given_password(args, "RS_PASSWORD", "--password-file"));
}
}  // namespace

RS_COMMAND(
    "demo", "fill a queue with demo orders and open the workstation",
    "Creates PATH (or tops it up) so that it holds N pending demo orders (default 60): photos made\n"
    "from face photos Debian ships, put into GA 461 geometry, with deterministic variants (shift,\n"
    "scale, roll, exposure, blur, half-face shadow, background, mirror) so the queue mixes photos\n"
    "that pass and fail. A database without an admin also gets the demo accounts, all with the\n"
    "password demo: admin, r1, r2, r3 (reviewers), sup (supervisor), tr (trainer), t1 (a reviewer in\n"
    "training, not certified for the live queue), and five days of decided history (300 orders\n"
    "decided by r1-r3, second reviews, overturns) with a training set for t1 unless --no-history.\n"
    "Then opens the workstation unless --no-gui, its sign-in dialog filled with --user (r1).",
    [](rs::cli::Args& a) {
      a.option("--db", "PATH", "the queue to create or top up", true);
      a.option("--orders", "N", "pending demo orders (60)");
      a.flag("--no-gui", "do not open the workstation");
      a.flag("--no-history", "a new database without the decided history (tests that count rows)");
      a.option("--user", "NAME", "the name the sign-in dialog starts with (r1)");
      a.option("--password-file", "FILE", "sign in without the dialog (else RS_PASSWORD)");
    },
    run_demo);
