#include "responses.h"
#include "status_text.h"

#include <QSet>

namespace piton {

namespace {
Error malformed(const QString &what)
{
    return Error::make(ErrorKind::Protocol, QStringLiteral("malformed %1").arg(what));
}
} // namespace

QByteArray encodeRegionRange(int regionId, quint32 offset, quint32 length, quint8 flags)
{
    QByteArray out;
    out.append(char(quint8(regionId)));
    out.append(char(flags));
    out.append(2, '\0');
    appendLe32(out, offset);
    appendLe32(out, length);
    return out;
}

Error parseErrorResponse(quint8 command, int status, const QByteArray &payload)
{
    const QString what = QStringLiteral("%1 error response (%2)").arg(commandName(command), statusName(status));
    const qsizetype nul = payload.indexOf('\0');
    const QByteArray text = nul < 0 ? payload : payload.left(nul);
    std::optional<quint32> retryAfter;
    if (text.size() > qsizetype(PT_MAX_ERROR_MESSAGE))
        return Error::make(ErrorKind::Protocol, QStringLiteral("malformed %1: a message of %2 bytes, at most %3 allowed")
                                                    .arg(what).arg(text.size()).arg(PT_MAX_ERROR_MESSAGE), status);
    if (nul >= 0) {
        if (status != PT_E_RATE_LIMITED)
            return Error::make(ErrorKind::Protocol, QStringLiteral("malformed %1: a NUL in the message at byte %2")
                                                        .arg(what).arg(nul), status);
        if (payload.size() - nul != qsizetype(PT_RETRY_AFTER_SIZE))
            return Error::make(ErrorKind::Protocol, QStringLiteral("malformed %1: the retry-after field has %2 bytes after the NUL, expected 4")
                                                        .arg(what).arg(payload.size() - nul - 1), status);
        if (const quint32 ms = readLe32(payload, nul + 1); ms != 0) // 0: the board cannot say
            retryAfter = ms;
    }
    // The board's message, or (terse boards send none) what the status means and what to do.
    const QString deviceMessage = refusalReason(status, QString::fromUtf8(text).trimmed());
    const ErrorKind kind = ((status >= PT_E_VERIFY_SIGNATURE && status <= PT_E_VERIFY_COUNTER) || status == PT_E_VERIFY_KEY ||
                            status == PT_E_KEY_GENERATION)
                               ? ErrorKind::Verify : ErrorKind::Device;
    QString message = deviceMessage.isEmpty()
        ? QStringLiteral("%1 failed on the device: %2").arg(commandName(command), statusName(status))
        : QStringLiteral("%1 failed on the device: %2 (%3)").arg(commandName(command), deviceMessage, statusName(status));
    if (retryAfter)
        message += *retryAfter < 1000 ? QStringLiteral("; the board asks to wait %1 ms").arg(*retryAfter)
                                      : QStringLiteral("; the board asks to wait %1 s").arg((quint64(*retryAfter) + 999) / 1000);
    Error e = Error::make(kind, message, status);
    e.retryAfterMs = retryAfter;
    return e;
}

QString commandName(quint8 command)
{
    switch (command) {
    case PT_CMD_PING: return QStringLiteral("PING");
    case PT_CMD_INFO: return QStringLiteral("INFO");
    case PT_CMD_REGIONS: return QStringLiteral("REGIONS");
    case PT_CMD_SESSION: return QStringLiteral("SESSION");
    case PT_CMD_READ: return QStringLiteral("READ");
    case PT_CMD_ERASE: return QStringLiteral("ERASE");
    case PT_CMD_WRITE: return QStringLiteral("WRITE");
    case PT_CMD_HASH: return QStringLiteral("HASH");
    case PT_CMD_CONFIG_READ: return QStringLiteral("CONFIG_READ");
    case PT_CMD_CONFIG_WRITE: return QStringLiteral("CONFIG_WRITE");
    case PT_CMD_CONFIG_GET: return QStringLiteral("CONFIG_GET");
    case PT_CMD_CONFIG_SET: return QStringLiteral("CONFIG_SET");
    case PT_CMD_UPDATE_BEGIN: return QStringLiteral("UPDATE_BEGIN");
    case PT_CMD_UPDATE_DATA: return QStringLiteral("UPDATE_DATA");
    case PT_CMD_UPDATE_STATUS: return QStringLiteral("UPDATE_STATUS");
    case PT_CMD_UPDATE_COMMIT: return QStringLiteral("UPDATE_COMMIT");
    case PT_CMD_UPDATE_ABORT: return QStringLiteral("UPDATE_ABORT");
    case PT_CMD_REBOOT: return QStringLiteral("REBOOT");
    case PT_CMD_CONFIRM: return QStringLiteral("CONFIRM");
    case PT_CMD_LOCK: return QStringLiteral("LOCK");
    case PT_CMD_KEY_UPDATE: return QStringLiteral("KEY_UPDATE");
    case PT_CMD_AUTH_HELLO: return QStringLiteral("AUTH_HELLO");
    case PT_CMD_AUTH_PROOF: return QStringLiteral("AUTH_PROOF");
    case PT_CMD_AUTH_NONCE: return QStringLiteral("AUTH_NONCE");
    case PT_CMD_AUTH_SIGNED: return QStringLiteral("AUTH_SIGNED");
    default: return QStringLiteral("command 0x%1").arg(command, 2, 16, QLatin1Char('0'));
    }
}

QString statusName(int status)
{
    static const char *const names[] = {
        "OK", "UNKNOWN_COMMAND", "BAD_REQUEST", "BAD_REGION", "OUT_OF_RANGE", "ALIGNMENT",
        "PROTECTED", "LOCKED", "NOT_ERASED", "FLASH", "SEQUENCE", "TOO_LARGE",
        "VERIFY_SIGNATURE", "VERIFY_HASH", "VERIFY_BOARD", "VERIFY_COMPAT", "VERIFY_COUNTER",
        "BAD_PACKAGE", "BAD_CONFIG", "NOT_FOUND", "STATE", "INTERNAL", "BUSY", "AUTH_REQUIRED",
        "AUTH_FAILED", "SEAL", "RATE_LIMITED"};
    if (status >= 0 && status < int(sizeof(names) / sizeof(names[0])))
        return QString::fromLatin1(names[status]);
    if (status == PT_E_VERIFY_KEY)
        return QStringLiteral("VERIFY_KEY");
    if (status == PT_E_KEY_GENERATION)
        return QStringLiteral("KEY_GENERATION");
    if (status == PT_E_KEYSTORE_FULL)
        return QStringLiteral("KEYSTORE_FULL");
    if (status == PT_E_NO_ACCESS_KEY)
        return QStringLiteral("NO_ACCESS_KEY");
    return QStringLiteral("status %1").arg(status);
}

Result<SessionGrant> parseSessionResponse(const QByteArray &p)
{
    if (p.size() != 8)
        return malformed(QStringLiteral("SESSION response: %1 bytes, expected 8").arg(p.size()));
    if (quint8(p[4]) > 1 || p[5] || p[6] || p[7])
        return malformed(QStringLiteral("SESSION response: displaced byte %1 or reserved bytes are not 0/1").arg(quint8(p[4])));
    return SessionGrant{readLe32(p, 0), p[4] == 1};
}

Result<PingInfo> parsePingResponse(const QByteArray &p, int requestedWindow, quint32 requestedMaxPayload)
{
    if (p.size() != 12)
        return malformed(QStringLiteral("PING response: %1 bytes, expected 12").arg(p.size()));
    PingInfo info;
    info.stage = quint8(p[0]);
    info.protocolVersion = quint8(p[1]);
    info.window = quint8(p[2]);
    info.maxPayload = readLe32(p, 4);
    info.capabilities = readLe32(p, 8);
    if (info.protocolVersion != int(PT_PROTOCOL_VERSION))
        return Error::make(ErrorKind::Protocol,
                           QStringLiteral("device speaks protocol version %1, this host speaks %2")
                               .arg(info.protocolVersion).arg(PT_PROTOCOL_VERSION));
    if (info.stage != PT_STAGE_BOOTLOADER && info.stage != PT_STAGE_APPLICATION)
        return malformed(QStringLiteral("PING response: unknown stage %1").arg(info.stage));
    if (p[3] != 0)
        return malformed(QStringLiteral("PING response: reserved byte is %1, expected 0").arg(quint8(p[3])));
    if (info.window < 1 || info.window > requestedWindow)
        return malformed(QStringLiteral("PING response: window %1 granted, requested %2")
                             .arg(info.window).arg(requestedWindow));
    if (info.maxPayload < PT_MIN_MAX_PAYLOAD || info.maxPayload > requestedMaxPayload)
        return malformed(QStringLiteral("PING response: maximum payload %1 granted, must be %2..%3")
                             .arg(info.maxPayload).arg(PT_MIN_MAX_PAYLOAD).arg(requestedMaxPayload));
    return info;
}

Result<DeviceInfo> parseInfoResponse(const QByteArray &p)
{
    DeviceInfo info;
    QSet<int> seen;
    qsizetype pos = 0;
    while (pos < p.size()) {
        if (p.size() - pos < 2)
            return malformed(QStringLiteral("INFO response: truncated entry header at byte %1").arg(pos));
        const int tag = quint8(p[pos]);
        const int len = quint8(p[pos + 1]);
        if (p.size() - pos - 2 < len)
            return malformed(QStringLiteral("INFO response: entry 0x%1 at byte %2 claims %3 bytes, %4 left")
                                 .arg(tag, 2, 16, QLatin1Char('0')).arg(pos).arg(len).arg(p.size() - pos - 2));
        const QByteArray value = p.mid(pos + 2, len);
        pos += 2 + len;

        auto fixed = [&](int want) -> std::optional<Error> {
            if (len != want)
                return malformed(QStringLiteral("INFO response: entry 0x%1 has %2 bytes, expected %3")
                                     .arg(tag, 2, 16, QLatin1Char('0')).arg(len).arg(want));
            return std::nullopt;
        };
        if (tag != PT_INFO_TRUSTED_KEY && tag >= PT_INFO_BOARD_ID && tag <= PT_INFO_PREVIOUS_APPLICATION) {
            if (seen.contains(tag))
                return malformed(QStringLiteral("INFO response: entry 0x%1 appears twice")
                                     .arg(tag, 2, 16, QLatin1Char('0')));
            seen.insert(tag);
        }
        switch (tag) {
        case PT_INFO_BOARD_ID:
            if (len == 0)
                return malformed(QStringLiteral("INFO response: empty board id"));
            for (char c : value)
                if (quint8(c) < 0x20 || quint8(c) > 0x7E)
                    return malformed(QStringLiteral("INFO response: board id is not printable ASCII"));
            info.boardId = QString::fromLatin1(value);
            break;
        case PT_INFO_UNIQUE_ID:
            info.uniqueId = value;
            break;
        case PT_INFO_SERIAL_NUMBER:
            info.serialNumber = QString::fromUtf8(value);
            break;
        case PT_INFO_BOOTLOADER_VERSION:
        case PT_INFO_FIRMWARE_VERSION:
        case PT_INFO_APPLICATION_VERSION:
        case PT_INFO_SECURITY_COUNTER: {
            if (auto e = fixed(4))
                return *e;
            const quint32 v = readLe32(value, 0);
            if (tag == PT_INFO_BOOTLOADER_VERSION)
                info.bootloaderVersion = v;
            else if (tag == PT_INFO_FIRMWARE_VERSION)
                info.firmwareVersion = v;
            else if (tag == PT_INFO_APPLICATION_VERSION)
                info.applicationVersion = v;
            else
                info.securityCounter = v;
            break;
        }
        case PT_INFO_TRUSTED_KEY:
            if (auto e = fixed(32))
                return *e;
            info.trustedKeys.append(value);
            break;
        case PT_INFO_PRODUCT_KEY:
            if (auto e = fixed(32))
                return *e;
            if (!info.productKey.isEmpty())
                return malformed(QStringLiteral("INFO response: entry 0x30 appears twice"));
            info.productKey = value;
            break;
        case PT_INFO_ROOT_KEY:
            if (auto e = fixed(32))
                return *e;
            info.rootKeys.append(value);
            break;
        case PT_INFO_ACCESS_KEY:
            if (auto e = fixed(32))
                return *e;
            info.accessKeys.append(value);
            break;
        case PT_INFO_REVOKED_KEY:
            if (auto e = fixed(33))
                return *e;
            if (quint8(value[0]) < PT_KEY_PACKAGE || quint8(value[0]) > PT_KEY_ROOT)
                return malformed(QStringLiteral("INFO response: revoked key of unknown role %1").arg(quint8(value[0])));
            info.revokedKeys.append({quint8(value[0]), value.mid(1)});
            break;
        case PT_INFO_KEYSET_GENERATION:
            if (auto e = fixed(4))
                return *e;
            if (info.keySetGeneration)
                return malformed(QStringLiteral("INFO response: entry 0x24 appears twice"));
            info.keySetGeneration = readLe32(value, 0);
            break;
        case PT_INFO_KEYSTORE:
            if (auto e = fixed(2))
                return *e;
            if (quint8(value[0]) > quint8(value[1]))
                return malformed(QStringLiteral("INFO response: key store has %1 of %2 slots used").arg(quint8(value[0])).arg(quint8(value[1])));
            info.keyStoreUsed = quint8(value[0]);
            info.keyStoreSlots = quint8(value[1]);
            break;
        case PT_INFO_LOCKED:
            if (auto e = fixed(1))
                return *e;
            if (quint8(value[0]) > 1)
                return malformed(QStringLiteral("INFO response: locked flag is %1, expected 0 or 1").arg(quint8(value[0])));
            info.locked = value[0] != 0;
            break;
        case PT_INFO_STAGE:
            if (auto e = fixed(1))
                return *e;
            info.stage = quint8(value[0]);
            if (info.stage != PT_STAGE_BOOTLOADER && info.stage != PT_STAGE_APPLICATION)
                return malformed(QStringLiteral("INFO response: unknown stage %1").arg(info.stage));
            break;
        case PT_INFO_LAST_INSTALL:
            if (auto e = fixed(1))
                return *e;
            info.lastInstall = quint8(value[0]);
            if (info.lastInstall > PT_INSTALL_REVERTED)
                return malformed(QStringLiteral("INFO response: unknown last install result %1").arg(info.lastInstall));
            break;
        case PT_INFO_IMAGE_STATE:
        case PT_INFO_TRIAL_LIMIT:
        case PT_INFO_REVERT_REASON:
        case PT_INFO_STAGING_STATE:
        case PT_INFO_CONFIG_STATE: {
            if (auto e = fixed(1))
                return *e;
            const int v = quint8(value[0]);
            auto outOfRange = [&](const char *what, int max) -> std::optional<Error> {
                if (v > max)
                    return malformed(QStringLiteral("INFO response: unknown %1 %2").arg(QLatin1String(what)).arg(v));
                return std::nullopt;
            };
            std::optional<Error> e;
            if (tag == PT_INFO_IMAGE_STATE) {
                e = outOfRange("image state", PT_IMAGE_REVERTED);
                info.imageState = v;
            } else if (tag == PT_INFO_TRIAL_LIMIT) {
                info.trialLimit = v;
            } else if (tag == PT_INFO_REVERT_REASON) {
                e = outOfRange("revert reason", PT_REVERT_IMAGE_INVALID);
                info.revertReason = v;
            } else if (tag == PT_INFO_STAGING_STATE) {
                e = outOfRange("staging state", PT_STAGING_CORRUPT);
                info.stagingState = v;
            } else {
                e = outOfRange("config state", PT_CONFIG_CORRUPT);
                info.configState = v;
            }
            if (e)
                return *e;
            break;
        }
        case PT_INFO_BOOT_COUNT:
        case PT_INFO_RESETS:
        case PT_INFO_PREVIOUS_FIRMWARE:
        case PT_INFO_PREVIOUS_APPLICATION: {
            if (auto e = fixed(4))
                return *e;
            const quint32 v = readLe32(value, 0);
            if (tag == PT_INFO_BOOT_COUNT)
                info.bootCount = v;
            else if (tag == PT_INFO_RESETS)
                info.resets = v;
            else if (tag == PT_INFO_PREVIOUS_FIRMWARE)
                info.previousFirmwareVersion = v;
            else
                info.previousApplicationVersion = v;
            break;
        }
        case PT_INFO_ACCESS:
        case PT_INFO_ROLE:
        case PT_INFO_LINK_KIND:
        case PT_INFO_AUTH_MODE:
        case PT_INFO_ACCESS_KEYS: {
            if (auto e = fixed(1))
                return *e;
            const int v = quint8(value[0]);
            if (tag == PT_INFO_ACCESS)
                info.accessPolicy = v != PT_ACCESS_OPEN;
            else if (tag == PT_INFO_ROLE)
                info.role = v;
            else if (tag == PT_INFO_AUTH_MODE)
                info.authMode = v;
            else if (tag == PT_INFO_ACCESS_KEYS)
                info.accessKeyCount = v;
            else
                info.linkKind = v;
            break;
        }
        default:
            break; // unknown tags are skipped (§4.2)
        }
    }
    if (info.boardId.isEmpty())
        return malformed(QStringLiteral("INFO response: no board id entry"));
    return info;
}

Result<QList<Region>> parseRegionsResponse(const QByteArray &p)
{
    if (p.isEmpty())
        return malformed(QStringLiteral("REGIONS response: empty"));
    const int count = quint8(p[0]);
    qsizetype pos = 1;
    QList<Region> regions;
    QSet<int> ids;
    for (int i = 0; i < count; ++i) {
        const QString where = QStringLiteral("REGIONS response: region %1 of %2").arg(i + 1).arg(count);
        if (p.size() - pos < 2)
            return malformed(where + QStringLiteral(" truncated"));
        Region r;
        r.id = quint8(p[pos]);
        const int nameLen = quint8(p[pos + 1]);
        pos += 2;
        if (nameLen < 1 || nameLen > int(PT_REGION_NAME_MAX))
            return malformed(where + QStringLiteral(" has a name of %1 bytes (1..%2 allowed)").arg(nameLen).arg(PT_REGION_NAME_MAX));
        if (p.size() - pos < nameLen + 13)
            return malformed(where + QStringLiteral(" truncated"));
        const QByteArray name = p.mid(pos, nameLen);
        for (char c : name)
            if (quint8(c) < 0x21 || quint8(c) > 0x7E)
                return malformed(where + QStringLiteral(" has a name that is not printable ASCII"));
        r.name = QString::fromLatin1(name);
        pos += nameLen;
        r.address = readLe32(p, pos);
        r.size = readLe32(p, pos + 4);
        r.flags = readLe32(p, pos + 8);
        const int runs = quint8(p[pos + 12]);
        pos += 13;
        if (runs < 1 || runs > 8)
            return malformed(where + QStringLiteral(" (%1) has %2 sector runs (1..8 allowed)").arg(r.name).arg(runs));
        if (p.size() - pos < runs * 6)
            return malformed(where + QStringLiteral(" (%1) truncated in its sector runs").arg(r.name));
        quint64 total = 0;
        for (int k = 0; k < runs; ++k) {
            SectorRun run;
            run.count = readLe16(p, pos);
            run.size = readLe32(p, pos + 2);
            pos += 6;
            if (run.count == 0 || run.size == 0)
                return malformed(where + QStringLiteral(" (%1) has an empty sector run").arg(r.name));
            total += quint64(run.count) * run.size;
            r.sectors.append(run);
        }
        if (total != r.size)
            return malformed(where + QStringLiteral(" (%1): sectors add up to %2 bytes, region size is %3")
                                         .arg(r.name).arg(total).arg(r.size));
        if (ids.contains(r.id))
            return malformed(where + QStringLiteral(": region id %1 appears twice").arg(r.id));
        ids.insert(r.id);
        regions.append(r);
    }
    if (pos != p.size())
        return malformed(QStringLiteral("REGIONS response: %1 bytes after the last region").arg(p.size() - pos));
    return regions;
}

Result<StagingStatus> parseStagingStatusResponse(const QByteArray &p)
{
    if (p.size() != 44)
        return malformed(QStringLiteral("UPDATE_STATUS response: %1 bytes, expected 44").arg(p.size()));
    StagingStatus s;
    s.state = quint8(p[0]);
    if (s.state > PT_STAGING_CORRUPT)
        return malformed(QStringLiteral("UPDATE_STATUS response: unknown state %1").arg(s.state));
    s.packageSize = readLe32(p, 4);
    s.staged = readLe32(p, 8);
    s.packageSha256 = p.mid(12, 32);
    if (s.state != PT_STAGING_CORRUPT && s.staged > s.packageSize)
        return malformed(QStringLiteral("UPDATE_STATUS response: %1 bytes staged of a %2-byte package")
                             .arg(s.staged).arg(s.packageSize));
    return s;
}

Result<quint32> parseStagedOffset(const QByteArray &p, quint8 command)
{
    if (p.size() != 4)
        return malformed(QStringLiteral("%1 response: %2 bytes, expected 4").arg(commandName(command)).arg(p.size()));
    return readLe32(p, 0);
}

} // namespace piton
