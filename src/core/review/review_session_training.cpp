// The review session's training mode (SessionConfig::training_set): the set's cases instead of
// the queue's orders, answers into the training tables, and the feedback the set allows. Nothing
// here takes a lease or writes a live table; the store's training calls check who may do what.
#include <algorithm>

#include "core/i18n/text.hpp"
#include "core/review/review_session.hpp"

namespace rs::review {

// The case as the photo view and the panels show it: its order (applicant masked), document type
// and photo, decoded and (once the engine is ready) analysed like a queue order.
std::shared_ptr<const ReviewItem> ReviewSession::training_case_item(store::TrainingTask task) {
  auto item = std::make_shared<ReviewItem>();
  item->serial = next_serial_++;
  item->training_case_id = task.case_id;
  item->training_position = task.position;
  item->training_total = task.total;
  auto& order = item->claim.order;
  order.order_no = task.order_no;
  order.applicant_name = task.applicant_masked;
  order.id_number = task.id_number_masked;
  order.doc_type = task.doc_type;
  order.city = task.city;
  item->claim.photo = std::move(task.photo);
  item->claimed_at = now_ms();
  item->photo = decode_for_display(item->claim.photo);
  std::shared_ptr<const findings::Engine> engine;
  {
    std::lock_guard lk(mu_);
    engine = engine_;
  }
  if (engine) return analysed(*item, *engine);
  return item;
}

std::shared_ptr<const ReviewItem> ReviewSession::training_item(store::Store& store, bool& empty) {
  auto task = store.next_training_case(*config_.reviewer, config_.training_set);
  bool same = false;
  if (task) {
    std::lock_guard lk(mu_);
    // The case on screen until its answer is in (answered elsewhere meanwhile: the next is new).
    same = snap_.current && snap_.current->training_case_id == task->case_id;
    snap_.training_total = task->total;
  }
  if (!task || same) {
    empty = true;
    if (!task) load_training_rows(store);
    return nullptr;
  }
  return training_case_item(std::move(*task));
}

// Once every case is answered: the answers with their references, read once.
void ReviewSession::load_training_rows(store::Store& store) {
  {
    std::lock_guard lk(mu_);
    if (snap_.training_finished) return;
  }
  auto rows = store.training_feedback(*config_.reviewer, config_.training_set, config_.reviewer->name());
  {
    std::lock_guard lk(mu_);
    snap_.training_finished = true;
    snap_.training_answered = int(rows.size());
    snap_.training_total = std::max(snap_.training_total, int(rows.size()));
    snap_.training_rows = std::move(rows);
  }
  changed();
}

std::shared_ptr<const ReviewItem> ReviewSession::review_item(store::Store& store, int position) {
  auto task = store.answered_training_case(*config_.reviewer, config_.training_set, position);
  std::shared_ptr<const store::TrainingFeedbackRow> row;
  {
    std::lock_guard lk(mu_);
    for (const auto& r : snap_.training_rows)
      if (r.reference.position == position) row = std::make_shared<store::TrainingFeedbackRow>(r);
  }
  auto item = std::make_shared<ReviewItem>(*training_case_item(std::move(task)));
  item->training_feedback = row;
  return item;
}

// A case of the finished set asked for again: it replaces what is on screen.
bool ReviewSession::training_step(store::Store& store) {
  int position = 0;
  {
    std::lock_guard lk(mu_);
    if (!snap_.training_finished) review_position_ = 0;
    position = std::exchange(review_position_, 0);
  }
  if (position == 0) return false;
  try {
    auto item = review_item(store, position);
    std::lock_guard lk(mu_);
    snap_.current = std::move(item);
  } catch (const std::exception& e) {
    set_error(std::string(tr("ui.session.refused")) + e.what());
    return true;
  }
  changed();
  return true;
}

void ReviewSession::show_training_case(int position) {
  {
    std::lock_guard lk(mu_);
    review_position_ = position;
  }
  cv_.notify_all();
}

bool ReviewSession::continue_training() {
  {
    std::lock_guard lk(mu_);
    if (!snap_.current || !snap_.current->training_feedback) return false;
    advance_locked();
  }
  cv_.notify_all();
  changed();
  return true;
}

ActionOutcome ReviewSession::answer_training(const std::shared_ptr<const ReviewItem>& item, store::Outcome outcome,
                                             const std::vector<std::string>& reasons, Millis shown_ms) {
  ActionOutcome out;
  if (item->training_feedback) {
    out.message = std::string(tr("ui.training.answered_already"));
    return out;
  }
  store::TrainingAnswerRequest r;
  r.set = config_.training_set;
  r.case_id = item->training_case_id;
  r.outcome = outcome;
  r.reasons = reasons;
  r.shown_ms = shown_ms;
  try {
    out.training = caller_store().answer_training_case(*config_.reviewer, r);
    out.ok = true;
  } catch (const store::Refusal& e) {
    out.message = std::string(tr("ui.session.refused")) + e.what();
    // Answered meanwhile (the command line): this case is done, the session goes on.
    out.moved_on = e.why() == store::Refusal::Why::SetFinished;
  } catch (const std::exception& e) {
    out.message = std::string(tr("ui.session.decide_failed")) + e.what();
  }
  {
    std::lock_guard lk(mu_);
    if (out.ok) {
      const auto& t = *out.training;
      snap_.training_answered = t.answered;
      snap_.training_total = t.total;
      snap_.training_end_feedback = !t.reference;
      // Immediate feedback: the case stays on screen with its reference until the trainee goes on.
      if (t.reference && snap_.current == item) {
        auto copy = std::make_shared<ReviewItem>(*item);
        copy->training_feedback = std::make_shared<store::TrainingFeedbackRow>(
            store::TrainingFeedbackRow{*t.reference, t.decision, t.reasons, t.ms_spent});
        snap_.current = std::move(copy);
      } else {
        out.moved_on = true;
      }
    } else {
      snap_.error = out.message;
      ++snap_.error_serial;
    }
    if (out.moved_on && snap_.current == item) advance_locked();
  }
  cv_.notify_all();
  changed();
  return out;
}

}  // namespace rs::review
