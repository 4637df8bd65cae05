#include "cli_commands.h"
#include "cli_args.h"
#include "cli_line.h"
#include "access/credential.h"
#include "access/known_boards.h"

#include "board/board_profile.h"
#include "config/config_blob.h"
#include "image/image_file.h"
#include "jobs/config_jobs.h"
#include "jobs/deploy_job.h"
#include "jobs/device_jobs.h"
#include "jobs/key_update_job.h"
#include "jobs/recover_job.h"
#include "package/bundle.h"
#include "package/compatibility.h"
#include "jobs/region_jobs.h"
#include "jobs/rom_jobs.h"
#include "jobs/session.h"
#include "link_uri.h"
#include "package/encryption.h"
#include "package/key_update.h"
#include "package/keys.h"
#include "package/package.h"
#include "package/package_tools.h"
#include "serial_ports.h"
#include "usb_devices.h"
#include "version.h"

#include "piton/protocol.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

#include <functional>
#include <unistd.h>

namespace piton::cli {

namespace {

QString hex32(quint32 v)
{
    return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0'));
}

QString stageName(int stage)
{
    return stage == PT_STAGE_APPLICATION ? QStringLiteral("application")
         : stage == PT_STAGE_BOOTLOADER ? QStringLiteral("bootloader") : QStringLiteral("unknown");
}

QJsonValue optionalVersion(const std::optional<quint32> &v)
{
    return v ? QJsonValue(versionToString(*v)) : QJsonValue(QJsonValue::Null);
}

QJsonValue optionalName(const std::optional<int> &v, QString (*name)(int))
{
    return v ? QJsonValue(name(*v)) : QJsonValue(QJsonValue::Null);
}

QStringList regionFlagNames(const Region &r)
{
    QStringList f;
    if (r.isProtected()) f << QStringLiteral("protected");
    if (r.isStaging()) f << QStringLiteral("staging");
    if (r.isExternal()) f << QStringLiteral("external");
    if (r.isConfig()) f << QStringLiteral("config");
    if (r.isImage()) f << QStringLiteral("image");
    return f;
}

Error usage(const QString &message)
{
    return Error::make(ErrorKind::Usage, message);
}

/** Asks before a destructive step when a person is at the terminal. */
bool confirm(const GlobalOptions &g, const QString &question)
{
    if (g.assumeYes || isatty(STDIN_FILENO) != 1)
        return true;
    QTextStream(stderr) << question << " [y/N] " << Qt::flush;
    QTextStream in(stdin);
    const QString answer = in.readLine().trimmed().toLower();
    return answer == QLatin1String("y") || answer == QLatin1String("yes");
}

/** The device link -c names (or $PITON_CONNECT). Errors (Usage): none given, not a link URI. */
Result<LinkUri> deviceUri(const GlobalOptions &g)
{
    if (g.connect.isEmpty())
        return usage(QStringLiteral("no device given: use -c URI (e.g. -c tcp:127.0.0.1:4000 or -c serial:/dev/ttyUSB0) or set PITON_CONNECT"));
    auto uri = LinkUri::parse(g.connect);
    if (!uri)
        return Error::make(ErrorKind::Usage, uri.error().message);
    return uri;
}

/** Judges `package` against the board of the open session that reported `info`
 *  (judgeCompatibility, the one place that decides) and prints the verdict and the regions the
 *  update writes. Errors: those of REGIONS; a refused package is a verdict with fits == false. */
Result<CompatibilityVerdict> judgeOnDevice(Session &session, const DeviceInfo &info, const Package &package,
                                           const QList<PublicKey> &keys, Output &out, QJsonObject *json)
{
    auto regions = session.regions();
    if (!regions)
        return regions.error();
    CompatibilityVerdict v = judgeCompatibility(package, info, regions.value(), keys);
    out.text(v.fits ? QStringLiteral("verdict: fits %1 (%2)").arg(info.boardId, info.serialNumber)
                    : QStringLiteral("verdict: refused: %1").arg(v.refusal.message));
    out.text(QStringLiteral("regions written: %1").arg(v.regionsWritten.join(QStringLiteral(", "))));
    if (json) {
        json->insert(QStringLiteral("fits"), v.fits);
        if (!v.fits)
            json->insert(QStringLiteral("refusal"), v.refusal.message);
        json->insert(QStringLiteral("regionsWritten"), QJsonArray::fromStringList(v.regionsWritten));
        json->insert(QStringLiteral("warnings"), QJsonArray::fromStringList(v.warnings));
    }
    return v;
}

/** The board's key set as INFO reports it (tags 0x24-0x27; null on boards without key updates). */
QJsonValue keySetJson(const DeviceInfo &i)
{
    if (!i.keySetGeneration)
        return QJsonValue(QJsonValue::Null);
    QJsonArray access, revoked;
    for (const QByteArray &k : i.accessKeys)
        access.append(fingerprintHex(k));
    for (const DeviceInfo::RevokedKey &k : i.revokedKeys)
        revoked.append(QJsonObject{{QStringLiteral("role"), keyRoleName(k.role)}, {QStringLiteral("fingerprint"), fingerprintHex(k.fingerprint)}});
    return QJsonObject{{QStringLiteral("generation"), qint64(*i.keySetGeneration)},
                       {QStringLiteral("accessKeys"), access},
                       {QStringLiteral("revokedKeys"), revoked},
                       {QStringLiteral("slotsUsed"), i.keyStoreUsed.value_or(0)},
                       {QStringLiteral("slotsTotal"), i.keyStoreSlots.value_or(0)}};
}

/** The key set lines of `info` and `keys update-device`. */
QStringList keySetLines(const DeviceInfo &i)
{
    QStringList lines;
    if (!i.keySetGeneration)
        return lines;
    lines << QStringLiteral("key set:      generation %1%2, %3 of %4 key store slots used")
                 .arg(*i.keySetGeneration)
                 .arg(*i.keySetGeneration == 0 ? QStringLiteral(" (as provisioned)") : QString())
                 .arg(i.keyStoreUsed.value_or(0))
                 .arg(i.keyStoreSlots.value_or(0));
    for (const QByteArray &k : i.accessKeys)
        lines << QStringLiteral("access key:   %1").arg(fingerprintHex(k));
    for (const DeviceInfo::RevokedKey &k : i.revokedKeys)
        lines << QStringLiteral("revoked key:  %1 (%2)").arg(fingerprintHex(k.fingerprint), keyRoleName(k.role));
    return lines;
}

/** What a device command asks of openVerifiedSession() besides the session itself. */
struct DeviceRequest {
    bool readInfo = false;              ///< read INFO once (the commands that show the board use it)
    QStringList keyFiles;               ///< --key files, loaded before the device is touched
    const Package *judge = nullptr;     ///< judge this package on the board (reads INFO too)
    QJsonObject *verdictJson = nullptr; ///< where the verdict goes (fits, refusal, regionsWritten, warnings)

    /** The session and INFO. */
    static DeviceRequest info()
    {
        DeviceRequest r;
        r.readInfo = true;
        return r;
    }
    /** The session, INFO, the public keys of `keys` and the verdict on `package` (into `json`). */
    static DeviceRequest judging(QStringList keys, const Package &package, QJsonObject *json)
    {
        DeviceRequest r;
        r.keyFiles = std::move(keys);
        r.judge = &package;
        r.verdictJson = json;
        return r;
    }
};

/** The board a device command works on, as openVerifiedSession() opened it. */
struct OpenDevice {
    std::unique_ptr<Session> session;
    DeviceInfo info;                           ///< INFO when readInfo or judge was asked for
    QList<PublicKey> keys;                     ///< the public keys of keyFiles (empty: none given)
    std::optional<CompatibilityVerdict> verdict; ///< the verdict on `judge`; fits == false is a refusal
};

/**
 * Opens the board named by -c, the one way every device command of piton-cli starts: first the
 * public keys of `request.keyFiles` (a bad key file stops before the device is touched), then the
 * link, PING (Session::open: window, payload, capabilities), the client name, the credential
 * file of --credential and --take-over for a later SESSION claim (the jobs claim before their
 * first change; read-only commands never claim); INFO read once when asked for, and the package
 * `request.judge` judged on the board (judgeOnDevice: verdict and regions written printed).
 * Errors: those of loadPublicKeys(), deviceUri(), loadCredentialFile(), Session::open(), INFO,
 * REGIONS; a refused package is no error but a verdict with fits == false.
 */
Result<OpenDevice> openVerifiedSession(const GlobalOptions &g, Output &out, const DeviceRequest &request = {})
{
    auto keys = loadPublicKeys(request.keyFiles);
    if (!keys)
        return keys.error();
    auto uri = deviceUri(g);
    if (!uri)
        return uri.error();
    auto session = std::make_unique<Session>(uri.value());
    session->setClientName(Session::defaultClientName(QStringLiteral("piton-cli")));
    session->setTakeOver(g.takeOver);
    if (!g.credential.isEmpty()) {
        auto credential = loadCredentialFile(g.credential);
        if (!credential)
            return credential.error();
        session->setCredential(*credential);
        session->setCredentialOptional(g.credentialDefault);
        session->setKnownBoards(QString(), g.replaceIdentity);
    }
    out.log(LogLevel::Info, QStringLiteral("connecting to %1").arg(uri->toString()));
    if (auto ok = session->open(g.timeoutMs); !ok)
        return ok.error();
    if (!session->credentialNote().isEmpty())
        out.log(LogLevel::Info, QStringLiteral("the board does not take the default credential %1 (%2): going on without a session")
                                    .arg(g.credential, session->credentialNote()));
    if (session->identityPinnedNow())
        out.log(LogLevel::Info, QStringLiteral("pinned the board's identity key %1 (%2)")
                                    .arg(fingerprintHex(session->boardIdentity()), KnownBoards::defaultPath()));
    if (session->role() != PT_ROLE_NONE)
        out.log(LogLevel::Info, QStringLiteral("authenticated session: role %1").arg(roleName(session->role())));
    OpenDevice device;
    device.keys = keys.value();
    if (request.readInfo || request.judge) {
        auto read = session->device().info();
        if (!read)
            return read.error();
        device.info = read.value();
        out.log(LogLevel::Info, QStringLiteral("connected to %1 %2 (%3)")
                                    .arg(device.info.boardId, device.info.serialNumber,
                                         stageName(device.info.stage ? device.info.stage : session->ping().stage)));
    }
    if (request.judge) {
        auto verdict = judgeOnDevice(*session, device.info, *request.judge, device.keys, out, request.verdictJson);
        if (!verdict)
            return verdict.error();
        device.verdict = verdict.value();
    }
    device.session = std::move(session);
    return device;
}

int runJob(Job &job, Output &out, const std::function<QJsonObject()> &failureDetails = {})
{
    out.attach(job);
    auto result = job.run();
    out.endProgress();
    if (!result)
        return out.fail(result.error(), failureDetails ? failureDetails() : QJsonObject{});
    return ExitOk;
}

QJsonObject infoJson(const DeviceInfo &i)
{
    QJsonArray keys;
    for (const QByteArray &k : i.trustedKeys)
        keys.append(fingerprintHex(k));
    QJsonArray rootKeys;
    for (const QByteArray &k : i.rootKeys)
        rootKeys.append(fingerprintHex(k));
    return QJsonObject{
        {QStringLiteral("board"), i.boardId},
        {QStringLiteral("uniqueId"), QString::fromLatin1(i.uniqueId.toHex())},
        {QStringLiteral("serialNumber"), i.serialNumber},
        {QStringLiteral("stage"), stageName(i.stage)},
        {QStringLiteral("bootloaderVersion"), optionalVersion(i.bootloaderVersion)},
        {QStringLiteral("firmwareVersion"), optionalVersion(i.firmwareVersion)},
        {QStringLiteral("applicationVersion"), optionalVersion(i.applicationVersion)},
        {QStringLiteral("locked"), i.locked},
        {QStringLiteral("securityCounter"), qint64(i.securityCounter)},
        {QStringLiteral("lastInstall"), i.lastInstall},
        {QStringLiteral("lastInstallResult"), installResultName(i.lastInstall)},
        {QStringLiteral("imageState"), optionalName(i.imageState, imageStateName)},
        {QStringLiteral("bootCount"), i.bootCount ? QJsonValue(qint64(*i.bootCount)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("resets"), i.resets ? QJsonValue(qint64(*i.resets)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("trialLimit"), i.trialLimit ? QJsonValue(*i.trialLimit) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("revertReason"), optionalName(i.revertReason, revertReasonName)},
        {QStringLiteral("stagingState"), optionalName(i.stagingState, stagingStateName)},
        {QStringLiteral("configState"), optionalName(i.configState, configStateName)},
        {QStringLiteral("previousFirmwareVersion"), optionalVersion(i.previousFirmwareVersion)},
        {QStringLiteral("previousApplicationVersion"), optionalVersion(i.previousApplicationVersion)},
        {QStringLiteral("trustedKeys"), keys},
        {QStringLiteral("productKey"), i.productKey.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(fingerprintHex(i.productKey))},
        {QStringLiteral("accessPolicy"), i.accessPolicy ? QJsonValue(*i.accessPolicy) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("role"), optionalName(i.role, roleName)},
        {QStringLiteral("authMode"), !i.authMode ? QJsonValue(QJsonValue::Null)
                                     : QJsonValue(*i.authMode == PT_AUTH_MODE_SEALED        ? QStringLiteral("sealed")
                                                  : *i.authMode == PT_AUTH_MODE_SIGNED_NONCE ? QStringLiteral("signed-nonce")
                                                                                             : QString::number(*i.authMode))},
        {QStringLiteral("accessKeys"), i.accessKeyCount ? QJsonValue(*i.accessKeyCount) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("rootKeys"), rootKeys},
        {QStringLiteral("keySet"), keySetJson(i)},
    };
}

/** The text lines of `info` (also printed by `confirm` and `recover`). */
QStringList infoLines(const DeviceInfo &i)
{
    const auto v = [](const std::optional<quint32> &x) { return x ? versionToString(*x) : QStringLiteral("none"); };
    const auto n = [](const std::optional<int> &x, QString (*name)(int)) { return x ? name(*x) : QStringLiteral("not reported"); };
    QStringList lines;
    lines << QStringLiteral("board:        %1").arg(i.boardId)
          << QStringLiteral("stage:        %1").arg(stageName(i.stage))
          << QStringLiteral("serial:       %1").arg(i.serialNumber)
          << QStringLiteral("unique id:    %1").arg(QString::fromLatin1(i.uniqueId.toHex()))
          << QStringLiteral("bootloader:   %1").arg(v(i.bootloaderVersion))
          << QStringLiteral("firmware:     %1").arg(v(i.firmwareVersion))
          << QStringLiteral("application:  %1").arg(v(i.applicationVersion));
    QString image = n(i.imageState, imageStateName);
    if (i.imageState && *i.imageState == PT_IMAGE_TRIAL)
        image += QStringLiteral(" (boot %1 of at most %2 before the bootloader reverts)")
                     .arg(i.bootCount ? QString::number(*i.bootCount) : QStringLiteral("?"),
                          i.trialLimit ? QString::number(*i.trialLimit) : QStringLiteral("?"));
    lines << QStringLiteral("image state:  %1").arg(image);
    if (i.bootCount || i.trialLimit)
        lines << QStringLiteral("boot count:   %1 (trial limit %2)")
                     .arg(i.bootCount ? QString::number(*i.bootCount) : QStringLiteral("not reported"),
                          i.trialLimit ? QString::number(*i.trialLimit) : QStringLiteral("not reported"));
    if (i.revertReason)
        lines << QStringLiteral("last revert:  %1").arg(revertReasonName(*i.revertReason));
    lines << QStringLiteral("last install: %1").arg(installResultName(i.lastInstall))
          << QStringLiteral("staging:      %1").arg(n(i.stagingState, stagingStateName))
          << QStringLiteral("config:       %1").arg(n(i.configState, configStateName));
    if (i.previousFirmwareVersion || i.previousApplicationVersion)
        lines << QStringLiteral("previous:     firmware %1, application %2 (kept for rollback)")
                     .arg(v(i.previousFirmwareVersion), v(i.previousApplicationVersion));
    lines << QStringLiteral("locked:       %1").arg(i.locked ? QStringLiteral("yes (production)") : QStringLiteral("no (development)"))
          << QStringLiteral("sec. counter: %1").arg(i.securityCounter);
    for (const QByteArray &k : i.trustedKeys)
        lines << QStringLiteral("trusted key:  %1").arg(fingerprintHex(k));
    lines << QStringLiteral("product key:  %1").arg(i.productKey.isEmpty() ? QStringLiteral("none (cannot install encrypted packages)")
                                                                          : fingerprintHex(i.productKey));
    if (i.accessPolicy)
        lines << QStringLiteral("access:       %1").arg(!*i.accessPolicy ? QStringLiteral("open (no access policy)")
                                                    : i.accessKeyCount.value_or(1) == 0
                                                        ? QStringLiteral("policy enforced; no access key trusted: read-only over TCP, no session possible")
                                                        : QStringLiteral("policy enforced (credentials needed, docs/security.md)"))
              << QStringLiteral("session role: %1%2").arg(n(i.role, roleName),
                                                          i.authMode == PT_AUTH_MODE_SIGNED_NONCE
                                                              ? QStringLiteral(" (granted by signed nonce: frames are not sealed, docs/security.md)")
                                                              : QString());
    for (const QByteArray &k : i.rootKeys)
        lines << QStringLiteral("root key:     %1").arg(fingerprintHex(k));
    lines << keySetLines(i);
    return lines;
}

// ---- commands ---------------------------------------------------------------------------------

int cmdList(const QStringList &args, Output &out)
{
    Args a(QStringLiteral("list"), args, {}, 0, 0);
    if (a.error.isError())
        return out.fail(a.error);
    QJsonArray ports;
    const auto entries = listSerialPorts();
    for (const SerialPortEntry &p : entries) {
        const QString vidpid = p.hasVidPid ? QStringLiteral("%1:%2").arg(p.vid, 4, 16, QLatin1Char('0')).arg(p.pid, 4, 16, QLatin1Char('0')) : QString();
        ports.append(QJsonObject{{QStringLiteral("uri"), QStringLiteral("serial:") + p.path}, {QStringLiteral("path"), p.path},
                                 {QStringLiteral("description"), p.description}, {QStringLiteral("vidpid"), vidpid},
                                 {QStringLiteral("serialNumber"), p.serialNumber}});
        out.text(QStringLiteral("serial:%1\t%2\t%3\t%4").arg(p.path, p.description, vidpid, p.serialNumber));
    }
    if (entries.isEmpty())
        out.text(QStringLiteral("no serial ports found (pseudo-terminals are not listed: give their path with -c serial:PATH)"));
    // USB boards with a known VID:PID (docs/usb.md). No USB on this computer is not an error.
    QJsonArray usb;
    QString usbProblem;
    const auto usbEntries = listUsbDevices();
    if (usbEntries) {
        for (const UsbDeviceEntry &d : usbEntries.value()) {
            usb.append(QJsonObject{{QStringLiteral("uri"), d.uri}, {QStringLiteral("vidpid"), d.vidPid()},
                                   {QStringLiteral("serialNumber"), d.serial}, {QStringLiteral("portPath"), d.portPath},
                                   {QStringLiteral("manufacturer"), d.manufacturer}, {QStringLiteral("product"), d.product},
                                   {QStringLiteral("accessible"), d.accessible}});
            out.text(QStringLiteral("%1\t%2\t%3\t%4%5").arg(d.uri, d.product.isEmpty() ? d.knownName : d.product, d.vidPid(), d.serial,
                                                          d.accessible ? QString() : QStringLiteral("\t(no access: see docs/usb.md)")));
        }
        if (usbEntries->isEmpty())
            out.text(QStringLiteral("no USB boards found"));
    } else {
        usbProblem = usbEntries.error().message;
        out.text(QStringLiteral("USB: %1").arg(usbProblem));
    }
    QJsonObject result{{QStringLiteral("ports"), ports}, {QStringLiteral("usb"), usb}};
    if (!usbProblem.isEmpty())
        result.insert(QStringLiteral("usbError"), usbProblem);
    out.result(result);
    return ExitOk;
}

int cmdPing(const QStringList &args, const GlobalOptions &g, Output &out)
{
    Args a(QStringLiteral("ping"), args, {}, 0, 0);
    if (a.error.isError())
        return out.fail(a.error);
    auto board = openVerifiedSession(g, out);
    if (!board)
        return out.fail(board.error());
    // Opening the session PINGed already: its answer is what ping reports (no second PING).
    const PingInfo *ping = &board->session->ping();
    out.text(QStringLiteral("%1 answers: stage %2, protocol %3, max payload %4 bytes, window %5")
                 .arg(board->session->uri().toString(), stageName(ping->stage)).arg(ping->protocolVersion)
                 .arg(ping->maxPayload).arg(ping->window));
    out.result(QJsonObject{{QStringLiteral("stage"), stageName(ping->stage)}, {QStringLiteral("protocol"), ping->protocolVersion},
                           {QStringLiteral("maxPayload"), qint64(ping->maxPayload)}, {QStringLiteral("window"), ping->window},
                           {QStringLiteral("capabilities"), qint64(ping->capabilities)}});
    return ExitOk;
}

int cmdInfo(const QStringList &args, const GlobalOptions &g, Output &out)
{
    Args a(QStringLiteral("info"), args, {}, 0, 0);
    if (a.error.isError())
        return out.fail(a.error);
    auto board = openVerifiedSession(g, out, DeviceRequest::info());
    if (!board)
        return out.fail(board.error());
    const DeviceInfo &info = board->info;
    const QJsonObject o = infoJson(info);
    out.result(o);
    for (const QString &line : infoLines(info))
        out.text(line);
    return ExitOk;
}

int cmdRegions(const QStringList &args, const GlobalOptions &g, Output &out)
{
    Args a(QStringLiteral("regions"), args, {}, 0, 0);
    if (a.error.isError())
        return out.fail(a.error);
    auto board = openVerifiedSession(g, out);
    if (!board)
        return out.fail(board.error());
    auto regions = board->session->regions();
    if (!regions)
        return out.fail(regions.error());
    QJsonArray list;
    for (const Region &r : regions.value()) {
        QJsonArray sectors;
        QStringList geometry;
        for (const SectorRun &s : r.sectors) {
            sectors.append(QJsonObject{{QStringLiteral("count"), qint64(s.count)}, {QStringLiteral("size"), qint64(s.size)}});
            geometry << QStringLiteral("%1 x %2").arg(s.count).arg(formatBytes(s.size));
        }
        list.append(QJsonObject{{QStringLiteral("id"), r.id}, {QStringLiteral("name"), r.name},
                                {QStringLiteral("address"), qint64(r.address)}, {QStringLiteral("size"), qint64(r.size)},
                                {QStringLiteral("flags"), QJsonArray::fromStringList(regionFlagNames(r))},
                                {QStringLiteral("sectors"), sectors}});
        out.text(QStringLiteral("%1  %2..%3  %4  %5  [%6]")
                     .arg(r.name, -11).arg(hex32(r.address), hex32(r.address + r.size - 1))
                     .arg(formatBytes(r.size), 9).arg(geometry.join(QStringLiteral(", ")), -22)
                     .arg(regionFlagNames(r).join(QLatin1Char(','))));
    }
    out.result(QJsonObject{{QStringLiteral("regions"), list}});
    return ExitOk;
}

int cmdRead(const QStringList &args, const GlobalOptions &g, Output &out)
{
    QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("file"), QStringLiteral("FILE"));
    Args a(QStringLiteral("read"), args, {output}, 1, 1);
    if (a.error.isError())
        return out.fail(a.error);
    if (!a.parser.isSet(output))
        return out.fail(usage(QStringLiteral("read: -o FILE is required")));
    auto board = openVerifiedSession(g, out);
    if (!board)
        return out.fail(board.error());
    ReadRegionJob job(*board->session, a.at(0), a.parser.value(output));
    if (int rc = runJob(job, out))
        return rc;
    out.text(QStringLiteral("%1: %2 bytes read into %3").arg(a.at(0)).arg(job.data().size()).arg(a.parser.value(output)));
    out.result(QJsonObject{{QStringLiteral("region"), a.at(0)}, {QStringLiteral("bytes"), qint64(job.data().size())},
                           {QStringLiteral("file"), a.parser.value(output)}});
    return ExitOk;
}

int cmdErase(const QStringList &args, const GlobalOptions &g, Output &out)
{
    Args a(QStringLiteral("erase"), args, {}, 1, 1);
    if (a.error.isError())
        return out.fail(a.error);
    auto board = openVerifiedSession(g, out);
    if (!board)
        return out.fail(board.error());
    auto region = board->session->region(a.at(0));
    if (!region)
        return out.fail(region.error());
    if (!confirm(g, QStringLiteral("Erase region %1 (%2..%3, %4)?").arg(region->name, hex32(region->address),
                                                                          hex32(region->address + region->size - 1), formatBytes(region->size))))
        return out.fail(Error::make(ErrorKind::Cancelled, QStringLiteral("erase not confirmed")));
    EraseRegionJob job(*board->session, a.at(0));
    if (int rc = runJob(job, out))
        return rc;
    out.text(QStringLiteral("%1 erased (%2 bytes)").arg(region->name).arg(region->size));
    out.result(QJsonObject{{QStringLiteral("region"), region->name}, {QStringLiteral("erased"), qint64(region->size)}});
    return ExitOk;
}

Result<Image> loadImageArg(const QString &path, const QString &base)
{
    std::optional<quint32> address;
    if (!base.isEmpty()) {
        address = parseAddress(base);
        if (!address)
            return usage(QStringLiteral("'%1' is not an address (use 0x08040000 or decimal)").arg(base));
    }
    return loadImage(path, address, QStringLiteral("--base"));
}

/** Shows what the image reader tolerated (a missing end record, ...). */
void showImageWarnings(const QStringList &warnings, Output &out)
{
    for (const QString &w : warnings)
        out.warning(w);
}

int cmdWrite(const QStringList &args, const GlobalOptions &g, Output &out)
{
    QCommandLineOption base(QStringLiteral("base"), QStringLiteral("load address of a raw binary"), QStringLiteral("ADDRESS"));
    Args a(QStringLiteral("write"), args, {base}, 2, 2);
    if (a.error.isError())
        return out.fail(a.error);
    auto image = loadImageArg(a.at(1), a.parser.value(base));
    if (!image)
        return out.fail(image.error());
    showImageWarnings(image->warnings(), out);
    auto board = openVerifiedSession(g, out);
    if (!board)
        return out.fail(board.error());
    if (!confirm(g, QStringLiteral("Program %1 bytes into region %2?").arg(image->byteCount()).arg(a.at(0))))
        return out.fail(Error::make(ErrorKind::Cancelled, QStringLiteral("write not confirmed")));
    WriteRegionJob job(*board->session, a.at(0), image.value());
    if (int rc = runJob(job, out))
        return rc;
    out.text(QStringLiteral("%1 bytes written to %2 and verified").arg(image->byteCount()).arg(a.at(0)));
    out.result(QJsonObject{{QStringLiteral("region"), a.at(0)}, {QStringLiteral("bytes"), qint64(image->byteCount())}});
    return ExitOk;
}

int cmdDeploy(const QStringList &args, const GlobalOptions &g, Output &out)
{
    QCommandLineOption key(QStringLiteral("key"), QStringLiteral("public key to check the signature with"), QStringLiteral("PUBLIC.pem"));
    QCommandLineOption confirmTimeout(QStringLiteral("confirm-timeout"),
                                      QStringLiteral("seconds the new image may run on trial before deploy stops waiting for it to confirm itself (default 60)"),
                                      QStringLiteral("SECONDS"));
    Args a(QStringLiteral("deploy"), args, {key, confirmTimeout}, 1, 1);
    if (a.error.isError())
        return out.fail(a.error);
    auto package = Package::load(a.at(0));
    if (!package)
        return out.fail(package.error());
    // The verdict and the regions written first; then the warnings before the irreversible
    // (downgrade, security counter raise), asked on a terminal. A refusal sends nothing.
    QJsonObject verdictJson;
    auto board = openVerifiedSession(g, out, DeviceRequest::judging(a.parser.values(key), package.value(), &verdictJson));
    if (!board)
        return out.fail(board.error());
    const std::optional<CompatibilityVerdict> &verdict = board->verdict;
    if (!verdict->fits)
        return out.fail(verdict->refusal, verdictJson);
    const QStringList &warnings = verdict->warnings;
    for (const QString &w : warnings)
        out.log(LogLevel::Warning, w);
    if (!warnings.isEmpty() && !confirm(g, QStringLiteral("Warning: %1.\nDeploy %2 anyway?").arg(warnings.join(QStringLiteral("; ")), a.at(0))))
        return out.fail(Error::make(ErrorKind::Cancelled, QStringLiteral("deploy not confirmed")));
    DeployJob job(*board->session, package.value(), a.at(0));
    job.setPublicKeys(board->keys);
    if (a.parser.isSet(confirmTimeout)) {
        bool ok = false;
        const int seconds = a.parser.value(confirmTimeout).toInt(&ok);
        if (!ok || seconds <= 0 || seconds > 3600)
            return out.fail(usage(QStringLiteral("--confirm-timeout needs a number of seconds in 1..3600")));
        job.setConfirmTimeout(seconds * 1000);
    }
    if (int rc = runJob(job, out))
        return rc;
    const DeployReport &r = job.report();
    const double rate = r.stagingMs > 0 ? double(r.bytesSent) * 1000.0 / double(r.stagingMs) : 0.0;
    out.text(QStringLiteral("deployed %1: %2 bytes (%3 sent, resumed from %4) in %5 ms (staging %6/s); board now runs application %7, firmware %8")
                 .arg(a.at(0)).arg(r.packageSize).arg(r.bytesSent).arg(r.resumedFrom).arg(r.totalMs)
                 .arg(formatBytes(rate),
                      r.infoAfter.applicationVersion ? versionToString(*r.infoAfter.applicationVersion) : QStringLiteral("none"),
                      r.infoAfter.firmwareVersion ? versionToString(*r.infoAfter.firmwareVersion) : QStringLiteral("none")));
    QJsonObject o{{QStringLiteral("package"), a.at(0)}, {QStringLiteral("packageSize"), qint64(r.packageSize)},
                  {QStringLiteral("resumedFrom"), qint64(r.resumedFrom)}, {QStringLiteral("sent"), qint64(r.bytesSent)},
                  {QStringLiteral("stagingMs"), r.stagingMs}, {QStringLiteral("totalMs"), r.totalMs},
                  {QStringLiteral("bytesPerSecond"), qint64(rate)}, {QStringLiteral("info"), infoJson(r.infoAfter)},
                  {QStringLiteral("regionsWritten"), verdictJson.value(QStringLiteral("regionsWritten"))},
                  {QStringLiteral("commitAnswerLost"), r.commitAnswerLost}, {QStringLiteral("commitsResent"), r.commitsResent},
                  {QStringLiteral("commitRecoveryMs"), r.commitRecoveryMs}};
    if (r.commitAnswerLost)
        out.text(QStringLiteral("the answer to UPDATE_COMMIT was lost: recovered in %1 ms (COMMIT sent again %2 times)")
                     .arg(r.commitRecoveryMs).arg(r.commitsResent));
    out.result(o);
    return ExitOk;
}

int cmdVerify(const QStringList &args, const GlobalOptions &g, Output &out)
{
    Args a(QStringLiteral("verify"), args, {}, 1, 1);
    if (a.error.isError())
        return out.fail(a.error);
    auto package = Package::load(a.at(0));
    if (!package)
        return out.fail(package.error());
    auto board = openVerifiedSession(g, out);
    if (!board)
        return out.fail(board.error());
    VerifyJob job(*board->session, package.value(), a.at(0));
    // On a mismatch the JSON error says what differs, payload by payload.
    const int rc = runJob(job, out, [&] {
        return QJsonObject{{QStringLiteral("match"), false}, {QStringLiteral("details"), QJsonArray::fromStringList(job.details())}};
    });
    for (const QString &d : job.details())
        out.text(d);
    if (rc == ExitOk) {
        out.text(QStringLiteral("the device runs exactly %1").arg(a.at(0)));
        out.result(QJsonObject{{QStringLiteral("match"), true}, {QStringLiteral("details"), QJsonArray::fromStringList(job.details())}});
    }
    return rc;
}

int cmdConfig(const QStringList &args, const GlobalOptions &g, Output &out)
{
    const QString sub = args.value(0);
    const QStringList rest = args.mid(1);
    QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("file"), QStringLiteral("FILE"));
    if (sub == QLatin1String("backup")) {
        Args a(QStringLiteral("config backup"), rest, {output}, 0, 0);
        if (a.error.isError())
            return out.fail(a.error);
        if (!a.parser.isSet(output))
            return out.fail(usage(QStringLiteral("config backup: -o FILE is required")));
        auto board = openVerifiedSession(g, out);
        if (!board)
            return out.fail(board.error());
        ConfigBackupJob job(*board->session, a.parser.value(output));
        if (int rc = runJob(job, out))
            return rc;
        out.text(QStringLiteral("config (%1 entries) saved to %2").arg(job.config().entries.size()).arg(a.parser.value(output)));
        out.result(QJsonObject{{QStringLiteral("file"), a.parser.value(output)}, {QStringLiteral("entries"), int(job.config().entries.size())}});
        return ExitOk;
    }
    if (sub == QLatin1String("restore")) {
        QCommandLineOption copyIdentity(QStringLiteral("copy-identity"),
                                        QStringLiteral("also copy serial and net.mac from a backup of another board"));
        Args a(QStringLiteral("config restore"), rest, {copyIdentity}, 1, 1);
        if (a.error.isError())
            return out.fail(a.error);
        // Check the file before touching the device.
        auto local = ConfigBlob::load(a.at(0));
        if (!local)
            return out.fail(local.error());
        auto board = openVerifiedSession(g, out);
        if (!board)
            return out.fail(board.error());
        const bool copy = a.parser.isSet(copyIdentity);
        QStringList differ;
        if (auto current = readDeviceConfig(board->session->device()))
            differ = identityDifferences(local.value(), current.value());
        const QString question = differ.isEmpty() || !copy
            ? QStringLiteral("Replace the device's config with %1?").arg(a.at(0))
            : QStringLiteral("%1 comes from another board (serial %2). Copy its %3 onto this board? Two boards would then share them.")
                  .arg(a.at(0), QString::fromUtf8(local->entries.value(QStringLiteral("serial"))), differ.join(QStringLiteral(" and ")));
        if (!confirm(g, question))
            return out.fail(Error::make(ErrorKind::Cancelled, QStringLiteral("restore not confirmed")));
        ConfigRestoreJob job(*board->session, a.at(0));
        job.setCopyIdentity(copy);
        if (int rc = runJob(job, out))
            return rc;
        out.text(QStringLiteral("config restored from %1").arg(a.at(0)));
        if (!job.keptIdentity().isEmpty())
            out.text(QStringLiteral("kept this board's own %1: the backup comes from another board (--copy-identity copies them)")
                         .arg(job.keptIdentity().join(QStringLiteral(" and "))));
        if (!job.copiedIdentity().isEmpty())
            out.text(QStringLiteral("copied %1 from the backup of another board").arg(job.copiedIdentity().join(QStringLiteral(" and "))));
        out.result(QJsonObject{{QStringLiteral("restored"), a.at(0)},
                               {QStringLiteral("keptIdentity"), QJsonArray::fromStringList(job.keptIdentity())},
                               {QStringLiteral("copiedIdentity"), QJsonArray::fromStringList(job.copiedIdentity())}});
        return ExitOk;
    }
    if (sub == QLatin1String("get")) {
        Args a(QStringLiteral("config get"), rest, {}, 0, -1);
        if (a.error.isError())
            return out.fail(a.error);
        auto board = openVerifiedSession(g, out);
        if (!board)
            return out.fail(board.error());
        auto config = readDeviceConfig(board->session->device());
        if (!config)
            return out.fail(config.error());
        QJsonObject o;
        const QStringList wanted = a.parser.positionalArguments();
        for (auto it = config->entries.cbegin(); it != config->entries.cend(); ++it) {
            if (!wanted.isEmpty() && !wanted.contains(it.key()))
                continue;
            o.insert(it.key(), QString::fromUtf8(it.value()));
            out.text(QStringLiteral("%1=%2").arg(it.key(), QString::fromUtf8(it.value())));
        }
        for (const QString &k : wanted)
            if (!config->entries.contains(k))
                return out.fail(Error::make(ErrorKind::Device, QStringLiteral("config has no entry '%1'").arg(k), PT_E_NOT_FOUND));
        out.result(QJsonObject{{QStringLiteral("config"), o}});
        return ExitOk;
    }
    if (sub == QLatin1String("set")) {
        Args a(QStringLiteral("config set"), rest, {}, 1, -1);
        if (a.error.isError())
            return out.fail(a.error);
        QList<QPair<QString, QByteArray>> entries;
        for (const QString &kv : a.parser.positionalArguments()) {
            const qsizetype eq = kv.indexOf(QLatin1Char('='));
            if (eq <= 0)
                return out.fail(usage(QStringLiteral("config set: '%1' is not KEY=VALUE").arg(kv)));
            entries.append({kv.left(eq), kv.mid(eq + 1).toUtf8()});
        }
        QStringList deleted, identity;
        for (const auto &[key, value] : entries)
            if (value.isEmpty()) {
                deleted << key;
                if (configIdentityKeys().contains(key))
                    identity << key;
            }
        auto board = openVerifiedSession(g, out);
        if (!board)
            return out.fail(board.error());
        // Deleting what identifies the board is never silent.
        if (!identity.isEmpty() &&
            !confirm(g, QStringLiteral("Delete %1? The board then has no %1 (INFO and its USB serial string show none).")
                            .arg(identity.join(QStringLiteral(" and ")))))
            return out.fail(Error::make(ErrorKind::Cancelled, QStringLiteral("config set not confirmed")));
        ConfigSetJob job(*board->session, entries);
        if (int rc = runJob(job, out))
            return rc;
        out.text(QStringLiteral("%1 entries written").arg(entries.size() - deleted.size()));
        if (!deleted.isEmpty())
            out.text(QStringLiteral("deleted: %1").arg(deleted.join(QStringLiteral(", "))));
        out.result(QJsonObject{{QStringLiteral("written"), int(entries.size() - deleted.size())},
                               {QStringLiteral("deleted"), QJsonArray::fromStringList(deleted)}});
        return ExitOk;
    }
    return out.fail(usage(QStringLiteral("config: expected backup, restore, get or set")));
}

int cmdConfirm(const QStringList &args, const GlobalOptions &g, Output &out)
{
    Args a(QStringLiteral("confirm"), args, {}, 0, 0);
    if (a.error.isError())
        return out.fail(a.error);
    auto board = openVerifiedSession(g, out, DeviceRequest::info());
    if (!board)
        return out.fail(board.error());
    const DeviceInfo &beforeInfo = board->info;
    DeviceClient &device = board->session->device();
    const DeviceInfo *before = &beforeInfo;
    if (auto ok = device.confirm(); !ok)
        return out.fail(ok.error());
    auto after = device.info();
    if (!after)
        return out.fail(after.error());
    if (after->imageState && *after->imageState != PT_IMAGE_CONFIRMED)
        return out.fail(Error::make(ErrorKind::Device, QStringLiteral("the device accepted CONFIRM but reports image state %1")
                                                           .arg(imageStateName(*after->imageState))));
    const bool wasTrial = before->imageState && *before->imageState == PT_IMAGE_TRIAL;
    out.text(wasTrial ? QStringLiteral("confirmed: application %1, firmware %2 stay installed; the bootloader will not revert them")
                            .arg(before->applicationVersion ? versionToString(*before->applicationVersion) : QStringLiteral("none"),
                                 before->firmwareVersion ? versionToString(*before->firmwareVersion) : QStringLiteral("none"))
                      : QStringLiteral("the image was already confirmed; nothing changed"));
    out.result(QJsonObject{{QStringLiteral("confirmed"), true}, {QStringLiteral("wasTrial"), wasTrial},
                           {QStringLiteral("imageStateBefore"), optionalName(before->imageState, imageStateName)},
                           {QStringLiteral("imageState"), optionalName(after->imageState, imageStateName)},
                           {QStringLiteral("info"), infoJson(after.value())}});
    return ExitOk;
}

QJsonObject diagnosisJson(const RecoveryDiagnosis &d)
{
    QJsonArray findings;
    for (const RecoveryFinding &f : d.findings)
        findings.append(QJsonObject{{QStringLiteral("state"), recoveryStateId(f.state)},
                                    {QStringLiteral("explanation"), f.explanation},
                                    {QStringLiteral("action"), recoveryActionId(f.action)},
                                    {QStringLiteral("proposedAction"), f.proposedAction},
                                    {QStringLiteral("needs"), recoveryNeedId(f.needs)}});
    return QJsonObject{{QStringLiteral("healthy"), d.healthy()},
                       {QStringLiteral("summary"), d.summary()},
                       {QStringLiteral("findings"), findings},
                       {QStringLiteral("notes"), QJsonArray::fromStringList(d.notes)},
                       {QStringLiteral("stagingState"), stagingStateName(d.staging.state)},
                       {QStringLiteral("info"), infoJson(d.info)}};
}

QJsonArray planJson(const QList<RecoveryAction> &plan)
{
    QJsonArray a;
    for (RecoveryAction action : plan)
        a.append(recoveryActionId(action));
    return a;
}

void printDiagnosis(const RecoveryDiagnosis &d, const QList<RecoveryAction> &plan, Output &out)
{
    const DeviceInfo &i = d.info;
    out.text(QStringLiteral("board %1 (%2), %3 stage: %4").arg(i.boardId, i.serialNumber, stageName(i.stage), d.summary()));
    for (const RecoveryFinding &f : d.findings) {
        out.text(QStringLiteral("  %1: %2").arg(recoveryStateId(f.state), f.explanation));
        out.text(QStringLiteral("    -> %1%2").arg(f.proposedAction,
                                                    f.needs == RecoveryNeed::Package ? QStringLiteral(" (needs --package)")
                                                    : f.needs == RecoveryNeed::ConfigBackup ? QStringLiteral(" (needs --config-backup)")
                                                                                            : QString()));
    }
    for (const QString &note : d.notes)
        out.text(QStringLiteral("  note: %1").arg(note));
    if (!plan.isEmpty()) {
        QStringList ids;
        for (RecoveryAction a : plan)
            ids << recoveryActionId(a);
        out.text(QStringLiteral("plan: %1").arg(ids.join(QStringLiteral(", "))));
    }
}

QJsonObject bringUpJson(const RomBringUpPlan &plan)
{
    return QJsonObject{{QStringLiteral("board"), plan.boardId},
                       {QStringLiteral("chip"), plan.rom.chip ? plan.rom.chip->name : QString()},
                       {QStringLiteral("pid"), QStringLiteral("0x%1").arg(plan.rom.pid, 4, 16, QLatin1Char('0'))},
                       {QStringLiteral("sectors"), QJsonArray::fromVariantList([&plan] {
                            QVariantList l;
                            for (int s : plan.sectors)
                                l << s;
                            return l;
                        }())},
                       {QStringLiteral("uniqueId"), QString::fromLatin1(plan.provisioning.uniqueId.toHex())},
                       {QStringLiteral("uniqueIdKept"), plan.uniqueIdKept},
                       {QStringLiteral("keyAreaKept"), plan.keptKeyArea.size()},
                       {QStringLiteral("keyAreaRead"), plan.keyAreaRead.size()},
                       {QStringLiteral("keyAreaSha256"), QString::fromLatin1(plan.keyAreaSha256.toHex())},
                       {QStringLiteral("trustedKeys"), int(plan.provisioning.trustedKeys.size())},
                       {QStringLiteral("accessKeys"), plan.accessKeyCount},
                       {QStringLiteral("accessBlock"), romAccessBlockId(plan.accessBlock)},
                       {QStringLiteral("locked"), plan.provisioning.locked},
                       {QStringLiteral("steps"), QJsonArray::fromStringList(plan.steps())}};
}

/** recover when only the chip's ROM bootloader answers: the ladder's ROM rung, then RecoverJob. */
int recoverFromRom(RecoveryLadderJob &ladder, bool dry, const GlobalOptions &g, Output &out)
{
    QJsonObject o{{QStringLiteral("dryRun"), dry}, {QStringLiteral("rung"), recoveryRungId(ladder.ladder().rung)},
                  {QStringLiteral("ladder"), ladder.ladder().summary()}};
    out.text(ladder.ladder().summary());
    out.attach(ladder); // the plan's warnings too (a ROM read of the key area asked again)
    auto plan = ladder.planBringUp();
    if (!plan)
        return out.fail(plan.error(), o);
    o.insert(QStringLiteral("bringUp"), bringUpJson(plan.value()));
    out.text(QStringLiteral("plan through the ROM:"));
    for (const QString &step : plan->steps())
        out.text(QStringLiteral("  %1").arg(step));
    out.text(QStringLiteral("  (key area read once: %1 bytes, SHA-256 %2; recover writes this plan without reading it again)")
                 .arg(plan->keyAreaRead.size())
                 .arg(QString::fromLatin1(plan->keyAreaSha256.toHex())));
    out.text(QStringLiteral("then, on Piton's bootloader: deploy the package, restore the config when it is empty or corrupt"));
    if (dry) {
        out.text(QStringLiteral("dry run: nothing was changed"));
        o.insert(QStringLiteral("recovered"), false);
        out.result(o);
        return ExitOk;
    }
    if (!confirm(g, QStringLiteral("Write Piton's bootloader through the chip's ROM bootloader and bring the board back?")))
        return out.fail(Error::make(ErrorKind::Cancelled, QStringLiteral("recover not confirmed")), o);
    auto result = ladder.run();
    out.endProgress();
    QJsonArray actions;
    if (RecoverJob *job = ladder.recover()) {
        for (const RecoveryStepResult &step : job->steps()) {
            actions.append(QJsonObject{{QStringLiteral("action"), recoveryActionId(step.action)}, {QStringLiteral("ok"), step.ok},
                                       {QStringLiteral("message"), step.message}});
            out.text(QStringLiteral("%1: %2").arg(recoveryActionId(step.action), step.message));
        }
        o.insert(QStringLiteral("diagnosis"), diagnosisJson(job->diagnosis()));
        if (job->after())
            o.insert(QStringLiteral("after"), diagnosisJson(*job->after()));
    }
    o.insert(QStringLiteral("actions"), actions);
    o.insert(QStringLiteral("configWritten"), ladder.configWritten());
    o.insert(QStringLiteral("recovered"), result.ok());
    if (!result)
        return out.fail(result.error(), o);
    if (ladder.configWritten())
        out.text(QStringLiteral("restore-config: the config was empty and was written"));
    auto info = ladder.session()->device().info();
    if (!info)
        return out.fail(info.error(), o);
    o.insert(QStringLiteral("info"), infoJson(info.value()));
    out.text(QStringLiteral("recovered from the ROM: stage %1, application %2, image %3, config %4")
                 .arg(stageName(info->stage),
                      info->applicationVersion ? versionToString(*info->applicationVersion) : QStringLiteral("none"),
                      info->imageState ? imageStateName(*info->imageState) : QStringLiteral("not reported"),
                      info->configState ? configStateName(*info->configState) : QStringLiteral("not reported")));
    out.result(o);
    return ExitOk;
}

int cmdRecover(const QStringList &args, const GlobalOptions &g, Output &out)
{
    QCommandLineOption package(QStringLiteral("package"), QStringLiteral("package to deploy"), QStringLiteral("PACKAGE"));
    QCommandLineOption backup(QStringLiteral("config-backup"), QStringLiteral("config backup to restore"), QStringLiteral("FILE"));
    QCommandLineOption key(QStringLiteral("key"), QStringLiteral("public key to check the signature with"), QStringLiteral("PUBLIC.pem"));
    QCommandLineOption bundleOpt(QStringLiteral("bundle"), QStringLiteral("factory bundle for the ROM rung"), QStringLiteral("FILE"));
    QCommandLineOption romOpt(QStringLiteral("rom"), QStringLiteral("the chip's ROM bootloader link"), QStringLiteral("URI"));
    QCommandLineOption dryRun({QStringLiteral("dry-run"), QStringLiteral("diagnose")}, QStringLiteral("print the diagnosis and the plan only"));
    QCommandLineOption keyAreaOpt(QStringLiteral("key-area-sha256"),
                                  QStringLiteral("ROM rung: refuse unless the chip's key area still has this SHA-256 (keyAreaSha256 of a --dry-run)"),
                                  QStringLiteral("HEX"));
    QCommandLineOption expectPlanOpt(QStringLiteral("expect-plan"),
                                     QStringLiteral("Piton rung: refuse unless the board still needs these actions (the actions of a --dry-run, "
                                                    "comma-separated; none for no action)"),
                                     QStringLiteral("ACTIONS"));
    Args a(QStringLiteral("recover"), args, {package, backup, key, bundleOpt, romOpt, dryRun, keyAreaOpt, expectPlanOpt}, 0, 0);
    if (a.error.isError())
        return out.fail(a.error);
    std::optional<QList<RecoveryAction>> expectedPlan;
    if (a.parser.isSet(expectPlanOpt)) {
        expectedPlan.emplace();
        const QString text = a.parser.value(expectPlanOpt).trimmed();
        if (text != QLatin1String("none"))
            for (const QString &id : text.split(QLatin1Char(','))) {
                const auto action = recoveryActionFromId(id.trimmed());
                if (!action)
                    return out.fail(usage(QStringLiteral("--expect-plan: \"%1\" is not a recovery action (restore-config, erase-staging, "
                                                         "deploy-package, start-application, or none)")
                                              .arg(id.trimmed())));
                expectedPlan->append(*action);
            }
    }
    QByteArray expectedKeyArea;
    if (a.parser.isSet(keyAreaOpt)) {
        const QString hex = a.parser.value(keyAreaOpt).trimmed();
        expectedKeyArea = QByteArray::fromHex(hex.toLatin1());
        if (hex.size() != 64 || expectedKeyArea.size() != 32 || expectedKeyArea.toHex() != hex.toLower().toLatin1())
            return out.fail(usage(QStringLiteral("--key-area-sha256 \"%1\" is not a SHA-256 (64 hex digits)").arg(hex)));
    }
    // Files are checked before the device is touched.
    std::optional<Package> pkg;
    if (a.parser.isSet(package)) {
        auto loaded = Package::load(a.parser.value(package));
        if (!loaded)
            return out.fail(loaded.error());
        pkg = loaded.value();
    }
    if (a.parser.isSet(backup)) {
        auto config = ConfigBlob::load(a.parser.value(backup));
        if (!config)
            return out.fail(config.error());
    }
    auto keys = loadPublicKeys(a.parser.values(key));
    if (!keys)
        return out.fail(keys.error());
    std::optional<Bundle> bundle;
    if (a.parser.isSet(bundleOpt)) {
        auto loaded = Bundle::load(a.parser.value(bundleOpt));
        if (!loaded)
            return out.fail(loaded.error());
        if (!keys->isEmpty())
            if (auto signer = loaded->verifySignature(keys.value()); !signer)
                return out.fail(Error::make(ErrorKind::Verify, QStringLiteral("%1: %2").arg(a.parser.value(bundleOpt), signer.error().message)));
        bundle = loaded.value();
        if (!pkg) {
            pkg = bundle->package;
            out.log(LogLevel::Info, QStringLiteral("the package to deploy is the bundle's (version %1)")
                                        .arg(versionToString(bundle->package.manifest.version)));
        }
    }
    auto uri = deviceUri(g);
    if (!uri)
        return out.fail(uri.error());
    RecoveryLadderJob ladder(uri.value());
    ladder.setClientName(Session::defaultClientName(QStringLiteral("piton-cli")));
    ladder.setTakeOver(g.takeOver);
    if (!g.credential.isEmpty()) { // Piton's agent and bootloader authenticate with it; the ROM has no sessions
        auto credential = loadCredentialFile(g.credential);
        if (!credential)
            return out.fail(credential.error());
        ladder.setCredential(*credential);
        ladder.setCredentialOptional(g.credentialDefault);
    }
    ladder.setPitonTimeout(g.timeoutMs);
    ladder.setPublicKeys(keys.value());
    if (a.parser.isSet(romOpt)) {
        auto rom = LinkUri::parse(a.parser.value(romOpt));
        if (!rom)
            return out.fail(Error::make(ErrorKind::Usage, rom.error().message));
        if (!isRomLoaderUri(rom.value()))
            return out.fail(usage(QStringLiteral("--rom %1 is not a ROM bootloader link (use rom+serial:PATH or dfu:)").arg(rom->toString())));
        ladder.setRomUri(rom.value());
    }
    if (bundle)
        ladder.setBundle(*bundle, a.parser.value(bundleOpt));
    if (a.parser.isSet(package))
        ladder.setPackage(*pkg, a.parser.value(package));
    if (a.parser.isSet(backup))
        ladder.setConfigBackup(a.parser.value(backup));
    const bool dry = a.parser.isSet(dryRun);
    ladder.setDryRun(dry);
    ladder.setExpectedKeyArea(expectedKeyArea);
    ladder.setConfirmedPlan(expectedPlan);
    out.log(LogLevel::Info, QStringLiteral("connecting to %1").arg(uri->toString()));
    auto probed = ladder.probe();
    if (!probed)
        return out.fail(probed.error(), QJsonObject{{QStringLiteral("rung"), recoveryRungId(ladder.ladder().rung)}});
    if (probed->rung == RecoveryRung::Rom)
        return recoverFromRom(ladder, dry, g, out);
    Session &session = *ladder.session();
    if (session.role() != PT_ROLE_NONE)
        out.log(LogLevel::Info, QStringLiteral("authenticated session: role %1").arg(roleName(session.role())));

    RecoverJob job(session);
    if (pkg)
        job.setPackage(*pkg, a.parser.isSet(package) ? a.parser.value(package) : a.parser.value(bundleOpt));
    if (a.parser.isSet(backup))
        job.setConfigBackup(a.parser.value(backup));
    job.setPublicKeys(keys.value());

    // Diagnose first, so that a person at the terminal sees the plan before saying yes.
    auto diagnosis = job.diagnose();
    if (!diagnosis)
        return out.fail(diagnosis.error());
    const QList<RecoveryAction> plan = diagnosis->plan(job.hasPackage(), job.hasConfigBackup());
    const QStringList missing = job.missingInputs(diagnosis.value());
    QJsonObject o{{QStringLiteral("dryRun"), dry}, {QStringLiteral("rung"), recoveryRungId(probed->rung)},
                  {QStringLiteral("diagnosis"), diagnosisJson(diagnosis.value())},
                  {QStringLiteral("plan"), planJson(plan)}, {QStringLiteral("missing"), QJsonArray::fromStringList(missing)}};
    printDiagnosis(diagnosis.value(), plan, out);
    if (expectedPlan)
        if (auto changed = recoveryPlanChanged(*expectedPlan, plan))
            return out.fail(*changed, o);
    if (diagnosis->healthy()) {
        out.text(QStringLiteral("nothing to recover"));
        o.insert(QStringLiteral("recovered"), false);
        o.insert(QStringLiteral("actions"), QJsonArray());
        out.result(o);
        return ExitOk;
    }
    if (dry) {
        job.setDryRun(true);
        const int rc = runJob(job, out); // checks the given files against the device
        if (rc != ExitOk)
            return rc;
        for (const QString &m : missing)
            out.text(QStringLiteral("missing: %1").arg(m));
        out.text(QStringLiteral("dry run: nothing was changed"));
        o.insert(QStringLiteral("recovered"), false);
        o.insert(QStringLiteral("actions"), QJsonArray());
        out.result(o);
        return ExitOk;
    }
    if (missing.isEmpty() && !confirm(g, QStringLiteral("Apply this plan to the board?")))
        return out.fail(Error::make(ErrorKind::Cancelled, QStringLiteral("recover not confirmed")), o);
    job.setConfirmedPlan(plan); // the plan shown (and confirmed) is the plan run: run() diagnoses again and compares

    out.attach(job);
    auto result = job.run();
    out.endProgress();
    QJsonArray actions;
    for (const RecoveryStepResult &step : job.steps()) {
        actions.append(QJsonObject{{QStringLiteral("action"), recoveryActionId(step.action)}, {QStringLiteral("ok"), step.ok},
                                   {QStringLiteral("message"), step.message}});
        out.text(QStringLiteral("%1: %2").arg(recoveryActionId(step.action), step.message));
    }
    // run() diagnosed again; that is the diagnosis it acted on.
    o.insert(QStringLiteral("diagnosis"), diagnosisJson(job.diagnosis()));
    o.insert(QStringLiteral("plan"), planJson(job.plannedActions()));
    o.insert(QStringLiteral("actions"), actions);
    if (job.after())
        o.insert(QStringLiteral("after"), diagnosisJson(*job.after()));
    o.insert(QStringLiteral("recovered"), result.ok() && !job.steps().isEmpty());
    if (!result)
        return out.fail(result.error(), o);
    if (job.after()) {
        const DeviceInfo &i = job.after()->info;
        out.text(QStringLiteral("recovered: the board runs application %1, firmware %2, image %3, config %4")
                     .arg(i.applicationVersion ? versionToString(*i.applicationVersion) : QStringLiteral("none"),
                          i.firmwareVersion ? versionToString(*i.firmwareVersion) : QStringLiteral("none"),
                          i.imageState ? imageStateName(*i.imageState) : QStringLiteral("not reported"),
                          i.configState ? configStateName(*i.configState) : QStringLiteral("not reported")));
    } else {
        out.text(QStringLiteral("nothing to recover"));
    }
    out.result(o);
    return ExitOk;
}

int cmdReboot(const QStringList &args, const GlobalOptions &g, Output &out)
{
    QCommandLineOption bootloader(QStringLiteral("bootloader"), QStringLiteral("stay in the bootloader"));
    Args a(QStringLiteral("reboot"), args, {bootloader}, 0, 0);
    if (a.error.isError())
        return out.fail(a.error);
    auto board = openVerifiedSession(g, out);
    if (!board)
        return out.fail(board.error());
    RebootJob job(*board->session, a.parser.isSet(bootloader) ? PT_REBOOT_BOOTLOADER : PT_REBOOT_NORMAL);
    if (int rc = runJob(job, out))
        return rc;
    if (job.answerLost())
        out.text(QStringLiteral("the answer to REBOOT was lost; the board reset (REBOOT sent again %1 times, found out in %2 ms)")
                     .arg(job.rebootsResent()).arg(job.recoveryMs()));
    out.text(QStringLiteral("rebooted; the board answers in stage %1").arg(stageName(job.stageAfter())));
    out.result(QJsonObject{{QStringLiteral("stage"), stageName(job.stageAfter())},
                           {QStringLiteral("answerLost"), job.answerLost()},
                           {QStringLiteral("rebootsResent"), job.rebootsResent()},
                           {QStringLiteral("recoveryMs"), job.recoveryMs()}});
    return ExitOk;
}

QJsonArray keyUpdateEntriesJson(const KeyUpdate &ku, Output &out)
{
    QJsonArray entries;
    for (const KeyUpdateEntry &e : ku.entries) {
        const QString action = e.action == PT_KEYUPD_ADD ? QStringLiteral("add") : QStringLiteral("revoke");
        entries.append(QJsonObject{{QStringLiteral("action"), action}, {QStringLiteral("role"), keyRoleName(e.role)},
                                   {QStringLiteral("fingerprint"), fingerprintHex(e.fingerprint)}});
        out.text(QStringLiteral("  %1 %2 key %3%4")
                     .arg(action, keyRoleName(e.role), fingerprintHex(e.fingerprint),
                          e.role == PT_KEY_PRODUCT ? QStringLiteral(" (private half wrapped to the board's current product key)")
                          : e.role == PT_KEY_ROOT && e.action == PT_KEYUPD_ADD ? QStringLiteral(" (proof of possession verified)")
                                                                                : QString()));
    }
    return entries;
}

// keys update create | keys update inspect (docs/cli.md "Key updates").
int cmdKeysUpdate(const QStringList &args, Output &out)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("inspect")) {
        QCommandLineOption rootKey(QStringLiteral("root-key"), QStringLiteral("root public key to check the signature with"), QStringLiteral("ROOT.pub.pem"));
        Args a(QStringLiteral("keys update inspect"), args.mid(1), {rootKey}, 1, 1);
        if (a.error.isError())
            return out.fail(a.error);
        auto ku = KeyUpdate::load(a.at(0));
        if (!ku)
            return out.fail(ku.error());
        if (auto proof = ku->verifyRootProof(); !proof)
            return out.fail(proof.error());
        out.text(QStringLiteral("key update for board %1, generation %2, %3 entries:").arg(ku->boardId).arg(ku->generation).arg(ku->entries.size()));
        QJsonObject o{{QStringLiteral("board"), ku->boardId}, {QStringLiteral("generation"), qint64(ku->generation)},
                      {QStringLiteral("entries"), keyUpdateEntriesJson(*ku, out)}};
        if (a.parser.isSet(rootKey)) {
            auto keys = loadPublicKeys(a.parser.values(rootKey));
            if (!keys)
                return out.fail(keys.error());
            auto signer = ku->verifySignature(*keys);
            if (!signer)
                return out.fail(signer.error());
            out.text(QStringLiteral("signed by root key %1").arg(fingerprintHex(signer->fingerprint())));
            o.insert(QStringLiteral("signer"), fingerprintHex(signer->fingerprint()));
        }
        out.result(o);
        return ExitOk;
    }
    if (sub != QLatin1String("create"))
        return out.fail(usage(QStringLiteral("keys update: expected 'create' or 'inspect'")));
    QCommandLineOption rootKey(QStringLiteral("root-key"), QStringLiteral("root key (private) that signs the update"), QStringLiteral("ROOT.pem"));
    QCommandLineOption board(QStringLiteral("board"), QStringLiteral("board id"), QStringLiteral("ID"));
    QCommandLineOption generation(QStringLiteral("generation"), QStringLiteral("key set generation"), QStringLiteral("N"));
    QCommandLineOption addPackage(QStringLiteral("add-package-key"), QStringLiteral("package signing key to trust"), QStringLiteral("PUB"));
    QCommandLineOption revokePackage(QStringLiteral("revoke-package-key"), QStringLiteral("package signing key to revoke"), QStringLiteral("PUB|FPR"));
    QCommandLineOption addAccess(QStringLiteral("add-access-key"), QStringLiteral("access key to trust"), QStringLiteral("PUB"));
    QCommandLineOption revokeAccess(QStringLiteral("revoke-access-key"), QStringLiteral("access key to revoke"), QStringLiteral("PUB|FPR"));
    QCommandLineOption addRoot(QStringLiteral("add-root-key"), QStringLiteral("new root key (private: it co-signs the update as proof of possession)"),
                               QStringLiteral("NEWROOT.pem"));
    QCommandLineOption revokeRoot(QStringLiteral("revoke-root-key"), QStringLiteral("root key to revoke (may be the signing one)"), QStringLiteral("PUB|FPR"));
    QCommandLineOption product(QStringLiteral("product-key"), QStringLiteral("new product key (private)"), QStringLiteral("NEW.pem"));
    QCommandLineOption wrapTo(QStringLiteral("wrap-to"), QStringLiteral("the board's current product key (public)"), QStringLiteral("OLD.pub"));
    QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("key update file"), QStringLiteral("KEYS.ptpkg"));
    Args a(QStringLiteral("keys update create"), args.mid(1),
           {rootKey, board, generation, addPackage, revokePackage, addAccess, revokeAccess, addRoot, revokeRoot, product, wrapTo, output}, 0, 0);
    if (a.error.isError())
        return out.fail(a.error);
    for (const QCommandLineOption *o : {&rootKey, &board, &generation, &output})
        if (!a.parser.isSet(*o))
            return out.fail(usage(QStringLiteral("keys update create: --%1 is required").arg(o->names().constLast())));
    bool ok = false;
    const uint n = a.parser.value(generation).toUInt(&ok);
    if (!ok || n == 0)
        return out.fail(usage(QStringLiteral("keys update create: --generation must be a number from 1 to 4294967295")));
    KeyUpdateSpec spec;
    spec.boardId = a.parser.value(board);
    spec.generation = n;
    auto addKeys = [&](const QCommandLineOption &o, QList<PublicKey> &to) -> Result<void> {
        auto keys = loadPublicKeys(a.parser.values(o));
        if (!keys)
            return keys.error();
        to = *keys;
        return {};
    };
    auto revokeKeys = [&](const QCommandLineOption &o, QList<QByteArray> &to) -> Result<void> {
        for (const QString &v : a.parser.values(o)) {
            auto fp = keyFingerprintOf(v);
            if (!fp)
                return fp.error();
            to.append(*fp);
        }
        return {};
    };
    for (auto r : {addKeys(addPackage, spec.addPackageKeys), addKeys(addAccess, spec.addAccessKeys),
                   revokeKeys(revokePackage, spec.revokePackageKeys), revokeKeys(revokeAccess, spec.revokeAccessKeys),
                   revokeKeys(revokeRoot, spec.revokeRootKeys)})
        if (!r)
            return out.fail(r.error());
    if (a.parser.values(addRoot).size() > 1)
        return out.fail(usage(QStringLiteral("keys update create: one key update adds at most one root key (--add-root-key)")));
    if (a.parser.isSet(addRoot)) {
        auto key = loadPrivateKey(a.parser.value(addRoot));
        if (!key)
            return out.fail(key.error());
        spec.addRootKey = *key;
    }
    if (a.parser.isSet(product)) {
        auto key = loadPrivateKey(a.parser.value(product));
        if (!key)
            return out.fail(key.error());
        spec.newProductKey = *key;
        if (!a.parser.isSet(wrapTo))
            return out.fail(usage(QStringLiteral("keys update create: --product-key needs --wrap-to OLD.pub (the board's current product key): "
                                                 "the new private key never travels in clear")));
        auto old = loadPublicKey(a.parser.value(wrapTo));
        if (!old)
            return out.fail(old.error());
        spec.wrapTo = *old;
    } else if (a.parser.isSet(wrapTo)) {
        return out.fail(usage(QStringLiteral("keys update create: --wrap-to goes with --product-key")));
    }
    auto root = loadPrivateKey(a.parser.value(rootKey));
    if (!root)
        return out.fail(root.error());
    auto bytes = createKeyUpdate(spec, *root);
    if (!bytes)
        return out.fail(bytes.error());
    auto ku = KeyUpdate::parse(*bytes); // the device's rules, before the file is written
    if (!ku)
        return out.fail(ku.error());
    if (auto proof = ku->verifyRootProof(); !proof)
        return out.fail(proof.error());
    QFile f(a.parser.value(output));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(*bytes) != bytes->size() || !f.flush())
        return out.fail(Error::make(ErrorKind::Io, QStringLiteral("cannot write %1: %2").arg(a.parser.value(output), f.errorString())));
    out.text(QStringLiteral("key update for board %1, generation %2, signed by root key %3, written to %4 (%5 bytes):")
                 .arg(spec.boardId).arg(n).arg(fingerprintHex(root->publicKey().fingerprint()), a.parser.value(output)).arg(bytes->size()));
    out.result(QJsonObject{{QStringLiteral("file"), a.parser.value(output)}, {QStringLiteral("board"), spec.boardId},
                           {QStringLiteral("generation"), qint64(n)},
                           {QStringLiteral("signer"), fingerprintHex(root->publicKey().fingerprint())},
                           {QStringLiteral("entries"), keyUpdateEntriesJson(*ku, out)}});
    return ExitOk;
}

// keys update-device KEYS.ptpkg: KEY_UPDATE through the board's session (factory role where the
// access policy applies).
int cmdKeysUpdateDevice(const QStringList &args, const GlobalOptions &g, Output &out)
{
    Args a(QStringLiteral("keys update-device"), args, {}, 1, 1);
    if (a.error.isError())
        return out.fail(a.error);
    auto ku = KeyUpdate::load(a.at(0));
    if (!ku)
        return out.fail(ku.error());
    auto board = openVerifiedSession(g, out);
    if (!board)
        return out.fail(board.error());
    if (!confirm(g, QStringLiteral("Apply key update generation %1 (%2 entries) to the board?").arg(ku->generation).arg(ku->entries.size())))
        return out.fail(Error::make(ErrorKind::Cancelled, QStringLiteral("not confirmed; nothing was changed")));
    KeyUpdateJob job(*board->session, *ku, QFileInfo(a.at(0)).fileName());
    if (int rc = runJob(job, out))
        return rc;
    out.text(QStringLiteral("key update applied: key set generation %1 (was %2), %3 of %4 key store slots used")
                 .arg(job.result().generation)
                 .arg(job.before().keySetGeneration.value_or(0))
                 .arg(job.result().slotsUsed)
                 .arg(job.result().slotsTotal));
    QJsonArray keys;
    for (const QByteArray &k : job.after().trustedKeys) {
        keys.append(fingerprintHex(k));
        out.text(QStringLiteral("trusted key:  %1").arg(fingerprintHex(k)));
    }
    out.text(QStringLiteral("product key:  %1").arg(job.after().productKey.isEmpty() ? QStringLiteral("none") : fingerprintHex(job.after().productKey)));
    for (const QString &line : keySetLines(job.after()))
        out.text(line);
    out.result(QJsonObject{{QStringLiteral("generation"), qint64(job.result().generation)},
                           {QStringLiteral("previousGeneration"), qint64(job.before().keySetGeneration.value_or(0))},
                           {QStringLiteral("trustedKeys"), keys},
                           {QStringLiteral("productKey"), job.after().productKey.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                                          : QJsonValue(fingerprintHex(job.after().productKey))},
                           {QStringLiteral("keySet"), keySetJson(job.after())}});
    return ExitOk;
}

int cmdKeys(const QStringList &args, const GlobalOptions &g, Output &out)
{
    if (args.value(0) == QLatin1String("update"))
        return cmdKeysUpdate(args.mid(1), out);
    if (args.value(0) == QLatin1String("update-device"))
        return cmdKeysUpdateDevice(args.mid(1), g, out);
    if (args.value(0) != QLatin1String("generate"))
        return out.fail(usage(QStringLiteral("keys: expected 'generate', 'update create', 'update inspect' or 'update-device'")));
    QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("private key"), QStringLiteral("PRIVATE.pem"));
    QCommandLineOption pub(QStringLiteral("public"), QStringLiteral("public key"), QStringLiteral("PUBLIC.pem"));
    QCommandLineOption product(QStringLiteral("product"), QStringLiteral("a product key: encrypted packages are wrapped to it"));
    Args a(QStringLiteral("keys generate"), args.mid(1), {output, pub, product}, 0, 0);
    if (a.error.isError())
        return out.fail(a.error);
    if (!a.parser.isSet(output))
        return out.fail(usage(QStringLiteral("keys generate: -o PRIVATE.pem is required")));
    // The public key goes beside the private one unless --public names another place:
    // k.pem -> k.pub.pem (what the board is provisioned with and deploy --key takes).
    QString publicPath = a.parser.value(pub);
    if (!a.parser.isSet(pub)) {
        const QString priv = a.parser.value(output);
        publicPath = (priv.endsWith(QLatin1String(".pem")) ? priv.chopped(4) : priv) + QStringLiteral(".pub.pem");
    }
    auto files = generateKeyFiles(a.parser.value(output), publicPath);
    if (!files)
        return out.fail(files.error());
    const QString fp = fingerprintHex(files->fingerprint);
    const bool isProduct = a.parser.isSet(product);
    // A product key is the same kind of key (EC P-256); what differs is where its halves go:
    // the private half into the boards' factory provisioning, the public half to package create.
    if (isProduct)
        out.text(QStringLiteral("P-256 product key written to %1 (provision boards with it: piton-vboard --product-key), "
                                "public key to %2 (package create --encrypt-to); fingerprint %3")
                     .arg(a.parser.value(output), publicPath, fp));
    else
        out.text(QStringLiteral("P-256 key written to %1, public key to %2; fingerprint %3").arg(a.parser.value(output), publicPath, fp));
    out.result(QJsonObject{{QStringLiteral("private"), a.parser.value(output)}, {QStringLiteral("public"), publicPath},
                           {QStringLiteral("fingerprint"), fp},
                           {QStringLiteral("purpose"), isProduct ? QStringLiteral("product") : QStringLiteral("signing")}});
    return ExitOk;
}

/** `access pin [--replace]`: authenticates with the credential and pins (or, with --replace,
 *  re-pins) the board's identity key (docs/security.md, "Board identity pinning"). */
int cmdAccessPin(const QStringList &args, const GlobalOptions &g, Output &out)
{
    QCommandLineOption replace(QStringLiteral("replace"), QStringLiteral("accept a changed identity key (re-provisioned board)"));
    Args a(QStringLiteral("access pin"), args.mid(1), {replace}, 0, 0);
    if (a.error.isError())
        return out.fail(a.error);
    if (g.credential.isEmpty())
        return out.fail(usage(QStringLiteral("access pin needs a credential (--credential FILE or $PITON_CREDENTIAL): the board "
                                             "shows its identity key only in the handshake")));
    GlobalOptions pin = g;
    pin.credentialDefault = false; // the handshake must succeed here
    pin.replaceIdentity = a.parser.isSet(replace);
    auto board = openVerifiedSession(pin, out, DeviceRequest::info());
    if (!board)
        return out.fail(board.error());
    const DeviceInfo &info = board->info;
    auto *session = &board->session;
    if ((*session)->boardIdentity().isEmpty())
        return out.fail(Error::make(ErrorKind::Device, QStringLiteral("the board serves no authenticated sessions: it has no identity key to pin")));
    const QString uid = QString::fromLatin1(info.uniqueId.toHex());
    const QString fp = fingerprintHex((*session)->boardIdentity());
    const bool now = (*session)->identityPinnedNow();
    out.text(now ? QStringLiteral("board %1: identity key %2 pinned in %3").arg(uid, fp, KnownBoards::defaultPath())
                 : QStringLiteral("board %1: identity key %2 was already pinned (%3)").arg(uid, fp, KnownBoards::defaultPath()));
    out.result(QJsonObject{{QStringLiteral("uniqueId"), uid}, {QStringLiteral("identity"), fp},
                           {QStringLiteral("pinnedNow"), now}, {QStringLiteral("knownBoards"), KnownBoards::defaultPath()}});
    return ExitOk;
}

int cmdAccess(const QStringList &args, const GlobalOptions &g, Output &out)
{
    if (args.value(0) == QLatin1String("pin"))
        return cmdAccessPin(args, g, out);
    if (args.value(0) != QLatin1String("issue"))
        return out.fail(usage(QStringLiteral("access: expected 'issue' or 'pin'")));
    QCommandLineOption role(QStringLiteral("role"), QStringLiteral("observer, technician or factory"), QStringLiteral("ROLE"));
    QCommandLineOption key(QStringLiteral("key"), QStringLiteral("access key (private)"), QStringLiteral("ACCESS.pem"));
    QCommandLineOption scope(QStringLiteral("for"), QStringLiteral("unique id (hex) or ALL"), QStringLiteral("DEVICE_OR_ALL"));
    QCommandLineOption days(QStringLiteral("days"), QStringLiteral("validity in days"), QStringLiteral("N"));
    QCommandLineOption from(QStringLiteral("from"), QStringLiteral("start of validity, UTC (default now)"), QStringLiteral("YYYY-MM-DD"));
    QCommandLineOption holder(QStringLiteral("holder-key"), QStringLiteral("holder's private key (default: a new one)"), QStringLiteral("HOLDER.pem"));
    QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("credential file"), QStringLiteral("FILE"));
    Args a(QStringLiteral("access issue"), args.mid(1), {role, key, scope, days, from, holder, output}, 0, 0);
    if (a.error.isError())
        return out.fail(a.error);
    for (const QCommandLineOption *o : {&role, &key, &scope, &output})
        if (!a.parser.isSet(*o))
            return out.fail(usage(QStringLiteral("access issue: --role, --key, --for and -o are required")));
    CredentialRequest request;
    auto r = parseRole(a.parser.value(role));
    if (!r)
        return out.fail(r.error());
    request.role = *r;
    auto uid = parseCredentialScope(a.parser.value(scope));
    if (!uid)
        return out.fail(uid.error());
    request.uniqueId = *uid;
    if (a.parser.isSet(days)) {
        bool ok = false;
        request.days = a.parser.value(days).toInt(&ok);
        if (!ok)
            return out.fail(usage(QStringLiteral("access issue: --days needs a number")));
    }
    if (a.parser.isSet(from)) {
        request.notBefore = QDateTime::fromString(a.parser.value(from), Qt::ISODate);
        request.notBefore.setTimeSpec(Qt::UTC);
        if (!request.notBefore.isValid())
            return out.fail(usage(QStringLiteral("access issue: --from '%1' is not a date (YYYY-MM-DD)").arg(a.parser.value(from))));
    }
    auto accessKey = loadPrivateKey(a.parser.value(key));
    if (!accessKey)
        return out.fail(accessKey.error());
    auto holderKey = a.parser.isSet(holder) ? loadPrivateKey(a.parser.value(holder)) : generateKey();
    if (!holderKey)
        return out.fail(holderKey.error());
    auto cred = issueCredential(request, *accessKey, holderKey->publicKey());
    if (!cred)
        return out.fail(cred.error());
    if (auto ok = saveCredentialFile(a.parser.value(output), CredentialFile{*cred, *holderKey}); !ok)
        return out.fail(ok.error());
    const QString scopeText = cred->uniqueId.isEmpty() ? QStringLiteral("ALL") : QString::fromLatin1(cred->uniqueId.toHex());
    const QString until = QDateTime::fromSecsSinceEpoch(cred->notAfter, Qt::UTC).toString(Qt::ISODate);
    out.text(QStringLiteral("%1 credential for %2, valid until %3, written to %4 (keep it like a key: it holds the holder's private key)")
                 .arg(roleName(cred->role), scopeText, until, a.parser.value(output)));
    out.result(QJsonObject{{QStringLiteral("role"), roleName(cred->role)}, {QStringLiteral("for"), scopeText},
                           {QStringLiteral("notBefore"), QDateTime::fromSecsSinceEpoch(cred->notBefore, Qt::UTC).toString(Qt::ISODate)},
                           {QStringLiteral("notAfter"), until}, {QStringLiteral("serial"), qint64(cred->serial)},
                           {QStringLiteral("accessKey"), fingerprintHex(cred->issuer)}, {QStringLiteral("output"), a.parser.value(output)}});
    return ExitOk;
}

/** "none", "lz4", "aes-ctr" or "lz4+aes-ctr" (docs/package-format.md, payload encoding). */
QString encodingName(int encoding)
{
    QStringList parts;
    if (encoding & PT_ENCODING_LZ4)
        parts << QStringLiteral("lz4");
    if (encoding & PT_ENCODING_AES_CTR)
        parts << QStringLiteral("aes-ctr");
    if (encoding & ~int(PT_ENCODING_KNOWN))
        parts << QStringLiteral("0x%1").arg(encoding & ~int(PT_ENCODING_KNOWN), 2, 16, QLatin1Char('0'));
    return parts.isEmpty() ? QStringLiteral("none") : parts.join(QLatin1Char('+'));
}

/** "stored S bytes of image I (ratio R)" for an encoded payload, else "I bytes". */
QString payloadSizes(const PayloadDescriptor &d)
{
    if (!d.encoding)
        return QStringLiteral("%1 bytes").arg(d.size);
    return QStringLiteral("%1, %2 bytes stored of a %3-byte image (%4 %)")
        .arg(encodingName(d.encoding)).arg(d.size).arg(d.installSize())
        .arg(d.installSize() ? 100.0 * d.size / d.installSize() : 0.0, 0, 'f', 1);
}

QJsonObject packageJson(const Package &p)
{
    QJsonArray payloads;
    for (const PayloadDescriptor &d : p.manifest.payloads)
        payloads.append(QJsonObject{
            {QStringLiteral("kind"), d.kind == PT_PAYLOAD_FIRMWARE ? QStringLiteral("firmware") : QStringLiteral("application")},
            {QStringLiteral("region"), d.region}, {QStringLiteral("loadOffset"), qint64(d.loadOffset)},
            {QStringLiteral("size"), qint64(d.size)}, {QStringLiteral("version"), versionToString(d.version)},
            {QStringLiteral("requiresFirmware"), d.requiresFirmware ? versionToString(d.requiresFirmware) : QString()},
            {QStringLiteral("sha256"), QString::fromLatin1(d.sha256.toHex())},
            {QStringLiteral("encoding"), encodingName(d.encoding)}, {QStringLiteral("storedSize"), qint64(d.size)},
            {QStringLiteral("imageSize"), qint64(d.installSize())},
            {QStringLiteral("imageSha256"), QString::fromLatin1(d.installSha256().toHex())}});
    return QJsonObject{{QStringLiteral("board"), p.manifest.boardId}, {QStringLiteral("version"), versionToString(p.manifest.version)},
                       {QStringLiteral("manifestFormat"), p.manifest.effectiveFormat()},
                       {QStringLiteral("securityCounter"), qint64(p.manifest.securityCounter)},
                       {QStringLiteral("rollbackRelease"), (p.manifest.flags & PT_MANIFEST_FLAG_ROLLBACK) != 0},
                       {QStringLiteral("size"), qint64(p.fileBytes.size())},
                       {QStringLiteral("sha256"), QString::fromLatin1(p.sha256().toHex())}, {QStringLiteral("payloads"), payloads}};
}

int cmdPackage(const QStringList &args, const GlobalOptions &g, Output &out)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("create")) {
        QCommandLineOption board(QStringLiteral("board"), QStringLiteral("board id"), QStringLiteral("ID"));
        QCommandLineOption version(QStringLiteral("version"), QStringLiteral("version"), QStringLiteral("X.Y.Z"));
        QCommandLineOption key(QStringLiteral("key"), QStringLiteral("signing key"), QStringLiteral("PRIVATE.pem"));
        QCommandLineOption firmware(QStringLiteral("firmware"), QStringLiteral("firmware image"), QStringLiteral("IMAGE"));
        QCommandLineOption application(QStringLiteral("application"), QStringLiteral("application image"), QStringLiteral("IMAGE"));
        QCommandLineOption firmwareBase(QStringLiteral("firmware-base"), QStringLiteral("address of a raw firmware binary"), QStringLiteral("ADDRESS"));
        QCommandLineOption applicationBase(QStringLiteral("application-base"), QStringLiteral("address of a raw application binary"), QStringLiteral("ADDRESS"));
        QCommandLineOption requiresFw(QStringLiteral("requires-firmware"), QStringLiteral("minimum firmware"), QStringLiteral("X.Y.Z"));
        QCommandLineOption counter(QStringLiteral("security-counter"), QStringLiteral("security counter"), QStringLiteral("N"));
        QCommandLineOption rollback(QStringLiteral("rollback-release"),
                                    QStringLiteral("mark as a rollback release: may replace images of a higher version"));
        QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("package file"), QStringLiteral("FILE"));
        QCommandLineOption compress(QStringLiteral("compress"), QStringLiteral("compress every payload with LZ4 (default: where it saves 1/8)"));
        QCommandLineOption noCompress(QStringLiteral("no-compress"), QStringLiteral("store the images uncompressed (manifest format 1)"));
        QCommandLineOption encryptTo(QStringLiteral("encrypt-to"), QStringLiteral("encrypt the payloads to this product public key"), QStringLiteral("PRODUCT.pub"));
        QCommandLineOption deviceKey(QStringLiteral("device"), QStringLiteral("also encrypt to this device public key (repeatable)"), QStringLiteral("DEV.pub"));
        Args a(QStringLiteral("package create"), args.mid(1),
               {board, version, key, firmware, application, firmwareBase, applicationBase, requiresFw, counter, rollback, output,
                compress, noCompress, encryptTo, deviceKey}, 0, 0);
        if (a.error.isError())
            return out.fail(a.error);
        if (a.parser.isSet(compress) && a.parser.isSet(noCompress))
            return out.fail(usage(QStringLiteral("package create: give --compress or --no-compress, not both")));
        for (const auto *o : {&board, &version, &key, &output})
            if (!a.parser.isSet(*o))
                return out.fail(usage(QStringLiteral("package create: --%1 is required").arg(o->names().constLast())));
        if (!a.parser.isSet(firmware) && !a.parser.isSet(application))
            return out.fail(usage(QStringLiteral("package create: give --firmware and/or --application")));
        PackageRequest request;
        request.boardId = a.parser.value(board);
        request.keyPath = a.parser.value(key);
        request.outputPath = a.parser.value(output);
        request.firmwarePath = a.parser.value(firmware);
        request.applicationPath = a.parser.value(application);
        request.firmwareBaseOption = QStringLiteral("--firmware-base");
        request.applicationBaseOption = QStringLiteral("--application-base");
        request.compression = a.parser.isSet(compress) ? Compression::Lz4 : a.parser.isSet(noCompress) ? Compression::Off : Compression::Auto;
        if (a.parser.isSet(deviceKey) && !a.parser.isSet(encryptTo))
            return out.fail(usage(QStringLiteral("package create: --device needs --encrypt-to (device keys are extra recipients)")));
        request.encryptToPath = a.parser.value(encryptTo);
        request.deviceKeyPaths = a.parser.values(deviceKey);
        auto v = parseVersion(a.parser.value(version));
        if (!v)
            return out.fail(usage(QStringLiteral("package create: '%1' is not a version X.Y.Z").arg(a.parser.value(version))));
        request.version = *v;
        if (a.parser.isSet(requiresFw)) {
            auto r = parseVersion(a.parser.value(requiresFw));
            if (!r)
                return out.fail(usage(QStringLiteral("package create: '%1' is not a version X.Y.Z").arg(a.parser.value(requiresFw))));
            request.requiresFirmware = *r;
        }
        if (a.parser.isSet(counter)) {
            bool ok = false;
            request.securityCounter = a.parser.value(counter).toUInt(&ok);
            if (!ok)
                return out.fail(usage(QStringLiteral("package create: --security-counter needs a number")));
        }
        request.rollbackRelease = a.parser.isSet(rollback);
        for (auto [option, base] : {std::pair{&firmwareBase, &request.firmwareBase}, std::pair{&applicationBase, &request.applicationBase}}) {
            if (!a.parser.isSet(*option))
                continue;
            *base = parseAddress(a.parser.value(*option));
            if (!*base)
                return out.fail(usage(QStringLiteral("'%1' is not an address (use 0x08040000 or decimal)").arg(a.parser.value(*option))));
        }
        auto created = createPackageFile(request);
        if (!created)
            return out.fail(created.error());
        showImageWarnings(created->warnings, out);
        const Package &parsed = created->package;
        out.text(QStringLiteral("%1: %2 bytes, board %3, version %4, signed by %5")
                     .arg(request.outputPath).arg(parsed.fileBytes.size()).arg(request.boardId, versionToString(request.version),
                                                                               fingerprintHex(created->signer)));
        for (const PayloadDescriptor &d : parsed.manifest.payloads)
            out.text(QStringLiteral("  %1: %2").arg(d.kind == PT_PAYLOAD_FIRMWARE ? QStringLiteral("firmware") : QStringLiteral("application"),
                                                     payloadSizes(d)));
        QJsonObject o = packageJson(parsed);
        o.insert(QStringLiteral("file"), request.outputPath);
        o.insert(QStringLiteral("signer"), fingerprintHex(created->signer));
        out.result(o);
        return ExitOk;
    }
    if (sub == QLatin1String("inspect")) {
        QCommandLineOption key(QStringLiteral("key"), QStringLiteral("public key to check the signature with"), QStringLiteral("PUBLIC.pem"));
        QCommandLineOption device(QStringLiteral("device"),
                                  QStringLiteral("also judge the package against the board given by -c (verdict, regions written); sends nothing"));
        Args a(QStringLiteral("package inspect"), args.mid(1), {key, device}, 1, 1);
        if (a.error.isError())
            return out.fail(a.error);
        auto package = Package::load(a.at(0));
        if (!package)
            return out.fail(package.error());
        auto hashes = package->verifyPayloadHashes();
        QJsonObject o = packageJson(package.value());
        o.insert(QStringLiteral("payloadHashes"), hashes ? QStringLiteral("ok") : hashes.error().message);
        out.text(QStringLiteral("package %1: board %2, version %3, security counter %4, %5 bytes%6")
                     .arg(a.at(0), package->manifest.boardId, versionToString(package->manifest.version))
                     .arg(package->manifest.securityCounter).arg(package->fileBytes.size())
                     .arg((package->manifest.flags & PT_MANIFEST_FLAG_ROLLBACK) ? QStringLiteral(", rollback release") : QString()));
        for (const PayloadDescriptor &d : package->manifest.payloads)
            out.text(QStringLiteral("  %1 -> %2 +0x%3, %4, version %5%6, sha256 %7%8")
                         .arg(d.kind == PT_PAYLOAD_FIRMWARE ? QStringLiteral("firmware") : QStringLiteral("application"), d.region)
                         .arg(d.loadOffset, 0, 16).arg(payloadSizes(d), versionToString(d.version),
                              d.requiresFirmware ? QStringLiteral(", requires firmware ") + versionToString(d.requiresFirmware) : QString(),
                              QString::fromLatin1(d.sha256.toHex()),
                              d.encoding ? QStringLiteral(", image sha256 ") + QString::fromLatin1(d.installSha256().toHex()) : QString()));
        if (!package->manifest.keyBlock.isEmpty()) {
            auto kb = KeyBlock::parse(package->manifest.keyBlock);
            QJsonArray to;
            if (kb)
                for (const Recipient &r : kb->recipients) {
                    const QString kind = r.kind == PT_RECIPIENT_PRODUCT ? QStringLiteral("product") : QStringLiteral("device");
                    to.append(QJsonObject{{QStringLiteral("kind"), kind}, {QStringLiteral("fingerprint"), fingerprintHex(r.fingerprint)}});
                    out.text(QStringLiteral("  encrypted to %1 key %2").arg(kind, fingerprintHex(r.fingerprint)));
                }
            else
                out.text(QStringLiteral("  key block: %1").arg(kb.error().message));
            o.insert(QStringLiteral("encryptedTo"), to);
        }
        out.text(QStringLiteral("  payload hashes: %1").arg(hashes ? QStringLiteral("ok") : hashes.error().message));
        Error failure = hashes ? Error{} : hashes.error();
        // The signer the package names (a header hint), checked against its own signature.
        auto named = package->namedSignerFingerprint();
        if (!named) {
            o.insert(QStringLiteral("signer"), QStringLiteral("invalid"));
            out.text(QStringLiteral("  signer: %1").arg(named.error().message));
            if (!failure.isError())
                failure = named.error();
        } else if (named->isEmpty()) {
            o.insert(QStringLiteral("signer"), QJsonValue());
            out.text(QStringLiteral("  signer: not named in the package (made by an older Piton; give --key to check the signature)"));
        } else {
            o.insert(QStringLiteral("signer"), fingerprintHex(named.value()));
            out.text(QStringLiteral("  signer: key %1 (the signature verifies under it)").arg(fingerprintHex(named.value())));
        }
        if (a.parser.isSet(key)) {
            auto keys = loadPublicKeys(a.parser.values(key));
            if (!keys)
                return out.fail(keys.error());
            const QByteArray signer = package->signerFingerprint(keys.value());
            o.insert(QStringLiteral("signature"), signer.isEmpty() ? QStringLiteral("invalid") : fingerprintHex(signer));
            out.text(signer.isEmpty() ? QStringLiteral("  signature: does not verify under the given key(s)")
                                      : QStringLiteral("  signature: valid, key %1").arg(fingerprintHex(signer)));
            if (signer.isEmpty() && !failure.isError())
                failure = Error::make(ErrorKind::Verify, QStringLiteral("the signature does not verify under the given key(s)"));
        }
        if (a.parser.isSet(device) && !failure.isError()) {
            auto board = openVerifiedSession(g, out, DeviceRequest::judging(a.parser.values(key), package.value(), &o));
            if (!board)
                return out.fail(board.error());
            const std::optional<CompatibilityVerdict> &verdict = board->verdict;
            for (const QString &w : verdict->warnings)
                out.text(QStringLiteral("warning: %1").arg(w));
            if (!verdict->fits)
                failure = verdict->refusal;
        }
        out.result(o);
        if (failure.isError())
            return out.fail(failure);
        return ExitOk;
    }
    return out.fail(usage(QStringLiteral("package: expected create or inspect")));
}

QJsonObject bundleJson(const Bundle &b)
{
    QJsonArray sections;
    for (const BundleSection &s : b.sections) {
        QJsonObject o{{QStringLiteral("kind"), bundleSectionKindId(s.kind)}, {QStringLiteral("size"), qint64(s.data.size())},
                      {QStringLiteral("sha256"), QString::fromLatin1(s.sha256.toHex())}};
        if (s.kind == BundleBootloader)
            o.insert(QStringLiteral("address"), QStringLiteral("0x%1").arg(s.address, 8, 16, QLatin1Char('0')));
        if (s.kind == BundleTrustedKey || s.kind == BundleAccessKey)
            o.insert(QStringLiteral("fingerprint"), fingerprintHex(sha256(s.data)));
        sections.append(o);
    }
    QJsonObject o{{QStringLiteral("board"), b.boardId}, {QStringLiteral("locked"), b.locked},
                  {QStringLiteral("size"), qint64(b.fileBytes.size())},
                  {QStringLiteral("sha256"), QString::fromLatin1(sha256(b.fileBytes).toHex())},
                  {QStringLiteral("sections"), sections}, {QStringLiteral("package"), packageJson(b.package)}};
    if (b.config)
        o.insert(QStringLiteral("configEntries"), QJsonArray::fromStringList(b.config->entries.keys()));
    return o;
}

void printBundle(const QString &path, const Bundle &b, Output &out)
{
    out.text(QStringLiteral("bundle %1: board %2, %3, %4 bytes").arg(path, b.boardId,
             b.locked ? QStringLiteral("provisions locked (production)") : QStringLiteral("provisions unlocked (development)"))
                 .arg(b.fileBytes.size()));
    for (const BundleSection &s : b.sections) {
        QString detail;
        switch (s.kind) {
        case BundleBootloader: detail = QStringLiteral("at 0x%1").arg(s.address, 8, 16, QLatin1Char('0')); break;
        case BundlePackage: detail = QStringLiteral("version %1").arg(versionToString(b.package.manifest.version)); break;
        case BundleTrustedKey:
        case BundleAccessKey: detail = QStringLiteral("fingerprint %1").arg(fingerprintHex(sha256(s.data))); break;
        case BundleConfig: detail = QStringLiteral("%1 entries").arg(b.config ? b.config->entries.size() : 0); break;
        default: break;
        }
        out.text(QStringLiteral("  %1: %2 bytes, %3").arg(bundleSectionKindId(s.kind)).arg(s.data.size()).arg(detail));
    }
}

int cmdBundle(const QStringList &args, Output &out)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("create")) {
        QCommandLineOption board(QStringLiteral("board"), QStringLiteral("board id"), QStringLiteral("ID"));
        QCommandLineOption bootloader(QStringLiteral("bootloader"), QStringLiteral("bootloader image"), QStringLiteral("IMAGE"));
        QCommandLineOption bootloaderBase(QStringLiteral("bootloader-base"), QStringLiteral("address of a raw bootloader binary"), QStringLiteral("ADDRESS"));
        QCommandLineOption package(QStringLiteral("package"), QStringLiteral("package to deploy"), QStringLiteral("PACKAGE"));
        QCommandLineOption trustKey(QStringLiteral("trust-key"), QStringLiteral("public key to provision"), QStringLiteral("PUBLIC.pem"));
        QCommandLineOption config(QStringLiteral("config"), QStringLiteral("factory config backup"), QStringLiteral("FILE"));
        QCommandLineOption accessKey(QStringLiteral("trust-access-key"), QStringLiteral("access key to provision"), QStringLiteral("PUBLIC.pem"));
        QCommandLineOption locked(QStringLiteral("locked"), QStringLiteral("provision as locked (production)"));
        QCommandLineOption key(QStringLiteral("key"), QStringLiteral("signing key"), QStringLiteral("PRIVATE.pem"));
        QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("bundle file"), QStringLiteral("FILE"));
        Args a(QStringLiteral("bundle create"), args.mid(1),
               {board, bootloader, bootloaderBase, package, trustKey, config, accessKey, locked, key, output}, 0, 0);
        if (a.error.isError())
            return out.fail(a.error);
        for (const auto *o : {&board, &bootloader, &package, &trustKey, &key, &output})
            if (!a.parser.isSet(*o))
                return out.fail(usage(QStringLiteral("bundle create: --%1 is required").arg(o->names().constLast())));
        BundleRequest request;
        request.boardId = a.parser.value(board);
        request.bootloaderPath = a.parser.value(bootloader);
        request.packagePath = a.parser.value(package);
        request.trustKeyPaths = a.parser.values(trustKey);
        request.configPath = a.parser.value(config);
        request.accessKeyPaths = a.parser.values(accessKey);
        request.locked = a.parser.isSet(locked);
        request.keyPath = a.parser.value(key);
        request.outputPath = a.parser.value(output);
        if (a.parser.isSet(bootloaderBase)) {
            request.bootloaderBase = parseAddress(a.parser.value(bootloaderBase));
            if (!request.bootloaderBase)
                return out.fail(usage(QStringLiteral("'%1' is not an address (use 0x08000000 or decimal)").arg(a.parser.value(bootloaderBase))));
        }
        auto created = createBundleFile(request);
        if (!created)
            return out.fail(created.error());
        showImageWarnings(created->warnings, out);
        printBundle(request.outputPath, created->bundle, out);
        out.text(QStringLiteral("signed by %1").arg(fingerprintHex(created->signer)));
        QJsonObject o = bundleJson(created->bundle);
        o.insert(QStringLiteral("file"), request.outputPath);
        o.insert(QStringLiteral("signer"), fingerprintHex(created->signer));
        out.result(o);
        return ExitOk;
    }
    if (sub == QLatin1String("inspect")) {
        QCommandLineOption key(QStringLiteral("key"), QStringLiteral("public key to check the signature with"), QStringLiteral("PUBLIC.pem"));
        Args a(QStringLiteral("bundle inspect"), args.mid(1), {key}, 1, 1);
        if (a.error.isError())
            return out.fail(a.error);
        auto bundle = Bundle::load(a.at(0));
        if (!bundle)
            return out.fail(bundle.error());
        printBundle(a.at(0), bundle.value(), out);
        QJsonObject o = bundleJson(bundle.value());
        // parse() checked the signature under the bundle's own keys; --key names whom to trust.
        auto keys = a.parser.isSet(key) ? loadPublicKeys(a.parser.values(key)) : Result<QList<PublicKey>>(bundle->trustedKeys);
        if (!keys)
            return out.fail(keys.error());
        auto signer = bundle->verifySignature(keys.value());
        o.insert(QStringLiteral("signature"), signer ? fingerprintHex(*signer) : QStringLiteral("invalid"));
        out.text(signer ? QStringLiteral("  signature: valid, key %1%2").arg(fingerprintHex(*signer),
                                                                             a.parser.isSet(key) ? QString() : QStringLiteral(" (one of the bundle's own trusted keys; give --key to check against yours)"))
                        : QStringLiteral("  signature: %1").arg(signer.error().message));
        out.result(o);
        if (!signer)
            return out.fail(signer.error());
        return ExitOk;
    }
    return out.fail(usage(QStringLiteral("bundle: expected create or inspect")));
}

/** The -c link as a ROM bootloader link (rom+serial:, dfu:). */
Result<LinkUri> romUri(const GlobalOptions &g)
{
    if (g.connect.isEmpty())
        return usage(QStringLiteral("rom: no port given: use -c rom+serial:PATH (e.g. -c rom+serial:/dev/ttyUSB0) or -c dfu:"));
    auto uri = LinkUri::parse(g.connect);
    if (!uri)
        return uri.error();
    if (!isRomLoaderUri(*uri))
        return usage(QStringLiteral("rom: %1 is not a ROM bootloader link; use -c rom+serial:PATH or -c dfu:").arg(uri->toString()));
    return uri;
}

QJsonObject romInfoJson(const RomInfo &info)
{
    QJsonArray commands;
    for (char c : info.commands)
        commands.append(QStringLiteral("0x%1").arg(quint8(c), 2, 16, QLatin1Char('0')));
    QJsonObject o{{QStringLiteral("protocol"), info.protocol},
                  {QStringLiteral("bootloaderVersion"), QStringLiteral("%1.%2").arg(info.version >> 4).arg(info.version & 0xF)},
                  {QStringLiteral("pid"), QStringLiteral("0x%1").arg(info.pid, 4, 16, QLatin1Char('0'))},
                  {QStringLiteral("commands"), commands}};
    if (info.chip) {
        o.insert(QStringLiteral("chip"), info.chip->name);
        o.insert(QStringLiteral("flashBase"), qint64(info.chip->flashBase));
        o.insert(QStringLiteral("flashSize"), qint64(info.chip->flashSize()));
    }
    return o;
}

QString romInfoText(const RomInfo &info)
{
    if (info.protocol == QLatin1String("DfuSe"))
        return QStringLiteral("ROM bootloader (USB DfuSe), %1").arg(
            info.chip ? QStringLiteral("%1, flash %2 at %3").arg(info.chip->name, formatBytes(double(info.chip->flashSize())),
                                                                 hex32(info.chip->flashBase))
                      : QStringLiteral("no memory layout"));
    return QStringLiteral("ROM bootloader %1.%2, PID 0x%3 (%4)")
        .arg(info.version >> 4)
        .arg(info.version & 0xF)
        .arg(info.pid, 4, 16, QLatin1Char('0'))
        .arg(info.chip ? QStringLiteral("%1, flash %2 at %3").arg(info.chip->name, formatBytes(double(info.chip->flashSize())),
                                                                   hex32(info.chip->flashBase))
                       : QStringLiteral("a chip Piton does not know"));
}

/** rom read / erase / go / unprotect: one RomRequest each. */
int cmdRomOperation(const QString &sub, const QStringList &args, const GlobalOptions &g, Output &out)
{
    QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("file"), QStringLiteral("FILE"));
    QCommandLineOption sectors(QStringLiteral("sectors"), QStringLiteral("sector numbers, e.g. 6,7"), QStringLiteral("LIST"));
    QCommandLineOption mass(QStringLiteral("mass"), QStringLiteral("erase the whole flash"));
    const int positional = sub == QLatin1String("read") ? 2 : sub == QLatin1String("go") ? 1 : 0;
    Args a(QStringLiteral("rom ") + sub, args, {output, sectors, mass}, positional, positional);
    if (a.error.isError())
        return out.fail(a.error);
    auto uri = romUri(g);
    if (!uri)
        return out.fail(uri.error());
    RomRequest request;
    QString question;
    if (sub == QLatin1String("read")) {
        request.kind = RomRequest::Kind::Read;
        auto address = parseAddress(a.at(0));
        auto length = parseAddress(a.at(1));
        if (!address || !length)
            return out.fail(usage(QStringLiteral("rom read: give ADDRESS and LENGTH (0x08000000 or decimal)")));
        if (!a.parser.isSet(output))
            return out.fail(usage(QStringLiteral("rom read: no output file given (-o FILE)")));
        request.address = *address;
        request.length = *length;
    } else if (sub == QLatin1String("go")) {
        request.kind = RomRequest::Kind::Go;
        auto address = parseAddress(a.at(0));
        if (!address)
            return out.fail(usage(QStringLiteral("'%1' is not an address (use 0x08000000 or decimal)").arg(a.at(0))));
        request.address = *address;
    } else if (sub == QLatin1String("erase")) {
        if (a.parser.isSet(mass) == a.parser.isSet(sectors))
            return out.fail(usage(QStringLiteral("rom erase: give --sectors LIST or --mass")));
        if (a.parser.isSet(mass)) {
            request.kind = RomRequest::Kind::MassErase;
            question = QStringLiteral("Erase the WHOLE flash of the chip (bootloader, application, config)?");
        } else {
            request.kind = RomRequest::Kind::EraseSectors;
            for (const QString &part : a.parser.value(sectors).split(QLatin1Char(','))) {
                bool ok = false;
                const int n = part.trimmed().toInt(&ok);
                if (!ok || n < 0)
                    return out.fail(usage(QStringLiteral("rom erase: '%1' is not a sector number").arg(part)));
                request.sectors.append(n);
            }
            question = QStringLiteral("Erase flash sector(s) %1?").arg(a.parser.value(sectors));
        }
    } else {
        request.kind = RomRequest::Kind::ReadoutUnprotect;
        question = QStringLiteral("Readout unprotect makes the chip ERASE ITS WHOLE FLASH (bootloader, application, config) "
                                  "and reset. Continue?");
    }
    if (!question.isEmpty() && !confirm(g, question))
        return out.fail(Error::make(ErrorKind::Cancelled, QStringLiteral("rom %1 not confirmed").arg(sub)));
    auto result = romOperation(*uri, request);
    if (!result)
        return out.fail(result.error());
    QJsonObject o{{QStringLiteral("operation"), sub}};
    if (request.kind == RomRequest::Kind::Read) {
        QFile file(a.parser.value(output));
        if (!file.open(QIODevice::WriteOnly) || file.write(*result) != result->size())
            return out.fail(Error::make(ErrorKind::Io, QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString())));
        out.text(QStringLiteral("%1 bytes from %2 written to %3").arg(result->size()).arg(hex32(request.address), file.fileName()));
        o.insert(QStringLiteral("bytes"), qint64(result->size()));
        o.insert(QStringLiteral("file"), file.fileName());
    } else if (request.kind == RomRequest::Kind::Go) {
        out.text(QStringLiteral("Go %1 sent").arg(hex32(request.address)));
    } else if (request.kind == RomRequest::Kind::ReadoutUnprotect) {
        out.text(QStringLiteral("readout protection removed; the chip erased its flash and reset"));
    } else {
        out.text(request.kind == RomRequest::Kind::MassErase ? QStringLiteral("flash mass-erased")
                                                             : QStringLiteral("sector(s) %1 erased").arg(a.parser.value(sectors)));
    }
    out.result(o);
    return ExitOk;
}

int cmdRom(const QStringList &args, const GlobalOptions &g, Output &out)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("info")) {
        Args a(QStringLiteral("rom info"), args.mid(1), {}, 0, 0);
        if (a.error.isError())
            return out.fail(a.error);
        auto uri = romUri(g);
        if (!uri)
            return out.fail(uri.error());
        auto info = readRomInfo(*uri);
        if (!info)
            return out.fail(info.error());
        out.text(romInfoText(*info));
        out.result(romInfoJson(*info));
        return ExitOk;
    }
    if (sub == QLatin1String("write")) {
        QCommandLineOption base(QStringLiteral("base"), QStringLiteral("load address of a raw binary"), QStringLiteral("ADDRESS"));
        QCommandLineOption go(QStringLiteral("go"), QStringLiteral("send Go to ADDRESS afterwards (0x08000000: boot from flash)"),
                              QStringLiteral("ADDRESS"));
        Args a(QStringLiteral("rom write"), args.mid(1), {base, go}, 1, 1);
        if (a.error.isError())
            return out.fail(a.error);
        auto uri = romUri(g);
        if (!uri)
            return out.fail(uri.error());
        std::optional<quint32> goAddress;
        if (a.parser.isSet(go)) {
            goAddress = parseAddress(a.parser.value(go));
            if (!goAddress)
                return out.fail(usage(QStringLiteral("'%1' is not an address (use 0x08000000 or decimal)").arg(a.parser.value(go))));
        }
        auto image = loadImageArg(a.at(0), a.parser.value(base));
        if (!image)
            return out.fail(image.error());
        showImageWarnings(image->warnings(), out);
        if (!confirm(g, QStringLiteral("Erase the sectors under %1 bytes at %2 and program them through the ROM bootloader?")
                            .arg(image->byteCount())
                            .arg(hex32(image->lowestAddress()))))
            return out.fail(Error::make(ErrorKind::Cancelled, QStringLiteral("ROM write not confirmed")));
        RomWriteJob job(*uri, *image, goAddress);
        if (int rc = runJob(job, out))
            return rc;
        QStringList sectors;
        QJsonArray erased;
        for (int i : job.erasedSectors()) {
            sectors << QString::number(i);
            erased.append(i);
        }
        out.text(QStringLiteral("%1: %2 bytes at %3 written and verified (sectors %4 erased)%5")
                     .arg(romInfoText(job.info()))
                     .arg(image->byteCount())
                     .arg(hex32(image->lowestAddress()))
                     .arg(sectors.join(QLatin1Char(',')))
                     .arg(goAddress ? QStringLiteral("; Go %1").arg(hex32(*goAddress)) : QString()));
        QJsonObject o = romInfoJson(job.info());
        o.insert(QStringLiteral("written"), qint64(image->byteCount()));
        o.insert(QStringLiteral("address"), qint64(image->lowestAddress()));
        o.insert(QStringLiteral("erasedSectors"), erased);
        o.insert(QStringLiteral("go"), goAddress ? QJsonValue(qint64(*goAddress)) : QJsonValue(QJsonValue::Null));
        out.result(o);
        return ExitOk;
    }
    if (sub == QLatin1String("read") || sub == QLatin1String("erase") || sub == QLatin1String("go") ||
        sub == QLatin1String("unprotect"))
        return cmdRomOperation(sub, args.mid(1), g, out);
    return out.fail(usage(QStringLiteral("rom: expected info, write, read, erase, go or unprotect")));
}

} // namespace

QString commandSummary()
{
    return QStringLiteral(
        "Commands:\n"
        "  list                               serial ports and USB boards (address, description, VID:PID, serial number)\n"
        "  ping | info | regions              what answers, what it is, its flash regions\n"
        "  read REGION -o FILE                read a region into a file\n"
        "  erase REGION                       erase a region (e.g. deployment)\n"
        "  write REGION IMAGE [--base ADDR]   raw write; unlocked (development) devices only\n"
        "  deploy PACKAGE [--key PUBLIC.pem] [--confirm-timeout S]  in-field update; resumes a broken transfer;\n"
        "                                     done once the new image confirmed itself\n"
        "  verify PACKAGE                     exit 0 if the device runs exactly this package\n"
        "  config backup -o FILE | config restore FILE [--copy-identity] | config get [KEY...] | config set KEY=VALUE...\n"
        "  reboot [--bootloader]\n"
        "  confirm                            keep the image running in trial (CONFIRM)\n"
        "  recover [--package P] [--config-backup F] [--key PUBLIC.pem] [--bundle FILE] [--rom URI] [--dry-run]\n"
        "                                     diagnose the board and bring it back; when no Piton code answers,\n"
        "                                     through the chip's ROM bootloader with a factory bundle\n"
        "                                     (--key-area-sha256 HEX: only if the key area is as in that plan)\n"
        "                                     (--expect-plan A,B: only if the board still needs the actions a --dry-run showed)\n"
        "  keys generate -o PRIVATE.pem [--public PUBLIC.pem] [--product]\n"
        "  keys update create --root-key ROOT.pem --board ID --generation N [--add-package-key PUB]...\n"
        "                     [--revoke-package-key PUB|FPR]... [--add-access-key PUB]... [--revoke-access-key PUB|FPR]...\n"
        "                     [--add-root-key NEWROOT.pem] [--revoke-root-key PUB|FPR]...\n"
        "                     [--product-key NEW.pem --wrap-to OLD.pub] -o KEYS.ptpkg\n"
        "                                     root-signed key update: rotate or revoke a board's package, access, root and product keys\n"
        "  keys update inspect KEYS.ptpkg [--root-key ROOT.pub.pem]\n"
        "  keys update-device KEYS.ptpkg      apply it to the board of -c (a factory session where the access policy applies)\n"
        "  access issue --role observer|technician|factory --key ACCESS.pem --for UNIQUE_ID|ALL [--days N] [--from DATE]\n"
        "               [--holder-key HOLDER.pem] -o FILE.ptcred   credential for boards that trust the access key\n"
        "  access pin [--replace]               pin the board's identity key (with --credential); --replace accepts\n"
        "                                       a re-provisioned board's new key\n"
        "  package create --board ID --version X.Y.Z --key PRIVATE.pem [--firmware IMAGE] [--application IMAGE]\n"
        "                 [--requires-firmware X.Y.Z] [--security-counter N] [--rollback-release] [--firmware-base A]\n"
        "                 [--application-base A] [--compress | --no-compress]\n"
        "                 [--encrypt-to PRODUCT.pub [--device DEV.pub]...] -o FILE\n"
        "                                     payloads LZ4-compressed where it saves 1/8 (--compress: always)\n"
        "  package inspect FILE [--key PUBLIC.pem] [--device]\n"
        "                                     --device: also judge it against the board of -c (verdict, regions written)\n"
        "  bundle create --board ID --bootloader IMAGE [--bootloader-base A] --package P --trust-key PUBLIC.pem...\n"
        "                [--config FILE] [--trust-access-key PUBLIC.pem]... [--locked] --key PRIVATE.pem -o FILE\n"
        "                                     factory bundle for the recovery ladder and factory bring-up\n"
        "                                     (--locked needs --trust-access-key: a locked board refuses changes without a session)\n"
        "  bundle inspect FILE [--key PUBLIC.pem]\n"
        "  rom info | rom write IMAGE [--base ADDR] [--go ADDR] | rom read ADDR LENGTH -o FILE\n"
        "  rom erase --sectors LIST|--mass | rom go ADDR | rom unprotect   (-c rom+serial:PATH or -c dfu:)\n"
        "                                     the chip's ROM bootloader (STM32: AN3155 or USB DfuSe): what it is; erase, program, verify\n"
        "  line recipe create --board ID --package P [--serial FORMAT | --serial-barcode PATTERN] [--mac FIRST-LAST]\n"
        "                     [--set KEY=VALUE]... [--steps deploy,config,verify,lock] -o RECIPE.json\n"
        "  line recipe show RECIPE | line recipe release RECIPE --db URL\n"
        "  line run RECIPE --slot URI [--slot URI]... --db URL [--station NAME] [--count N] [--operator NAME]\n"
        "           [--poll-ms MS] [--journal PATH] [--lease N] [--barcode SLOT=TEXT]... [--barcode-stdin] [--credential FILE]\n"
        "                                     production line: one JSON object a line per slot event, a summary last;\n"
        "                                     --operator: the account recorded with every attempt (default $USER);\n"
        "                                     --poll-ms: how often an empty slot looks for a board (default 500 ms);\n"        "                                     --credential: the station's for boards that need a session (else the recipe's)\n"
        "                                     scanned codes for a recipe's barcode pool (stdin: SLOT=TEXT or TEXT a line)\n"
        "  line report --db URL [--since WHEN] [--format csv|json] [--table boards|yield] [--shift NAME=HH:MM-HH:MM,...]\n"
        "                                     yield per recipe, station, slot and shift (docs/line-mode.md)\n"
        "                                     URL: sqlite:PATH or postgresql://USER@HOST[:PORT]/DATABASE (journal and\n"
        "                                     leases: the station goes on while the server is unreachable)\n"
        "  line account add NAME --role operator|engineer --db URL [--by ENGINEER] [--password-stdin]\n"
        "  line account passwd NAME --db URL [--by WHO] | line account list --db URL\n"
        "                                     passwords: PBKDF2 hashes; the acting person's from PITON_LINE_PASSWORD\n"
        "                                     roles: once an engineer account exists, only engineers release recipes\n"
        "                                     and add accounts, and line run --operator must name an account\n"
        "\nExit codes: 0 success, 1 refused or failed, 2 usage, 3 cannot connect or link lost, 4 verification failed, 5 the new image did not confirm itself.");
}

namespace {

// The lines of commandSummary() that describe `command` (its line and the indented ones that
// continue it), or empty when it has none.
QString commandHelp(const QString &command)
{
    QStringList lines, picked;
    lines = commandSummary().split(QLatin1Char('\n'));
    bool in = false;
    for (const QString &line : std::as_const(lines)) {
        const QString trimmed = line.trimmed();
        const bool starts = line.startsWith(QLatin1String("  ")) && !line.startsWith(QLatin1String("   "))
                            && (trimmed == command || trimmed.startsWith(command + QLatin1Char(' '))
                                || trimmed.contains(QLatin1String(" | ") + command));
        if (starts)
            in = true;
        else if (in && !line.startsWith(QLatin1String("   ")))
            in = false;
        if (in)
            picked << line;
    }
    if (picked.isEmpty())
        return {};
    return QStringLiteral("usage: piton-cli [global options] %1\n%2\n\nGlobal options (anywhere on the line): -c URI, --json, -y, "
                          "--verbose, --log FILE, --timeout MS, --take-over, --stats, --credential FILE. Reference: man piton-cli, docs/cli.md.\n")
        .arg(command, picked.join(QLatin1Char('\n')));
}

} // namespace

int runCommand(const QString &command, const QStringList &args, const GlobalOptions &g, Output &out)
{
    // `help COMMAND`, and --help / -h anywhere in a command's arguments.
    const QString helpFor = command == QLatin1String("help") ? args.value(0)
                            : (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) ? command : QString();
    if (command == QLatin1String("help") && helpFor.isEmpty()) {
        QTextStream(stdout) << commandSummary() << Qt::endl;
        return ExitOk;
    }
    if (!helpFor.isEmpty()) {
        const QString text = commandHelp(helpFor);
        if (text.isEmpty())
            return out.fail(usage(QStringLiteral("unknown command '%1' (see piton-cli --help)").arg(helpFor)));
        QTextStream(stdout) << text;
        return ExitOk;
    }
    const QHash<QString, std::function<int()>> commands{
        {QStringLiteral("list"), [&] { return cmdList(args, out); }},
        {QStringLiteral("ping"), [&] { return cmdPing(args, g, out); }},
        {QStringLiteral("info"), [&] { return cmdInfo(args, g, out); }},
        {QStringLiteral("regions"), [&] { return cmdRegions(args, g, out); }},
        {QStringLiteral("read"), [&] { return cmdRead(args, g, out); }},
        {QStringLiteral("erase"), [&] { return cmdErase(args, g, out); }},
        {QStringLiteral("write"), [&] { return cmdWrite(args, g, out); }},
        {QStringLiteral("deploy"), [&] { return cmdDeploy(args, g, out); }},
        {QStringLiteral("verify"), [&] { return cmdVerify(args, g, out); }},
        {QStringLiteral("config"), [&] { return cmdConfig(args, g, out); }},
        {QStringLiteral("reboot"), [&] { return cmdReboot(args, g, out); }},
        {QStringLiteral("confirm"), [&] { return cmdConfirm(args, g, out); }},
        {QStringLiteral("recover"), [&] { return cmdRecover(args, g, out); }},
        {QStringLiteral("keys"), [&] { return cmdKeys(args, g, out); }},
        {QStringLiteral("access"), [&] { return cmdAccess(args, g, out); }},
        {QStringLiteral("package"), [&] { return cmdPackage(args, g, out); }},
        {QStringLiteral("bundle"), [&] { return cmdBundle(args, out); }},
        {QStringLiteral("rom"), [&] { return cmdRom(args, g, out); }},
        {QStringLiteral("line"), [&] { return cmdLine(args, g, out); }},
    };
    const auto it = commands.constFind(command);
    if (it == commands.constEnd())
        return out.fail(usage(QStringLiteral("unknown command '%1' (see piton-cli --help)").arg(command)));
    return it.value()();
}

} // namespace piton::cli
