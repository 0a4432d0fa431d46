// Receipt validity comes from the table the store is handed (StoreOptions::validity), not from a
// file the decision path reads.
#include <doctest/doctest.h>

#include <fstream>

#include "core/issuing/validity.hpp"
#include "store_fixture.hpp"

using namespace rs;

TEST_CASE("validity: the city's figure, else the group's, else the default; a bad file is named") {
  issuing::ValidityTable t;
  t.default_days = 90;
  t.groups['I'] = 180;
  t.cities["广州"]['I'] = 30;
  CHECK(t.days('I', "广州") == 30);
  CHECK(t.days('I', "深圳") == 180);
  CHECK(t.days('D', "深圳") == 90);
  CHECK(issuing::ValidityTable::standard().days('I', "广州") == 180);

  test::TempDb tmp;
  std::ofstream(tmp.dir / "bad.json") << R"({"default_days": 180, "groups": {"I": "long"}})";
  CHECK_THROWS_WITH_AS(issuing::ValidityTable::load(tmp.dir / "bad.json"), doctest::Contains("bad.json"),
                       std::runtime_error);
  CHECK_THROWS_WITH_AS(issuing::ValidityTable::load(tmp.dir / "absent.json"), doctest::Contains("absent.json"),
                       std::runtime_error);
}

TEST_CASE("validity: an approval's expiry follows the table in the store's options") {
  test::TempDb tmp;
  issuing::ValidityTable short_lived;
  short_lived.default_days = 7;
  store::StoreOptions options;
  options.validity = &short_lived;
  store::Store s(tmp.path, options);
  s.enqueue(test::order(1));
  const auto bob = test::reviewer(s, "bob");
  auto c = s.claim_next(bob, "ws");
  REQUIRE(c);
  auto r = s.decide(bob, {c->attempt.id, c->lease.token, "ws", store::Outcome::Approve});
  const LocalDate today = local_date_cst(now_ms());
  CHECK(r.expires_on == date_text(add_days(today, 7)));
}
