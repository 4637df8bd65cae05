#include "device_client.h"

#include "responses.h"

#include <deque>

namespace piton {

namespace {
Error usage(const QString &m)
{
    return Error::make(ErrorKind::Usage, m);
}

// One request of a pipelined transfer.
struct Chunk {
    quint8 command;
    QByteArray payload;
    quint32 bytes; // data bytes this chunk moves (for progress)
};
} // namespace

DeviceClient::DeviceClient(std::unique_ptr<Client> client) : m_client(std::move(client)) {}

Result<std::unique_ptr<DeviceClient>> DeviceClient::connect(const LinkUri &uri, int timeoutMs)
{
    Result<std::unique_ptr<Link>> link = createLink(uri);
    if (!link)
        return link.error();
    auto client = std::make_unique<Client>(std::move(link.value()));
    Result<PingInfo> ping = client->connect(timeoutMs);
    if (!ping)
        return ping.error();
    return std::make_unique<DeviceClient>(std::move(client));
}

Result<void> DeviceClient::expectEmpty(quint8 command, const QByteArray &payload)
{
    if (!payload.isEmpty())
        return Error::make(ErrorKind::Protocol, QStringLiteral("malformed %1 response: %2 bytes, expected none")
                                                    .arg(commandName(command)).arg(payload.size()));
    return {};
}

Result<PingInfo> DeviceClient::ping(int timeoutMs)
{
    if (!m_client->isSealed())
        return m_client->connect(timeoutMs);
    // In an authenticated session the PING travels sealed like every request, asking for the
    // window and payload already granted: connect() would send it unsealed, and the device
    // ends a session on an unsealed request (docs/protocol.md §6.4).
    const PingInfo &granted = m_client->pingInfo();
    QByteArray request;
    appendLe32(request, granted.maxPayload);
    request.append(char(granted.window));
    Result<QByteArray> r = m_client->call(PT_CMD_PING, request, timeoutMs);
    if (!r)
        return r.error();
    return parsePingResponse(*r, granted.window, granted.maxPayload);
}

Result<DeviceInfo> DeviceClient::info()
{
    Result<QByteArray> r = m_client->call(PT_CMD_INFO, {}, CommandTimeoutMs);
    if (!r)
        return r.error();
    auto info = parseInfoResponse(*r);
    if (info)
        m_lastUniqueId = info->uniqueId;
    return info;
}

Result<SessionGrant> DeviceClient::claimSession(const QString &name, bool takeOver)
{
    QByteArray payload(1, char(takeOver ? PT_SESSION_FLAG_TAKE_OVER : 0));
    QByteArray utf8 = name.toUtf8();
    if (utf8.size() > qsizetype(PT_SESSION_NAME_MAX))
        utf8.truncate(PT_SESSION_NAME_MAX);
    payload.append(utf8);
    Result<QByteArray> r = m_client->call(PT_CMD_SESSION, payload, CommandTimeoutMs);
    if (!r)
        return r.error();
    return parseSessionResponse(*r);
}

Result<void> DeviceClient::releaseSession(int timeoutMs)
{
    Result<QByteArray> r = m_client->call(PT_CMD_SESSION, QByteArray(1, char(PT_SESSION_FLAG_RELEASE)), timeoutMs);
    if (!r)
        return r.error();
    if (auto grant = parseSessionResponse(*r); !grant)
        return grant.error();
    return {};
}

Result<QList<Region>> DeviceClient::regions()
{
    Result<QByteArray> r = m_client->call(PT_CMD_REGIONS, {}, CommandTimeoutMs);
    if (!r)
        return r.error();
    return parseRegionsResponse(*r);
}

// Sends `chunks` pipelined up to the window and hands each response to `onResponse` in order.
// On an error or cancellation the requests already in flight are still collected, so the
// client stays in step with the device.
static Result<void> runPipelined(Client &client, int count, const std::function<Chunk(int)> &makeChunk,
                                 const std::function<Result<void>(int, const QByteArray &)> &onResponse,
                                 const TransferProgress &progress, quint64 total, int timeoutMs)
{
    std::deque<std::pair<quint16, quint32>> pending; // sequence, bytes
    int next = 0;
    int done = 0;
    quint64 moved = 0;
    std::optional<Error> failure;
    while (done < count) {
        while (!failure && next < count && int(pending.size()) < std::max(client.window(), 1)) {
            const Chunk c = makeChunk(next);
            Result<quint16> seq = client.send(c.command, c.payload);
            if (!seq) {
                failure = seq.error();
                break;
            }
            pending.emplace_back(*seq, c.bytes);
            ++next;
        }
        if (pending.empty())
            break;
        const auto [seq, bytes] = pending.front();
        pending.pop_front();
        Result<QByteArray> r = client.receive(seq, timeoutMs);
        const int index = done++;
        if (failure)
            continue; // only draining
        if (!r) {
            failure = r.error();
            continue;
        }
        Result<void> handled = onResponse(index, *r);
        if (!handled) {
            failure = handled.error();
            continue;
        }
        moved += bytes;
        if (progress && !progress(moved, total))
            failure = Error::make(ErrorKind::Cancelled, QStringLiteral("cancelled after %1 of %2 bytes").arg(moved).arg(total));
    }
    if (failure)
        return *failure;
    return {};
}

Result<QByteArray> DeviceClient::read(int regionId, quint32 offset, quint32 length, const TransferProgress &progress)
{
    if (quint64(offset) + length > 0x100000000ull)
        return usage(QStringLiteral("read of %1 bytes at offset 0x%2 goes past 4 GiB").arg(length).arg(offset, 8, 16, QLatin1Char('0')));
    if (length == 0)
        return QByteArray();
    const quint32 chunk = m_client->maxPayload();
    const int count = int((quint64(length) + chunk - 1) / chunk);
    QByteArray out;
    out.reserve(qsizetype(length));
    auto make = [&](int i) {
        const quint32 off = quint32(quint64(i) * chunk);
        const quint32 n = std::min<quint32>(chunk, length - off);
        return Chunk{PT_CMD_READ, encodeRegionRange(regionId, offset + off, n), n};
    };
    auto take = [&](int i, const QByteArray &data) -> Result<void> {
        const quint32 off = quint32(quint64(i) * chunk);
        const quint32 n = std::min<quint32>(chunk, length - off);
        if (quint32(data.size()) != n)
            return Error::make(ErrorKind::Protocol, QStringLiteral("malformed READ response: %1 bytes, requested %2")
                                                        .arg(data.size()).arg(n));
        out.append(data);
        return {};
    };
    Result<void> r = runPipelined(*m_client, count, make, take, progress, length, CommandTimeoutMs);
    if (!r)
        return r.error();
    return out;
}

Result<void> DeviceClient::erase(int regionId, quint32 offset, quint32 length, int timeoutMs, bool forWrite)
{
    Result<QByteArray> r = m_client->call(
        PT_CMD_ERASE, encodeRegionRange(regionId, offset, length, forWrite ? PT_ERASE_FLAG_FOR_WRITE : 0), timeoutMs);
    if (!r)
        return r.error();
    return expectEmpty(PT_CMD_ERASE, *r);
}

Result<void> DeviceClient::write(int regionId, quint32 offset, const QByteArray &data, const TransferProgress &progress)
{
    if (quint64(offset) + quint64(data.size()) > 0x100000000ull)
        return usage(QStringLiteral("write of %1 bytes at offset 0x%2 goes past 4 GiB").arg(data.size()).arg(offset, 8, 16, QLatin1Char('0')));
    if (data.isEmpty())
        return {};
    const quint32 chunk = m_client->maxPayload() - 8;
    const int count = int((quint64(data.size()) + chunk - 1) / chunk);
    auto make = [&](int i) {
        const quint32 off = quint32(quint64(i) * chunk);
        const quint32 n = std::min<quint32>(chunk, quint32(data.size()) - off);
        QByteArray p;
        p.reserve(8 + qsizetype(n));
        p.append(char(quint8(regionId)));
        p.append(3, '\0');
        appendLe32(p, offset + off);
        p.append(data.constData() + off, qsizetype(n));
        return Chunk{PT_CMD_WRITE, p, n};
    };
    auto take = [&](int, const QByteArray &resp) { return expectEmpty(PT_CMD_WRITE, resp); };
    return runPipelined(*m_client, count, make, take, progress, quint64(data.size()), CommandTimeoutMs);
}

Result<QByteArray> DeviceClient::hash(int regionId, quint32 offset, quint32 length, int timeoutMs)
{
    Result<QByteArray> r = m_client->call(PT_CMD_HASH, encodeRegionRange(regionId, offset, length), timeoutMs);
    if (!r)
        return r.error();
    if (r->size() != 32)
        return Error::make(ErrorKind::Protocol, QStringLiteral("malformed HASH response: %1 bytes, expected 32").arg(r->size()));
    return r;
}

Result<QByteArray> DeviceClient::configRead()
{
    Result<QByteArray> r = m_client->call(PT_CMD_CONFIG_READ, {}, CommandTimeoutMs);
    if (!r)
        return r.error();
    if (r->size() > qsizetype(PT_CONFIG_MAX_SIZE))
        return Error::make(ErrorKind::Protocol, QStringLiteral("malformed CONFIG_READ response: %1 bytes, the config holds at most %2")
                                                    .arg(r->size()).arg(PT_CONFIG_MAX_SIZE));
    return r;
}

Result<void> DeviceClient::configWrite(const QByteArray &blob)
{
    if (blob.isEmpty())
        return usage(QStringLiteral("config blob is empty"));
    if (blob.size() > qsizetype(PT_CONFIG_MAX_SIZE))
        return usage(QStringLiteral("config blob of %1 bytes exceeds the maximum of %2").arg(blob.size()).arg(PT_CONFIG_MAX_SIZE));
    Result<QByteArray> r = m_client->call(PT_CMD_CONFIG_WRITE, blob, CommandTimeoutMs);
    if (!r)
        return r.error();
    return expectEmpty(PT_CMD_CONFIG_WRITE, *r);
}

static std::optional<Error> checkConfigKey(const QString &key)
{
    if (key.isEmpty() || key.size() > int(PT_CONFIG_KEY_MAX))
        return Error::make(ErrorKind::Usage, QStringLiteral("config key \"%1\" must be 1..%2 characters long").arg(key).arg(PT_CONFIG_KEY_MAX));
    for (QChar c : key)
        if (c.unicode() < 0x21 || c.unicode() > 0x7E)
            return Error::make(ErrorKind::Usage, QStringLiteral("config key \"%1\" must be printable ASCII without spaces").arg(key));
    return std::nullopt;
}

Result<QByteArray> DeviceClient::configGet(const QString &key)
{
    if (auto e = checkConfigKey(key))
        return *e;
    Result<QByteArray> r = m_client->call(PT_CMD_CONFIG_GET, key.toLatin1(), CommandTimeoutMs);
    if (!r)
        return r.error();
    if (r->size() > qsizetype(PT_CONFIG_VALUE_MAX))
        return Error::make(ErrorKind::Protocol, QStringLiteral("malformed CONFIG_GET response: value of %1 bytes, at most %2 allowed")
                                                    .arg(r->size()).arg(PT_CONFIG_VALUE_MAX));
    return r;
}

Result<void> DeviceClient::configSet(const QString &key, const QByteArray &value)
{
    if (auto e = checkConfigKey(key))
        return *e;
    if (value.size() > qsizetype(PT_CONFIG_VALUE_MAX))
        return usage(QStringLiteral("config value for \"%1\" is %2 bytes, at most %3 allowed").arg(key).arg(value.size()).arg(PT_CONFIG_VALUE_MAX));
    QByteArray p;
    const QByteArray k = key.toLatin1();
    p.append(char(k.size()));
    p.append(k);
    p.append(value);
    Result<QByteArray> r = m_client->call(PT_CMD_CONFIG_SET, p, CommandTimeoutMs);
    if (!r)
        return r.error();
    return expectEmpty(PT_CMD_CONFIG_SET, *r);
}

Result<quint32> DeviceClient::updateBegin(quint32 size, const QByteArray &sha256, int timeoutMs)
{
    if (sha256.size() != 32)
        return usage(QStringLiteral("package SHA-256 must be 32 bytes, got %1").arg(sha256.size()));
    if (size == 0)
        return usage(QStringLiteral("package is empty"));
    QByteArray p;
    appendLe32(p, size);
    p.append(sha256);
    Result<QByteArray> r = m_client->call(PT_CMD_UPDATE_BEGIN, p, timeoutMs);
    if (!r)
        return r.error();
    Result<quint32> staged = parseStagedOffset(*r, PT_CMD_UPDATE_BEGIN);
    if (staged && *staged > size)
        return Error::make(ErrorKind::Protocol, QStringLiteral("UPDATE_BEGIN response: staged offset %1 is beyond the package size %2")
                                                    .arg(*staged).arg(size));
    return staged;
}

static QByteArray updateDataPayload(quint32 offset, const char *data, qsizetype n)
{
    QByteArray p;
    p.reserve(4 + n);
    appendLe32(p, offset);
    p.append(data, n);
    return p;
}

static Result<void> checkStagedAfter(const QByteArray &resp, quint32 expected)
{
    Result<quint32> staged = parseStagedOffset(resp, PT_CMD_UPDATE_DATA);
    if (!staged)
        return staged.error();
    if (*staged != expected)
        return Error::make(ErrorKind::Protocol, QStringLiteral("UPDATE_DATA response: staged offset %1, expected %2")
                                                    .arg(*staged).arg(expected));
    return {};
}

Result<quint32> DeviceClient::updateData(quint32 offset, const QByteArray &chunk)
{
    if (quint64(chunk.size()) + 4 > m_client->maxPayload())
        return usage(QStringLiteral("update chunk of %1 bytes exceeds the maximum of %2").arg(chunk.size()).arg(m_client->maxPayload() - 4));
    Result<QByteArray> r = m_client->call(PT_CMD_UPDATE_DATA, updateDataPayload(offset, chunk.constData(), chunk.size()), CommandTimeoutMs);
    if (!r)
        return r.error();
    Result<void> ok = checkStagedAfter(*r, offset + quint32(chunk.size()));
    if (!ok)
        return ok.error();
    return offset + quint32(chunk.size());
}

Result<quint32> DeviceClient::updateSend(const QByteArray &package, quint32 fromOffset, const TransferProgress &progress)
{
    if (qint64(fromOffset) > package.size())
        return usage(QStringLiteral("resume offset %1 is beyond the package size %2").arg(fromOffset).arg(package.size()));
    if (quint64(package.size()) > 0xFFFFFFFFull)
        return usage(QStringLiteral("package of %1 bytes is too large").arg(package.size()));
    const quint32 total = quint32(package.size());
    const quint32 chunk = m_client->maxPayload() - 4;
    const quint32 left = total - fromOffset;
    const int count = int((quint64(left) + chunk - 1) / chunk);
    quint32 staged = fromOffset;
    auto make = [&](int i) {
        const quint32 off = fromOffset + quint32(quint64(i) * chunk);
        const quint32 n = std::min<quint32>(chunk, total - off);
        return Chunk{PT_CMD_UPDATE_DATA, updateDataPayload(off, package.constData() + off, qsizetype(n)), n};
    };
    auto take = [&](int i, const QByteArray &resp) -> Result<void> {
        const quint32 off = fromOffset + quint32(quint64(i) * chunk);
        const quint32 end = off + std::min<quint32>(chunk, total - off);
        Result<void> ok = checkStagedAfter(resp, end);
        if (ok)
            staged = end;
        return ok;
    };
    TransferProgress shifted;
    if (progress)
        shifted = [&](quint64 done, quint64) { return progress(fromOffset + done, total); };
    Result<void> r = runPipelined(*m_client, count, make, take, shifted, left, CommandTimeoutMs);
    if (!r)
        return r.error();
    return staged;
}

Result<StagingStatus> DeviceClient::updateStatus()
{
    Result<QByteArray> r = m_client->call(PT_CMD_UPDATE_STATUS, {}, CommandTimeoutMs);
    if (!r)
        return r.error();
    return parseStagingStatusResponse(*r);
}

Result<void> DeviceClient::updateCommit(int timeoutMs)
{
    Result<QByteArray> r = m_client->call(PT_CMD_UPDATE_COMMIT, {}, timeoutMs);
    if (!r)
        return r.error();
    Result<void> ok = expectEmpty(PT_CMD_UPDATE_COMMIT, *r);
    // The device resets into the bootloader now; the next ping() reconnects.
    m_client->close();
    return ok;
}

Result<void> DeviceClient::updateAbort(int timeoutMs)
{
    Result<QByteArray> r = m_client->call(PT_CMD_UPDATE_ABORT, {}, timeoutMs);
    if (!r)
        return r.error();
    return expectEmpty(PT_CMD_UPDATE_ABORT, *r);
}

Result<void> DeviceClient::confirm()
{
    Result<QByteArray> r = m_client->call(PT_CMD_CONFIRM, {}, CommandTimeoutMs);
    if (!r)
        return r.error();
    return expectEmpty(PT_CMD_CONFIRM, *r);
}

Result<bool> DeviceClient::lock()
{
    Result<QByteArray> r = m_client->call(PT_CMD_LOCK, QByteArray(PT_LOCK_CONFIRM, PT_LOCK_CONFIRM_LEN), CommandTimeoutMs);
    if (!r)
        return r.error();
    if (r->size() != 1 || quint8(r->at(0)) > 1)
        return Error::make(ErrorKind::Protocol, QStringLiteral("malformed LOCK response: %1 bytes, expected 1 (0 or 1)").arg(r->size()));
    return r->at(0) == 1;
}

Result<KeyUpdateResult> DeviceClient::keyUpdate(const QByteArray &file)
{
    if (file.size() > qsizetype(PT_KEYUPD_MAX_SIZE))
        return usage(QStringLiteral("key update of %1 bytes is larger than %2").arg(file.size()).arg(PT_KEYUPD_MAX_SIZE));
    Result<QByteArray> r = m_client->call(PT_CMD_KEY_UPDATE, file, CommandTimeoutMs);
    if (!r)
        return r.error();
    if (r->size() != qsizetype(PT_KEY_UPDATE_RESPONSE_SIZE) || quint8(r->at(4)) > quint8(r->at(5)))
        return Error::make(ErrorKind::Protocol, QStringLiteral("malformed KEY_UPDATE response: %1 bytes, expected 8").arg(r->size()));
    KeyUpdateResult out;
    out.generation = quint32(quint8(r->at(0))) | (quint32(quint8(r->at(1))) << 8) | (quint32(quint8(r->at(2))) << 16) |
                     (quint32(quint8(r->at(3))) << 24);
    out.slotsUsed = quint8(r->at(4));
    out.slotsTotal = quint8(r->at(5));
    return out;
}

Result<void> DeviceClient::reboot(int mode)
{
    if (mode != PT_REBOOT_NORMAL && mode != PT_REBOOT_BOOTLOADER)
        return usage(QStringLiteral("unknown reboot mode %1 (0 normal, 1 bootloader)").arg(mode));
    QByteArray p(1, char(mode));
    Result<QByteArray> r = m_client->call(PT_CMD_REBOOT, p, CommandTimeoutMs);
    if (!r)
        return r.error();
    Result<void> ok = expectEmpty(PT_CMD_REBOOT, *r);
    // The device resets after this response; the link drops. The next ping() reconnects.
    m_client->close();
    return ok;
}

} // namespace piton
