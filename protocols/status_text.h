// Words for a board's refusal when the board sends none: the status code's meaning and what to do.
#pragma once

#include <QString>

namespace piton {

/**
 * Explanation of an error status (device-firmware/include/piton/protocol.h PT_E_*, meanings from
 * docs/protocol.md §3) for a person: what the board refused and what to do about it, translated
 * with QCoreApplication::translate (context "DeviceStatus") into the language the application
 * installed (core/i18n). Empty for PT_OK and for codes this workstation does not know.
 */
QString statusExplanation(int status);

/**
 * The reason to show for a refusal with `status` whose error response carried `boardMessage`
 * (the payload's UTF-8 text): the board's own message when it has one, else statusExplanation().
 * A board built without message texts (PT_TERSE_MESSAGES: the Cortex-M4 images) sends no text,
 * or, before protocol.md said so, the placeholder "request failed"; both count as no message.
 * Empty when there is neither a message nor an explanation.
 */
QString refusalReason(int status, const QString &boardMessage);

} // namespace piton
