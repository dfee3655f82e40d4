// The words the framed thread's script says (embed/frame.ts), by the names it
// uses, taken from the catalog keys the article page's form and thread use —
// one wording per thing, whichever page a reader is on. The server writes them
// into the frame's page for its language (components/embed/frame-document.tsx).
import type { MessageKey, PluralForms } from "../i18n/catalog-types";
import type { Locale } from "../i18n/locales";
import { readMessage } from "../i18n/translate";
import { THREAD_CONTROL_MESSAGE_KEYS } from "../reader-pages/thread-control-messages";

type MessageKeyTree = { readonly [name: string]: MessageKey | MessageKeyTree };

/** Each of the script's message names and the catalog key it says. */
export const FRAME_SCRIPT_MESSAGE_KEYS = {
  captchaLabel: "form.captcha.label",
  captchaLoadingLabel: "form.captcha.loadingLabel",
  captchaFailedLabel: "form.captcha.failedLabel",
  captchaLoading: "form.captcha.loading",
  captchaFailed: "form.captcha.failed",
  submit: "form.submit",
  submitReply: "form.submitReply",
  posting: "form.posting",
  replyFormLabel: "reader.thread.replyTo",
  reportFormLabel: "reader.thread.reportCommentBy",
  chooseReason: "form.report.chooseReason",
  networkFailure: "form.messages.networkFailure",
  savedNote: "form.messages.savedNote",
  tryAgain: "form.messages.tryAgain",
  reportThanks: "form.report.thanks",
  reportDuplicate: "form.report.duplicate",
  reportNetworkFailure: "form.report.networkFailure",
  pendingTitle: "reader.posted.pending",
  pendingBadge: "reader.posted.pendingBadge",
  ownPendingTitle: "reader.posted.ownPending",
  ownPendingLabel: "reader.posted.preview",
  approvedTitle: "reader.posted.approved",
  seeIt: "reader.posted.seeIt",
  captchaStillLoading: "form.messages.captchaLoading",
  captchaCouldNotLoad: "form.messages.captchaFailed",
  newComments: "reader.discussion.newComments",
  // The thread's controls (components/comments/thread-controls.ts), by the names the module uses.
  engagement: THREAD_CONTROL_MESSAGE_KEYS,
  // What the shared helpers write (placeServerError, readCaptchaWords, own-comment-controls), under the keys they use.
  reader: {
    ownComment: {
      edit: "reader.ownComment.edit",
      editLabel: "reader.ownComment.editLabel",
      delete: "reader.ownComment.delete",
      deleteLabel: "reader.ownComment.deleteLabel",
      formLabel: "reader.ownComment.formLabel",
      bodyLabel: "reader.ownComment.bodyLabel",
      recheckNote: "reader.ownComment.recheckNote",
      save: "reader.ownComment.save",
      saving: "reader.ownComment.saving",
      confirmQuestion: "reader.ownComment.confirmQuestion",
      confirmDelete: "reader.ownComment.confirmDelete",
      keep: "reader.ownComment.keep",
      deleting: "reader.ownComment.deleting",
      updated: "reader.ownComment.updated",
      held: "reader.ownComment.held",
      deleted: "reader.ownComment.deleted",
      closed: "reader.ownComment.closed",
      networkFailure: "reader.ownComment.networkFailure",
      deleteNetworkFailure: "reader.ownComment.deleteNetworkFailure",
    },
  },
  common: { cancel: "common.cancel" },
  form: {
    bodyHint: "form.bodyHint",
    captcha: {
      label: "form.captcha.label",
      minus: "form.captcha.minus",
      plus: "form.captcha.plus",
      times: "form.captcha.times",
      dividedBy: "form.captcha.dividedBy",
      equals: "form.captcha.equals",
      whatNumber: "form.captcha.whatNumber",
    },
    messages: { tryAgain: "form.messages.tryAgain", savedNote: "form.messages.savedNote" },
    retry: { moment: "form.retry.moment", seconds: "form.retry.seconds", minutes: "form.retry.minutes", hours: "form.retry.hours" },
  },
} as const satisfies MessageKeyTree;

type FrameScriptMessages = { [name: string]: string | PluralForms | FrameScriptMessages };

function build(locale: Locale, keys: MessageKeyTree): FrameScriptMessages {
  return Object.fromEntries(Object.entries(keys).map(([name, key]) => [name, typeof key === "string" ? readMessage(locale, key) : build(locale, key)]));
}

/** The script's messages in a language (plural ones as their forms: the script picks one by count). */
export function buildFrameScriptMessages(locale: Locale): FrameScriptMessages {
  return build(locale, FRAME_SCRIPT_MESSAGE_KEYS);
}
