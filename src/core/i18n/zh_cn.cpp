// The Chinese text table: every label, message and applicant sentence of the product.
// Sections: reasons (reviewer label + applicant sentence), doc types, verdicts, notices; the rule
// names and the workstation's labels are in zh_cn_rules.cpp and zh_cn_ui.cpp.
#include <string_view>
#include <utility>
#include <vector>

namespace rs::detail {
const std::vector<std::pair<std::string_view, std::string_view>>& zh_cn_table() {
  static const std::vector<std::pair<std::string_view, std::string_view>> t = {
      // ---- rejection reasons ----
      {"reason.EXPRESSION.label", "表情不自然/未平视"},
      {"reason.EXPRESSION.applicant", "请保持自然表情、闭合嘴巴，双眼平视镜头后重新拍摄。"},
      {"reason.FEATURES_HIDDEN.label", "五官被遮挡"},
      {"reason.FEATURES_HIDDEN.applicant", "请露出完整五官，不要用头发、手或物品遮挡面部后重新拍摄。"},
      {"reason.HAIR_EARS.label", "头发遮挡耳朵"},
      {"reason.HAIR_EARS.applicant", "请将头发拨到耳后，露出双耳后重新拍摄。"},
      {"reason.HAIR_EYEBROWS.label", "头发遮挡眉毛"},
      {"reason.HAIR_EYEBROWS.applicant", "请整理刘海，露出双眉后重新拍摄。"},
      {"reason.HAIR_SHOULDERS.label", "头发遮挡肩膀"},
      {"reason.HAIR_SHOULDERS.applicant", "请将长发拢到肩后，不要遮挡肩膀后重新拍摄。"},
      {"reason.ACCESSORY.label", "佩戴饰品/帽子"},
      {"reason.ACCESSORY.applicant", "请摘下耳环、项链、帽子、发卡等饰品后重新拍摄。"},
      {"reason.FACE_SHADOW.label", "面部有阴影"},
      {"reason.FACE_SHADOW.applicant", "请在光线均匀处（如面向窗户）拍摄，避免脸上出现阴影。"},
      {"reason.FACE_GLARE.label", "面部反光"},
      {"reason.FACE_GLARE.applicant", "请避免闪光灯或强光直射，脸上不要有反光后重新拍摄。"},
      {"reason.RETOUCHED.label", "过度美颜/修图"},
      {"reason.RETOUCHED.applicant", "请关闭美颜、滤镜功能，上传未经修饰的原始照片。"},
      {"reason.MIRRORED.label", "照片左右镜像"},
      {"reason.MIRRORED.applicant", "请关闭前置摄像头的镜像功能，或请他人用后置摄像头拍摄。"},
      {"reason.BLURRED.label", "照片模糊"},
      {"reason.BLURRED.applicant", "请保持相机稳定、对准焦点，上传清晰的照片。"},
      {"reason.HEAD_POSE.label", "头部歪斜/侧转"},
      {"reason.HEAD_POSE.applicant", "请端正头部，正面面对镜头，不要歪头、侧脸、抬头或低头。"},
      {"reason.SIZE_POSITION.label", "头像大小/位置不符"},
      {"reason.SIZE_POSITION.applicant", "请在距镜头约一米处正面拍摄，头顶和双肩完整入镜、居中。"},
      {"reason.BACKGROUND.label", "背景不符合要求"},
      {"reason.BACKGROUND.applicant", "请在白色或浅色纯色墙前拍摄，背景中不要有其他人或物品。"},
      {"reason.LIGHTING.label", "光线过暗/过亮/偏色"},
      {"reason.LIGHTING.applicant", "请在明亮、自然的光线下拍摄，避免过暗、过曝或偏色。"},
      {"reason.WRONG_CITY.label", "办证城市填写错误"},
      {"reason.WRONG_CITY.applicant", "请将办证城市填写为具体的地级市（如深圳市），不能只填广东省。"},
      {"reason.OTHER.label", "其他（需填写说明）"},
      {"reason.OTHER.applicant", "请按审核说明修改后重新提交。"},
      {"reason.PHOTO_UNREADABLE.label", "照片文件无法读取"},
      {"reason.PHOTO_UNREADABLE.applicant",
       "上传的照片文件无法打开（不是 JPEG 或 PNG 图片、文件不完整或已损坏），请重新拍摄，并上传 JPEG 或 PNG "
       "格式的照片。"},
      // ---- document types, as the reviewer's screen names them ("doc_type.<code>"; the
      // database, manifests and applicants use doc_type_name_zh, which these equal), and the
      // short form for the queue's narrow column (Chinese needs none) ----
      {"doc_type.id_card", "身份证"},
      {"doc_type.social_security", "社保卡"},
      {"doc_type.residence_permit", "居住证"},
      {"doc_type.hk_macau_permit", "港澳通行证"},
      {"doc_type.passport", "护照"},
      {"doc_type.driving_licence", "驾驶证"},
      {"doc_type.id_card.short", "身份证"},
      {"doc_type.social_security.short", "社保卡"},
      {"doc_type.residence_permit.short", "居住证"},
      {"doc_type.hk_macau_permit.short", "港澳通行证"},
      {"doc_type.passport.short", "护照"},
      {"doc_type.driving_licence.short", "驾驶证"},
      // ---- verdicts ----
      {"verdict.pass", "通过"},
      {"verdict.warn", "注意"},
      {"verdict.fail", "不合格"},
      {"verdict.cannot_assess", "无法评估"},
      // ---- notices ----
      {"notice.rejection.title", "您的证件照片审核未通过，请按以下说明修改后免费重新提交"},
      {"notice.rejection.resubmit", "请在订单页点击“审核失败，重新提交”上传新照片，重新提交免费。"},
      {"notice.revocation.title", "您的证件照片回执已被撤销，请免费重新提交照片"},
      {"notice.approval.title", "您的证件照片审核已通过，可在订单页下载回执"},
      {"notice.overturn_rejection.title",
       "经复核，您的证件照片审核结果更正为未通过，原回执作废；请按以下说明修改后免费重新提交"},
      {"notice.overturn_approval.title", "经复核，您的证件照片审核结果更正为通过，可在订单页下载回执"},
      {"notice.overturn_approval.token_void", "此前审核未通过通知中的重新提交链接已失效，无需重新提交"},
      // ---- findings ----
      {"finding.warn_band_open", "（注意 "},
      {"finding.warn_band_close", "）"},
      // ---- decisions ----
      {"decision.approved", "审核通过"},
      {"decision.rejected", "审核不通过"},
  };
  return t;
}
}  // namespace rs::detail
