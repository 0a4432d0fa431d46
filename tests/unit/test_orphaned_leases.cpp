// A workstation starting again hands back the orders of its crashed earlier runs on the same
// machine (their owners carry a pid that no longer exists), and nobody else's.
#include <doctest/doctest.h>

#include <unistd.h>

#include <set>

#include "core/domain/workstation_id.hpp"
#include "core/review/orphaned_leases.hpp"
#include "store_fixture.hpp"

using namespace rs;
using rs::review::hand_back_orphaned_leases;
using rs::review::local_owner_pid;

TEST_CASE("orphaned leases: workstation ids and lease owners are read apart") {
  CHECK(workstation_host("desk-3:4711") == "desk-3");
  CHECK(workstation_host("desk-3") == "desk-3");
  CHECK(workstation_host("desk-3:x1") == "desk-3:x1");
  CHECK(local_owner_pid("张三@desk-3:4711", "desk-3") == 4711);
  CHECK(local_owner_pid("a@b@desk-3:12", "desk-3") == 12);     // an '@' in the reviewer's name
  CHECK_FALSE(local_owner_pid("张三@desk-4:4711", "desk-3"));  // another machine
  CHECK_FALSE(local_owner_pid("张三@desk-3", "desk-3"));       // no pid
  CHECK_FALSE(local_owner_pid("张三@desk-3:47x1", "desk-3"));
  CHECK_FALSE(local_owner_pid("张三@desk-3:0", "desk-3"));
  CHECK_FALSE(local_owner_pid("desk-3:4711", "desk-3"));  // no reviewer
  CHECK(rs::review::process_alive(long(::getpid())));
}

TEST_CASE("workstation ids: built and read in one place") {
  CHECK(workstation_id("desk-3", 4711) == "desk-3:4711");
  const auto me = parse_workstation_id(this_workstation());
  REQUIRE(me);
  CHECK(me->pid == long(::getpid()));
  CHECK_FALSE(me->host.empty());
  CHECK_FALSE(parse_workstation_id(kCliWorkstation));
  CHECK_FALSE(parse_workstation_id(kIntakeWorkstation));
  CHECK_FALSE(parse_workstation_id(":12"));
  CHECK_FALSE(parse_workstation_id("desk:1234567890"));  // a pid of more than 9 digits
  CHECK(lease_owner("a@b", "desk-3:12") == "a@b@desk-3:12");
  CHECK(lease_owner_workstation("a@b@desk-3:12") == "desk-3:12");
  CHECK_FALSE(lease_owner_workstation("nobody"));
}

TEST_CASE("orphaned leases: a dead run's orders on this host go back, live and other hosts' stay") {
  test::TempDb tmp;
  store::Store s(tmp.path);
  for (int i = 1; i <= 5; ++i) s.enqueue(test::order(i));
  const auto zhang = test::reviewer(s, "张三"), li = test::reviewer(s, "李四"), wang = test::reviewer(s, "王五"),
             zhao = test::reviewer(s, "赵六");
  const auto dead_a = s.claim_next(zhang, "desk-3:101");
  const auto dead_b = s.claim_next(li, "desk-3:101");  // another reviewer in the same dead process
  const auto live = s.claim_next(wang, "desk-3:202");
  const auto other_host = s.claim_next(zhao, "desk-9:101");
  const auto own = s.claim_next(zhang, "desk-3:303");
  REQUIRE((dead_a && dead_b && live && other_host && own));
  const std::set<long> running = {202, 303};
  // 张三's new run hands back what the dead process held, 李四's order too.
  CHECK(hand_back_orphaned_leases(s, zhang, "desk-3", 303, [&](long pid) { return running.count(pid) > 0; }) == 2);
  std::set<std::string> holders;
  for (const auto& owner : s.lease_owners()) holders.insert(owner);
  CHECK(holders == std::set<std::string>{"王五@desk-3:202", "赵六@desk-9:101", "张三@desk-3:303"});
  // The handed-back orders are claimable at once, oldest first, and the dead run's token is void.
  const auto again = s.claim_next(zhang, "desk-3:303");
  REQUIRE(again);
  CHECK(again->attempt.id == dead_a->attempt.id);
  const store::DecisionRequest stale{dead_b->attempt.id, dead_b->lease.token, "desk-3:101", store::Outcome::Approve};
  CHECK_THROWS_AS(s.decide(li, stale), store::Refusal);
  // Nothing left to hand back: a second start changes nothing.
  CHECK(hand_back_orphaned_leases(s, zhang, "desk-3", 303, [&](long pid) { return running.count(pid) > 0; }) == 0);
}
