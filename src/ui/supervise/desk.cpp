#include "ui/supervise/desk.hpp"

#include <cstdio>

#include "core/store/store.hpp"
#include "ui/shell/platform.hpp"

namespace rs::ui::supervise {

Desk::Desk(std::string db_path, accounts::Actor supervisor)
    : db_path_(std::move(db_path)), actor_(std::move(supervisor)), thread_([this] { run(); }) {}

Desk::~Desk() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
    jobs_.clear();
  }
  wake_.notify_all();
  thread_.join();
}

void Desk::post(Job job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  wake_.notify_all();
}

bool Desk::busy() const {
  std::lock_guard lock(mutex_);
  return running_job_ || !jobs_.empty();
}

void Desk::run() {
  std::optional<store::Store> store;
  try {
    store.emplace(db_path_);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gui: the supervisor's desk cannot open %s: %s\n", db_path_.c_str(), e.what());
  }
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
      if (stop_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
      running_job_ = true;
    }
    // Each job catches what it can explain to its panel; anything else must not end the thread.
    try {
      if (store) job(*store, actor_);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "gui: a supervisor's job failed: %s\n", e.what());
    }
    {
      std::lock_guard lock(mutex_);
      running_job_ = false;
    }
    Platform::wake();
  }
}

}  // namespace rs::ui::supervise
