#include "ui/supervise/case_analyser.hpp"

#include "core/findings/engine.hpp"
#include "ui/shell/platform.hpp"

namespace rs::ui::supervise {

CaseAnalyser::CaseAnalyser() : thread_([this] { run(); }) {}

CaseAnalyser::~CaseAnalyser() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

std::uint64_t CaseAnalyser::request(std::vector<std::uint8_t> photo, std::string doc_type) {
  std::uint64_t ticket = 0;
  {
    std::lock_guard lock(mutex_);
    ticket = ++tickets_;
    waiting_ = Request{ticket, std::move(photo), std::move(doc_type)};
  }
  wake_.notify_all();
  return ticket;
}

void CaseAnalyser::run() {
  std::unique_ptr<findings::Engine> engine;
  std::string engine_error;
  for (;;) {
    Request r;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || waiting_; });
      if (stop_) return;
      r = std::move(*waiting_);
      waiting_.reset();
    }
    Result out{r.ticket, nullptr, {}};
    try {
      if (!engine && engine_error.empty()) engine = findings::Engine::load();
      if (engine) out.analysis = std::make_shared<const findings::Analysis>(engine->analyse(r.photo, r.doc_type));
    } catch (const std::exception& e) {
      if (!engine) engine_error = e.what();  // a bad spec or model stays bad: not loaded again
      out.error = e.what();
    }
    if (!out.analysis && out.error.empty()) out.error = engine_error;
    results_.put(std::move(out));
    Platform::wake();
  }
}

}  // namespace rs::ui::supervise
