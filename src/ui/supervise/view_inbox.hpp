#pragma once
// The supervisor's inbox: open second-review disagreements with both decisions side by side (keep
// the first decision, or overturn it), the quarantined orders (put one back in the queue) and the
// reviewers paused by their gold record (lift the pause).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/store/store.hpp"
#include "ui/shell/fonts.hpp"
#include "ui/supervise/desk.hpp"
#include "ui/supervise/view_case.hpp"
#include "ui/supervise/view_overturn.hpp"

namespace rs::ui::supervise {

class InboxView {
 public:
  InboxView(Desk& desk, Fonts& fonts);
  void poll();
  void draw(OverturnDialog& overturn, CaseView& case_view);  // a double click on an order opens its case
  void reload();
  std::size_t open_items() const { return disagreements_.size() + quarantined_.size() + paused_.size(); }

 private:
  struct Contents {
    std::vector<store::SecondReviewRow> disagreements;
    std::vector<store::QuarantineRow> quarantined;
    std::vector<store::PausedReviewer> paused;
    std::string message;  // what the last action did, or why it was refused
  };
  void draw_disagreements(OverturnDialog& overturn, CaseView& case_view);
  void draw_quarantined();
  void draw_paused();
  // Runs `act` on the desk, then reads the inbox again in the same job.
  void act_then_reload(std::function<std::string(store::Store&, const accounts::Actor&)> act);

  Desk& desk_;
  Fonts& fonts_;
  std::shared_ptr<Handover<Contents>> contents_ = std::make_shared<Handover<Contents>>();
  std::vector<store::SecondReviewRow> disagreements_;
  std::vector<store::QuarantineRow> quarantined_;
  std::vector<store::PausedReviewer> paused_;
  std::string message_;
  bool loading_ = false;
};

}  // namespace rs::ui::supervise
