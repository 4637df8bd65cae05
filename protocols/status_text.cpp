#include "status_text.h"

#include "piton/protocol.h"

#include <QCoreApplication>

namespace piton {

namespace {
struct StatusText {
    int status;
    const char *text; // source text, context "DeviceStatus"
};

// One row per status code of docs/protocol.md §3: what the board refused, then what to do.
constexpr StatusText Texts[] = {
    {PT_E_UNKNOWN_COMMAND, QT_TRANSLATE_NOOP("DeviceStatus", "the board does not serve this command at its current stage or firmware version: reboot it into the stage that serves it (bootloader or application), or update its firmware")},
    {PT_E_BAD_REQUEST, QT_TRANSLATE_NOOP("DeviceStatus", "the board found the request malformed (length, reserved bytes or field values): the workstation and the board's firmware may differ in protocol version; update the older one")},
    {PT_E_BAD_REGION, QT_TRANSLATE_NOOP("DeviceStatus", "the board has no region with that id: list its regions and pick one of them")},
    {PT_E_OUT_OF_RANGE, QT_TRANSLATE_NOOP("DeviceStatus", "the offset or length lies outside the region, or the request is larger than the board takes: check the range against the board's regions")},
    {PT_E_ALIGNMENT, QT_TRANSLATE_NOOP("DeviceStatus", "the erase range does not start and end on sector boundaries: widen it to whole sectors")},
    {PT_E_PROTECTED, QT_TRANSLATE_NOOP("DeviceStatus", "the region is protected, or this operation is not allowed on it: pick another region, or change it with an update package")},
    {PT_E_LOCKED, QT_TRANSLATE_NOOP("DeviceStatus", "the board is locked (production) and takes no raw writes: install a signed update package instead")},
    {PT_E_NOT_ERASED, QT_TRANSLATE_NOOP("DeviceStatus", "the flash there is not erased: erase the range first, then write again")},
    {PT_E_FLASH, QT_TRANSLATE_NOOP("DeviceStatus", "the board's flash driver reported a failure: try again; if it repeats, check the board's supply and flash")},
    {PT_E_SEQUENCE, QT_TRANSLATE_NOOP("DeviceStatus", "the update data arrived at an unexpected offset, or no update was begun: start the update again")},
    {PT_E_TOO_LARGE, QT_TRANSLATE_NOOP("DeviceStatus", "the package is larger than the board's staging region: build a smaller package (compressed payloads help)")},
    {PT_E_VERIFY_SIGNATURE, QT_TRANSLATE_NOOP("DeviceStatus", "the package's signature is invalid, or the board does not trust its signer: sign it with a package key the board trusts")},
    {PT_E_VERIFY_HASH, QT_TRANSLATE_NOOP("DeviceStatus", "the package or a payload does not match its SHA-256: the file is damaged or altered; build or copy it again")},
    {PT_E_VERIFY_BOARD, QT_TRANSLATE_NOOP("DeviceStatus", "the package was built for another board: use the package for this board")},
    {PT_E_VERIFY_COMPAT, QT_TRANSLATE_NOOP("DeviceStatus", "the application needs a firmware version this board lacks: update the board's firmware first")},
    {PT_E_VERIFY_COUNTER, QT_TRANSLATE_NOOP("DeviceStatus", "rollback refused: the package's security counter is below the board's or raised too far, or its payload is older than the installed one: use a newer package, or one released for rollback")},
    {PT_E_BAD_PACKAGE, QT_TRANSLATE_NOOP("DeviceStatus", "the package or its manifest is malformed: build the package again")},
    {PT_E_BAD_CONFIG, QT_TRANSLATE_NOOP("DeviceStatus", "the config blob or entry is malformed (magic, CRC, key syntax or size): check the key and the value")},
    {PT_E_NOT_FOUND, QT_TRANSLATE_NOOP("DeviceStatus", "the board has no config entry with that key: check the key's spelling")},
    {PT_E_STATE, QT_TRANSLATE_NOOP("DeviceStatus", "the board cannot do this in its current state (for example no update begun, or no image in trial): read its state and take the step it waits for")},
    {PT_E_INTERNAL, QT_TRANSLATE_NOOP("DeviceStatus", "the board hit an internal error: reboot it; if it repeats, report it with the board's firmware version")},
    {PT_E_BUSY, QT_TRANSLATE_NOOP("DeviceStatus", "another session holds the board or its staging transfer; nothing was changed: wait until it is done, or take the board over (--take-over)")},
    {PT_E_AUTH_REQUIRED, QT_TRANSLATE_NOOP("DeviceStatus", "the board needs a session with a higher role for this; nothing was changed: give a credential (--credential or the settings)")},
    {PT_E_AUTH_FAILED, QT_TRANSLATE_NOOP("DeviceStatus", "the board refused the credential (untrusted access key, expired or not yet valid, for another board, or a proof that does not verify): check the credential, its dates and the workstation's clock")},
    {PT_E_SEAL, QT_TRANSLATE_NOOP("DeviceStatus", "the board refused a sealed frame (altered, replayed, or the session idle too long) and ended the session: connect again")},
    {PT_E_RATE_LIMITED, QT_TRANSLATE_NOOP("DeviceStatus", "too many erases or log-in attempts in a short time: wait a while, then retry")},
    {PT_E_VERIFY_KEY, QT_TRANSLATE_NOOP("DeviceStatus", "the encrypted package is wrapped to no key this board holds: encrypt it to this board's product or device key")},
    {PT_E_KEY_GENERATION, QT_TRANSLATE_NOOP("DeviceStatus", "the key update's generation is not above the board's key set (a replay of an older one); nothing was changed: build the key update with a higher generation")},
    {PT_E_KEYSTORE_FULL, QT_TRANSLATE_NOOP("DeviceStatus", "every slot of the board's key store is used and none can be reclaimed; the board keeps its key set: re-provision it at the factory")},
    {PT_E_NO_ACCESS_KEY, QT_TRANSLATE_NOOP("DeviceStatus", "the board trusts no access key, so nobody could service it once locked; nothing was changed: provision an access key first, then lock it")},
};

// What a board sends when the handler recorded no message (device-firmware/common/server.c).
constexpr QLatin1StringView Placeholder("request failed");
} // namespace

QString statusExplanation(int status)
{
    for (const StatusText &t : Texts)
        if (t.status == status)
            return QCoreApplication::translate("DeviceStatus", t.text);
    return {};
}

QString refusalReason(int status, const QString &boardMessage)
{
    const QString said = boardMessage.trimmed();
    if (!said.isEmpty() && said != Placeholder)
        return said;
    return statusExplanation(status);
}

} // namespace piton
