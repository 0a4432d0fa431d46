#pragma once
// The supervisor's store on a thread of its own. Every query and action of the workspace (a page
// of the decision browser, the figures, the inbox, an overturn) runs there on the desk's own
// Store, one at a time in the order posted, so the UI thread never waits for SQLite; a job hands
// its answer to its panel through a Handover and wakes the window.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "core/accounts/actor.hpp"

namespace rs::store {
class Store;
}

namespace rs::ui::supervise {

// One answer waiting for the UI thread: the job puts, the panel takes.
template <class T>
class Handover {
 public:
  void put(T value) {
    std::lock_guard lock(mutex_);
    value_ = std::move(value);
  }
  std::optional<T> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(value_, std::nullopt);
  }

 private:
  std::mutex mutex_;
  std::optional<T> value_;
};

class Desk {
 public:
  using Job = std::function<void(store::Store&, const accounts::Actor&)>;
  Desk(std::string db_path, accounts::Actor supervisor);
  ~Desk();  // finishes the job under way; the others are dropped
  Desk(const Desk&) = delete;
  Desk& operator=(const Desk&) = delete;

  void post(Job job);
  bool busy() const;  // a job waits or runs
  const accounts::Actor& actor() const { return actor_; }
  const std::string& db_path() const { return db_path_; }

 private:
  void run();

  std::string db_path_;
  accounts::Actor actor_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> jobs_;
  bool running_job_ = false;
  bool stop_ = false;
  std::string open_error_;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace rs::ui::supervise
