#pragma once
// The findings' shapes for the case view. A decision's record keeps each rule's verdict, value and
// score but no shapes (decision_record.hpp: they are derived again from the stored photo), so the
// case view runs the rule engine once more on the decided photo, on this thread of its own: the
// engine loads in about a second and an analysis takes tens of milliseconds, which belong neither
// on the UI thread nor on the desk, whose queries must not wait behind them. The engine is loaded
// at the first request, so a supervisor who never opens a case never pays for it.
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/findings/finding.hpp"
#include "ui/supervise/desk.hpp"

namespace rs::ui::supervise {

class CaseAnalyser {
 public:
  struct Result {
    std::uint64_t ticket = 0;
    std::shared_ptr<const findings::Analysis> analysis;  // null when the engine failed
    std::string error;
  };
  CaseAnalyser();
  ~CaseAnalyser();  // finishes the analysis under way (or the engine's load)
  CaseAnalyser(const CaseAnalyser&) = delete;
  CaseAnalyser& operator=(const CaseAnalyser&) = delete;

  // A newer request replaces one still waiting; the answer carries the returned ticket.
  std::uint64_t request(std::vector<std::uint8_t> photo, std::string doc_type);
  std::optional<Result> take() { return results_.take(); }

 private:
  struct Request {
    std::uint64_t ticket = 0;
    std::vector<std::uint8_t> photo;
    std::string doc_type;
  };
  void run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<Request> waiting_;
  std::uint64_t tickets_ = 0;
  bool stop_ = false;
  Handover<Result> results_;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace rs::ui::supervise
