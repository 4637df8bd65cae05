#include "dfuse_client.h"

#include "usb_link.h" // usbError

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QThread>

#include <libusb.h>

#include <algorithm>

namespace piton {

namespace {

constexpr int kControlTimeoutMs = 5000;
constexpr int kStatusDeadlineMs = 60000;
constexpr quint16 kStmVid = 0x0483, kStmDfuPid = 0xDF11;
constexpr int kMaxDfuSeSectors = 8192; // the F4 has 12, an L4 with 2 KiB pages 512 per bank

enum : quint8 { DNLOAD = 1, UPLOAD = 2, GETSTATUS = 3, CLRSTATUS = 4, ABORT = 6 };
enum : quint8 { S_IDLE = 2, S_DNBUSY = 4, S_DNLOAD_IDLE = 5, S_MANIFEST = 7, S_UPLOAD_IDLE = 9, S_ERROR = 10 };

QString hex32(quint32 v) { return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0')); }

/** DFU 1.1 §6.1.2 status names. */
QString statusName(quint8 s)
{
    static const char *const names[] = {"OK", "errTARGET", "errFILE", "errWRITE", "errERASE", "errCHECK_ERASED",
                                        "errPROG", "errVERIFY", "errADDRESS", "errNOTDONE", "errFIRMWARE",
                                        "errVENDOR", "errUSBR", "errPOR", "errUNKNOWN", "errSTALLEDPKT"};
    return s < 16 ? QString::fromLatin1(names[s]) : QStringLiteral("status %1").arg(s);
}

QByteArray le32(quint32 v)
{
    const char b[4] = {char(v & 0xFF), char((v >> 8) & 0xFF), char((v >> 16) & 0xFF), char(v >> 24)};
    return QByteArray(b, 4);
}

} // namespace

Result<RomChip> parseDfuSeLayout(const QString &altName)
{
    const auto bad = [&altName](const QString &why) {
        return Error::make(ErrorKind::Protocol, QStringLiteral("DfuSe memory layout \"%1\": %2").arg(altName, why));
    };
    if (!altName.startsWith(QLatin1Char('@')))
        return bad(QStringLiteral("does not start with '@'"));
    const QStringList parts = altName.mid(1).split(QLatin1Char('/'));
    if (parts.size() < 3)
        return bad(QStringLiteral("expected @NAME/0xSTART/RUNS"));
    bool ok = false;
    RomChip chip;
    chip.name = parts[0].trimmed();
    if (!parts[1].startsWith(QLatin1String("0x"), Qt::CaseInsensitive))
        return bad(QStringLiteral("start address \"%1\" is not 0x<hex>").arg(parts[1]));
    chip.flashBase = parts[1].mid(2).toUInt(&ok, 16);
    if (!ok)
        return bad(QStringLiteral("start address \"%1\" is not 0x<hex>").arg(parts[1]));
    static const QRegularExpression run(QStringLiteral("^\\s*(\\d+)\\*(\\d+)\\s*([BKM ]?)([a-g]?)\\s*$"));
    quint64 end = chip.flashBase;
    for (const QString &r : parts[2].split(QLatin1Char(','))) {
        const auto m = run.match(r);
        if (!m.hasMatch())
            return bad(QStringLiteral("run \"%1\" is not <count>*<size><unit><type>").arg(r));
        // The count is the device's word: bounded before anything is allocated for it.
        const quint64 count = m.captured(1).toULongLong(&ok);
        if (!ok || count > quint64(kMaxDfuSeSectors - chip.sectorSizes.size()))
            return bad(QStringLiteral("more than %1 sectors").arg(kMaxDfuSeSectors));
        quint64 size = m.captured(2).toULongLong();
        const QString unit = m.captured(3);
        size *= unit == QLatin1String("K") ? 1024u : unit == QLatin1String("M") ? 1024u * 1024u : 1u;
        if (size == 0 || (size & (size - 1)) != 0 || size > 0x80000000ull)
            return bad(QStringLiteral("sector size %1 is not a power of two").arg(size));
        end += count * size;
        if (end > 0x100000000ull)
            return bad(QStringLiteral("the memory ends past the 32-bit address space"));
        for (quint64 i = 0; i < count; ++i)
            chip.sectorSizes.append(quint32(size));
    }
    if (chip.sectorSizes.isEmpty())
        return bad(QStringLiteral("no sectors"));
    return chip;
}

std::optional<DfuFunctional> findDfuFunctional(const unsigned char *extra, int length)
{
    for (int at = 0; extra && at + 2 <= length && extra[at] >= 2; at += extra[at])
        if (extra[at + 1] == 0x21 && extra[at] >= 9 && at + 9 <= length) {
            const unsigned char *d = extra + at;
            DfuFunctional f;
            f.attributes = d[2];
            f.detachTimeoutMs = quint16(d[3] | d[4] << 8);
            f.transferSize = quint16(d[5] | d[6] << 8);
            f.bcdDfu = quint16(d[7] | d[8] << 8);
            return f;
        }
    return std::nullopt;
}

DfuSeClient::DfuSeClient(DfuSeDevice &device, QByteArray extraDescriptors, QString altName)
    : m_fake(&device), m_fakeExtra(std::move(extraDescriptors)), m_altName(std::move(altName))
{
}

DfuSeClient::DfuSeClient(UsbSelector selector) : m_selector(std::move(selector))
{
    if (!m_selector.hasVidPid) {
        m_selector.hasVidPid = true;
        m_selector.vid = kStmVid;
        m_selector.pid = kStmDfuPid;
    }
}

DfuSeClient::~DfuSeClient()
{
    close();
}

QString DfuSeClient::describe() const
{
    if (m_handle)
        return QStringLiteral("DfuSe ROM on usb ") + m_device.describe();
    return QStringLiteral("DfuSe ROM on dfu:") + m_selector.toString();
}

Error DfuSeClient::usbFailure(int code, const QString &what) const
{
    return usbError(code, what, describe());
}

Result<void> DfuSeClient::adopt(const std::optional<DfuFunctional> &functional, const QString &altName)
{
    // A refused descriptor leaves the client as it was (maxTransfer() stays usable).
    if (functional && (functional->transferSize == 0 || functional->transferSize > 4096))
        return Error::make(ErrorKind::Protocol, QStringLiteral("%1: wTransferSize %2 is outside 1..4096")
                                                    .arg(describe()).arg(functional->transferSize));
    if (functional) {
        m_transferSize = functional->transferSize;
        m_dfuVersion = functional->bcdDfu;
        m_warning.clear();
    } else {
        m_transferSize = 2048;
        m_warning = QStringLiteral("the device has no DFU functional descriptor; wTransferSize 2048 assumed (as the STM32 ROM has)");
    }
    m_altName = altName;
    return {};
}

Result<void> DfuSeClient::connect()
{
    if (m_fake) {
        if (m_attached)
            return {};
        const auto *extra = reinterpret_cast<const unsigned char *>(m_fakeExtra.constData());
        if (auto r = adopt(findDfuFunctional(extra, int(m_fakeExtra.size())), m_altName); !r)
            return r;
        m_attached = true;
        if (auto r = abortToIdle(); !r) {
            close();
            return r.error();
        }
        return {};
    }
    if (m_handle)
        return {};
    auto entries = listUsbDevices(m_selector);
    if (!entries)
        return entries.error();
    auto entry = selectUsbDevice(entries.value(), m_selector);
    if (!entry) {
        if (entry.error().kind == ErrorKind::Link)
            return Error::make(ErrorKind::Timeout,
                               QStringLiteral("no ROM bootloader in DFU mode (%1) is on USB; set BOOT0 high and reset the board")
                                   .arg(m_selector.toString()));
        return entry.error();
    }
    m_device = entry.value();
    int rc = libusb_init(&m_ctx);
    if (rc != LIBUSB_SUCCESS) {
        m_ctx = nullptr;
        return usbFailure(rc, QStringLiteral("starting libusb"));
    }
    libusb_config_descriptor *config = nullptr;
    QString step;
    rc = openUsbEntry(m_ctx, m_device, &m_handle, &config, &step);
    if (rc != LIBUSB_SUCCESS) {
        const Error e = usbFailure(rc, step);
        close();
        return e;
    }
    // The DFU interface (class 0xFE, subclass 1), alternate 0 (internal flash), and the DFU
    // functional descriptor (type 0x21) among its or the configuration's extra descriptors.
    int altIndex = -1;
    std::optional<DfuFunctional> functional = findDfuFunctional(config->extra, config->extra_length);
    for (int i = 0; i < config->bNumInterfaces; ++i) {
        const libusb_interface &itf = config->interface[i];
        for (int a = 0; a < itf.num_altsetting; ++a) {
            const libusb_interface_descriptor &alt = itf.altsetting[a];
            if (alt.bInterfaceClass != 0xFE || alt.bInterfaceSubClass != 0x01)
                continue;
            if (!functional)
                functional = findDfuFunctional(alt.extra, alt.extra_length);
            if (m_interface < 0 && alt.bAlternateSetting == 0) {
                m_interface = alt.bInterfaceNumber;
                altIndex = alt.iInterface;
            }
        }
    }
    libusb_free_config_descriptor(config);
    if (m_interface < 0) {
        close();
        return Error::make(ErrorKind::Link, QStringLiteral("usb %1: no DFU interface (class 0xFE, subclass 1); "
                                                           "is this a chip's ROM bootloader?").arg(m_device.describe()));
    }
    unsigned char name[256];
    const int n = altIndex > 0 ? libusb_get_string_descriptor_ascii(m_handle, quint8(altIndex), name, sizeof name) : 0;
    if (auto r = adopt(functional, n > 0 ? QString::fromLatin1(reinterpret_cast<const char *>(name), n) : QString()); !r) {
        close();
        return r;
    }
    rc = libusb_claim_interface(m_handle, m_interface);
    if (rc == LIBUSB_SUCCESS)
        rc = libusb_set_interface_alt_setting(m_handle, m_interface, 0);
    if (rc != LIBUSB_SUCCESS) {
        const Error e = usbFailure(rc, QStringLiteral("claiming the DFU interface"));
        close();
        return e;
    }
    // A ROM may start in dfuERROR (seen on real F4 parts) or in the middle of something.
    if (auto r = abortToIdle(); !r) {
        close();
        return r.error();
    }
    return {};
}

void DfuSeClient::close()
{
    m_attached = false;
    if (m_handle) {
        if (m_interface >= 0)
            libusb_release_interface(m_handle, m_interface);
        libusb_close(m_handle);
        m_handle = nullptr;
    }
    m_interface = -1;
    if (m_ctx) {
        libusb_exit(m_ctx);
        m_ctx = nullptr;
    }
}

Result<void> DfuSeClient::control(bool in, quint8 request, quint16 value, QByteArray *data, const QString &what)
{
    if (!connected())
        return Error::make(ErrorKind::Link, QStringLiteral("%1 is not connected").arg(describe()));
    const quint8 type = in ? 0xA1 : 0x21; // class, interface (DFU 1.1 §3)
    auto *bytes = reinterpret_cast<unsigned char *>(data ? data->data() : nullptr);
    const auto length = quint16(data ? data->size() : 0);
    const int rc = m_fake ? m_fake->control(type, request, value, quint16(qMax(m_interface, 0)), bytes, length, kControlTimeoutMs)
                          : libusb_control_transfer(m_handle, type, request, value, quint16(m_interface), bytes, length,
                                                    kControlTimeoutMs);
    if (rc < 0) {
        if (rc == LIBUSB_ERROR_PIPE)
            return Error::make(ErrorKind::Device, QStringLiteral("%1: the ROM stalled %2").arg(describe(), what));
        return usbFailure(rc, what);
    }
    if (data && in)
        data->resize(qMin(rc, int(length)));
    return {};
}

Result<DfuSeClient::Status> DfuSeClient::getStatus()
{
    QByteArray b(6, '\0');
    if (auto r = control(true, GETSTATUS, 0, &b, QStringLiteral("GETSTATUS")); !r)
        return r.error();
    if (b.size() != 6)
        return Error::make(ErrorKind::Protocol, QStringLiteral("%1: GETSTATUS answered %2 bytes, not 6").arg(describe()).arg(b.size()));
    Status s;
    s.status = quint8(b[0]);
    s.pollMs = quint8(b[1]) | quint8(b[2]) << 8 | quint32(quint8(b[3])) << 16;
    s.state = quint8(b[4]);
    return s;
}

Result<void> DfuSeClient::abortToIdle()
{
    auto s = getStatus();
    if (!s)
        return s.error();
    if (s->state == S_ERROR) {
        if (auto r = control(false, CLRSTATUS, 0, nullptr, QStringLiteral("CLRSTATUS")); !r)
            return r;
        s = getStatus();
        if (!s)
            return s.error();
    }
    if (s->state != S_IDLE) {
        if (auto r = control(false, ABORT, 0, nullptr, QStringLiteral("ABORT")); !r)
            return r;
        s = getStatus();
        if (!s)
            return s.error();
    }
    if (s->state != S_IDLE)
        return Error::make(ErrorKind::Protocol, QStringLiteral("%1: state %2 after ABORT, expected dfuIDLE (2)").arg(describe()).arg(s->state));
    return {};
}

Result<void> DfuSeClient::resynchronise()
{
    return abortToIdle();
}

Result<void> DfuSeClient::download(quint16 block, const QByteArray &payload, const QString &what)
{
    QByteArray data = payload;
    if (auto r = control(false, DNLOAD, block, &data, what); !r)
        return r;
    QElapsedTimer realClock;
    realClock.start();
    const qint64 started = m_fake ? m_fake->nowMs() : 0;
    const auto elapsed = [&] { return m_fake ? m_fake->nowMs() - started : realClock.elapsed(); };
    for (;;) {
        auto s = getStatus();
        if (!s)
            return s.error();
        if (s->state == S_ERROR || s->status != 0) {
            control(false, CLRSTATUS, 0, nullptr, QStringLiteral("CLRSTATUS")); // back to dfuIDLE for the next command
            return Error::make(ErrorKind::Device, QStringLiteral("%1: the ROM refused %2 (dfuERROR, %3)")
                                                      .arg(describe(), what, statusName(s->status)));
        }
        if (s->state == S_DNLOAD_IDLE || s->state == S_IDLE || s->state == S_MANIFEST)
            return {};
        if (s->state != S_DNBUSY && s->state != 3 /* dfuDNLOAD-SYNC */)
            return Error::make(ErrorKind::Protocol, QStringLiteral("%1: %2: unexpected DFU state %3").arg(describe(), what).arg(s->state));
        const qint64 left = kStatusDeadlineMs - elapsed();
        if (left <= 0)
            return Error::make(ErrorKind::Timeout, QStringLiteral("%1: %2 did not finish within %3 s").arg(describe(), what).arg(kStatusDeadlineMs / 1000));
        // bwPollTimeout is the device's word (up to 4.6 hours in 24 bits): the deadline holds.
        const auto pause = quint32(std::clamp<qint64>(s->pollMs, 1, left));
        if (m_fake)
            m_fake->sleepMs(pause);
        else
            QThread::msleep(pause);
    }
}

Result<void> DfuSeClient::setAddress(quint32 address)
{
    return download(0, QByteArray(1, char(0x21)) + le32(address), QStringLiteral("Set Address Pointer %1").arg(hex32(address)));
}

Result<RomInfo> DfuSeClient::info()
{
    if (auto r = abortToIdle(); !r)
        return r.error();
    QByteArray commands(16, '\0');
    if (auto r = control(true, UPLOAD, 0, &commands, QStringLiteral("UPLOAD of the command list")); !r)
        return r.error();
    if (auto r = abortToIdle(); !r)
        return r.error();
    RomInfo info;
    info.protocol = QStringLiteral("DfuSe");
    info.version = quint8(m_dfuVersion & 0xFF);
    info.commands = commands;
    auto chip = parseDfuSeLayout(m_altName);
    if (!chip)
        return chip.error();
    // The ROM reports no product id; the F4 ROM's layout is the one Piton knows by PID 0x0413.
    const auto f4 = romChipForPid(0x0413);
    if (f4 && chip->flashBase == f4->flashBase && chip->sectorSizes == f4->sectorSizes) {
        info.pid = 0x0413;
        chip->pid = 0x0413;
        chip->name = f4->name;
    }
    info.chip = *chip;
    return info;
}

Result<QByteArray> DfuSeClient::read(quint32 address, int length)
{
    if (length < 1 || length > m_transferSize)
        return Error::make(ErrorKind::Usage, QStringLiteral("read of %1 bytes: 1..%2 per request").arg(length).arg(m_transferSize));
    if (auto r = setAddress(address); !r)
        return r.error();
    if (auto r = abortToIdle(); !r)
        return r.error();
    QByteArray data(length, '\0');
    if (auto r = control(true, UPLOAD, 2, &data, QStringLiteral("UPLOAD of %1 bytes at %2").arg(length).arg(hex32(address))); !r) {
        abortToIdle();
        return r.error();
    }
    if (auto r = abortToIdle(); !r)
        return r.error();
    if (data.size() != length)
        return Error::make(ErrorKind::Protocol, QStringLiteral("%1: UPLOAD at %2 gave %3 of %4 bytes")
                                                    .arg(describe(), hex32(address)).arg(data.size()).arg(length));
    return data;
}

Result<void> DfuSeClient::write(quint32 address, const QByteArray &data)
{
    if (data.isEmpty() || data.size() > m_transferSize)
        return Error::make(ErrorKind::Usage, QStringLiteral("write of %1 bytes: 1..%2 per request").arg(data.size()).arg(m_transferSize));
    if (auto r = setAddress(address); !r)
        return r;
    return download(2, data, QStringLiteral("write of %1 bytes at %2").arg(data.size()).arg(hex32(address)));
}

Result<void> DfuSeClient::eraseSectors(const QList<int> &sectors)
{
    auto in = info();
    if (!in)
        return in.error();
    for (int s : sectors) {
        if (s < 0 || s >= in->chip->sectorSizes.size())
            return Error::make(ErrorKind::Usage, QStringLiteral("sector %1 does not exist (0..%2)").arg(s).arg(in->chip->sectorSizes.size() - 1));
    }
    for (int s : sectors) {
        const quint32 address = in->chip->sectorStart(s);
        if (auto r = download(0, QByteArray(1, char(0x41)) + le32(address),
                              QStringLiteral("erase of sector %1 at %2").arg(s).arg(hex32(address)));
            !r)
            return r;
    }
    return {};
}

Result<void> DfuSeClient::massErase()
{
    return download(0, QByteArray(1, char(0x41)), QStringLiteral("mass erase"));
}

Result<void> DfuSeClient::go(quint32 address)
{
    if (auto r = setAddress(address); !r)
        return r;
    // Leave: a zero-length DNLOAD, then one GETSTATUS (dfuMANIFEST); the device then resets
    // and may be gone before or while it answers.
    if (auto r = control(false, DNLOAD, 0, nullptr, QStringLiteral("leave (zero-length DNLOAD)")); !r)
        return r;
    auto s = getStatus();
    if (!s && s.error().kind == ErrorKind::Device)
        return s.error();
    if (s && s->state == S_ERROR)
        return Error::make(ErrorKind::Device, QStringLiteral("%1: the ROM refused to leave (%2)").arg(describe(), statusName(s->status)));
    close();
    return {};
}

Result<void> DfuSeClient::readoutUnprotect()
{
    QByteArray cmd(1, char(0x92));
    if (auto r = control(false, DNLOAD, 0, &cmd, QStringLiteral("Read Unprotect")); !r)
        return r;
    auto s = getStatus(); // dfuDNBUSY; the ROM then mass-erases and resets
    if (s && (s->state == S_ERROR || s->status != 0))
        return Error::make(ErrorKind::Device, QStringLiteral("%1: the ROM refused Read Unprotect (%2)").arg(describe(), statusName(s->status)));
    close();
    return {};
}

} // namespace piton
