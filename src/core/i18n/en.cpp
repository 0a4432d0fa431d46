// English table, section "domain": the same keys as zh_cn.cpp (reasons, verdicts, notices,
// findings, decisions). The words a passport-photo checking desk uses; applicant sentences say
// what to do, as the Chinese ones do. Applicants always get the Chinese table (tr_applicant): these
// sentences are for reviewers who run the workstation in English.
#include <string_view>
#include <utility>
#include <vector>

namespace rs::detail {
const std::vector<std::pair<std::string_view, std::string_view>>& en_table() {
  static const std::vector<std::pair<std::string_view, std::string_view>> t = {
      // ---- rejection reasons ----
      {"reason.EXPRESSION.label", "Unnatural expression / not looking ahead"},
      {"reason.EXPRESSION.applicant",
       "Please keep a natural expression with your mouth closed and look straight into the camera, then take the photo "
       "again."},
      {"reason.FEATURES_HIDDEN.label", "Facial features covered"},
      {"reason.FEATURES_HIDDEN.applicant",
       "Please show your whole face, without hair, hands or objects covering it, then take the photo again."},
      {"reason.HAIR_EARS.label", "Hair covers the ears"},
      {"reason.HAIR_EARS.applicant",
       "Please tuck your hair behind your ears so that both ears show, then take the photo again."},
      {"reason.HAIR_EYEBROWS.label", "Hair covers the eyebrows"},
      {"reason.HAIR_EYEBROWS.applicant",
       "Please move your fringe so that both eyebrows show, then take the photo again."},
      {"reason.HAIR_SHOULDERS.label", "Hair covers the shoulders"},
      {"reason.HAIR_SHOULDERS.applicant",
       "Please put long hair behind your shoulders so that it does not cover them, then take the photo again."},
      {"reason.ACCESSORY.label", "Jewellery or hat worn"},
      {"reason.ACCESSORY.applicant",
       "Please take off earrings, necklaces, hats, hair clips and other accessories, then take the photo again."},
      {"reason.FACE_SHADOW.label", "Shadow on the face"},
      {"reason.FACE_SHADOW.applicant",
       "Please take the photo in even light (for example facing a window) so that there is no shadow on your face."},
      {"reason.FACE_GLARE.label", "Reflection on the face"},
      {"reason.FACE_GLARE.applicant",
       "Please avoid flash and strong direct light so that your face shows no shine, then take the photo again."},
      {"reason.RETOUCHED.label", "Over-beautified / retouched"},
      {"reason.RETOUCHED.applicant",
       "Please turn off beauty and filter effects and upload the original, unedited photo."},
      {"reason.MIRRORED.label", "Photo mirrored left to right"},
      {"reason.MIRRORED.applicant",
       "Please turn off the front camera's mirror setting, or ask someone to take the photo with the rear camera."},
      {"reason.BLURRED.label", "Photo blurred"},
      {"reason.BLURRED.applicant", "Please hold the camera steady and in focus, and upload a sharp photo."},
      {"reason.HEAD_POSE.label", "Head tilted or turned"},
      {"reason.HEAD_POSE.applicant",
       "Please hold your head straight and face the camera; do not tilt, turn, raise or lower your head."},
      {"reason.SIZE_POSITION.label", "Head size or position wrong"},
      {"reason.SIZE_POSITION.applicant",
       "Please face the camera from about one metre away, with the top of your head and both shoulders fully in the "
       "frame and centred."},
      {"reason.BACKGROUND.label", "Background not acceptable"},
      {"reason.BACKGROUND.applicant",
       "Please stand in front of a plain white or light-coloured wall, with no other people or objects behind you."},
      {"reason.LIGHTING.label", "Too dark / too bright / colour cast"},
      {"reason.LIGHTING.applicant",
       "Please take the photo in bright, natural light so that it is not too dark, over-exposed or tinted."},
      {"reason.WRONG_CITY.label", "Wrong issuing city"},
      {"reason.WRONG_CITY.applicant",
       "Please enter a prefecture-level city (for example Shenzhen) as the issuing city, not just Guangdong Province."},
      {"reason.OTHER.label", "Other (explanation required)"},
      {"reason.OTHER.applicant", "Please make the changes the reviewer describes and submit the photo again."},
      {"reason.PHOTO_UNREADABLE.label", "Photo file cannot be read"},
      {"reason.PHOTO_UNREADABLE.applicant",
       "The photo you uploaded cannot be opened (it is not a JPEG or PNG image, or the file is incomplete or damaged). "
       "Please take the photo again and upload it as a JPEG or PNG."},
      // ---- document types; the short forms fit the queue's column ----
      {"doc_type.id_card", "ID card"},
      {"doc_type.social_security", "Social security card"},
      {"doc_type.residence_permit", "Residence permit"},
      {"doc_type.hk_macau_permit", "HK/Macau permit"},
      {"doc_type.passport", "Passport"},
      {"doc_type.driving_licence", "Driving licence"},
      {"doc_type.id_card.short", "ID card"},
      {"doc_type.social_security.short", "Soc. sec."},
      {"doc_type.residence_permit.short", "Residence"},
      {"doc_type.hk_macau_permit.short", "HK/Macau"},
      {"doc_type.passport.short", "Passport"},
      {"doc_type.driving_licence.short", "Licence"},
      // ---- verdicts ----
      {"verdict.pass", "Pass"},
      {"verdict.warn", "Warn"},
      {"verdict.fail", "Fail"},
      {"verdict.cannot_assess", "Cannot assess"},
      // ---- notices ----
      {"notice.rejection.title",
       "Your ID photo did not pass review. Please correct it as described below and resubmit it free of charge."},
      {"notice.rejection.resubmit",
       "On the order page, click \"Review failed, resubmit\" to upload a new photo. Resubmission is free."},
      {"notice.revocation.title",
       "The receipt for your ID photo has been revoked. Please resubmit a photo free of charge."},
      {"notice.approval.title", "Your ID photo has passed review. You can download the receipt from the order page."},
      {"notice.overturn_rejection.title",
       "On review, the result for your ID photo has been corrected to not passed and its receipt is void. Please "
       "correct the photo as described below and resubmit it free of charge."},
      {"notice.overturn_approval.title",
       "On review, the result for your ID photo has been corrected to passed. You can download the receipt from the "
       "order page."},
      {"notice.overturn_approval.token_void",
       "The resubmission link in the earlier notice no longer works; there is no need to resubmit."},
      // ---- findings ----
      {"finding.warn_band_open", " (warn "},
      {"finding.warn_band_close", ")"},
      // ---- decisions ----
      {"decision.approved", "Approved"},
      {"decision.rejected", "Rejected"},
  };
  return t;
}
}  // namespace rs::detail
