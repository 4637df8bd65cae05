// DfuSeClient: a chip's ROM bootloader as a USB DFU 1.1 device with ST's DfuSe extensions
// (USB DFU 1.1; ST UM0424 and AN3156 "USB DFU protocol used in the STM32 bootloader"), reached
// with libusb control transfers. Link URI: dfu:[VID:PID][?serial=S&path=P], VID:PID default
// 0483:df11 (the STM32 ROM). Facts and quirks: ../shared/design/ROM-LOADER.md §2, docs/rom-loader.md.
#pragma once

#include <QString>

#include <optional>

#include "rom_loader.h"
#include "usb_devices.h"

struct libusb_context;
struct libusb_device_handle;

namespace piton {

/** The layout of a DfuSe alternate setting's name (UM0424 §4.3.2, as dfu-util's dfuse_mem.c
 *  reads it): "@<name>/0x<start>/<count>*<size><unit><type>[,...]" with unit B, K (1024) or M
 *  (1024²) and the type letter's low 3 bits = readable 1, erasable 2, writeable 4. Only the
 *  first memory block is taken. Errors (Protocol): not starting with '@', no "/0x<start>/", a
 *  malformed run, a sector size that is not a power of two, more than 8192 sectors, memory that
 *  ends past 4 GiB (the string is the device's: nothing is allocated for it before the checks). */
Result<RomChip> parseDfuSeLayout(const QString &altName);

/** A DFU functional descriptor (USB DFU 1.1 §4.1.3: bLength 9, bDescriptorType 0x21). */
struct DfuFunctional {
    quint8 attributes = 0;        ///< bmAttributes: bit 0 CanDnload, 1 CanUpload, 2 ManifestationTolerant, 3 WillDetach
    quint16 detachTimeoutMs = 0;  ///< wDetachTimeOut, ms
    quint16 transferSize = 0;     ///< wTransferSize, bytes per control transfer
    quint16 bcdDfu = 0;           ///< bcdDFUVersion, 0x011a for DfuSe
};

/** The first DFU functional descriptor in `length` bytes of extra (class-specific) descriptors,
 *  as libusb hands them out: a chain of bLength, bDescriptorType, ...; a bLength below 2 or past
 *  the end ends the chain, a type 0x21 shorter than 9 bytes is skipped. nullopt when none. */
std::optional<DfuFunctional> findDfuFunctional(const unsigned char *extra, int length);

/** What DfuSeClient needs of a USB device: class control transfers on its DFU interface and a
 *  clock. The default is libusb and the real clock; tests and the fuzz target give a fake device. */
class DfuSeDevice {
public:
    virtual ~DfuSeDevice() = default;
    /** A control transfer as libusb_control_transfer: bytes transferred, or a LIBUSB_ERROR_* code
     *  (negative). `data` holds `length` bytes (IN: filled up to `length`). */
    virtual int control(quint8 requestType, quint8 request, quint16 value, quint16 index, unsigned char *data,
                        quint16 length, unsigned timeoutMs) = 0;
    /** Monotonic time in ms. */
    virtual qint64 nowMs() = 0;
    /** Waits `ms` milliseconds. */
    virtual void sleepMs(quint32 ms) = 0;
};

/**
 * RomLoader over USB DfuSe. Every DNLOAD is followed by GETSTATUS polls (sleeping bwPollTimeout
 * between them) until dfuDNLOAD-IDLE; dfuERROR becomes ErrorKind::Device naming the command,
 * the address and the DFU status (then CLRSTATUS). read(): Set Address Pointer, ABORT, UPLOAD
 * of block 2. write(): Set Address Pointer, DNLOAD of block 2 (any length up to wTransferSize,
 * no padding: DfuSe programs bytes). eraseSectors(): one erase command (0x41 + sector address)
 * per sector; massErase(): 0x41 alone; go(): Set Address Pointer and a zero-length DNLOAD
 * (leave; the device leaves the bus); readoutUnprotect(): 0x92 (the device mass-erases and
 * resets). wTransferSize comes from the DFU functional descriptor; a device without one
 * (FunctionFS before Linux 6.10, docs/usb.md) gets 2048, which warning() says. Control
 * transfers time out after 5 s; a status poll gives up after 60 s.
 */
class DfuSeClient : public RomLoader {
public:
    explicit DfuSeClient(UsbSelector selector);
    /** A client on an attached `device` (tests, fuzzing): connect() takes the DFU functional
     *  descriptor from `extraDescriptors` (findDfuFunctional) and the memory layout from
     *  `altName`, as from a USB device's configuration, then clears the device's state as on USB.
     *  `device` must outlive the client. */
    DfuSeClient(DfuSeDevice &device, QByteArray extraDescriptors, QString altName);
    ~DfuSeClient() override;

    Result<void> connect() override;
    void close() override;
    QString describe() const override;
    QString warning() const override { return m_warning; }
    Result<RomInfo> info() override;
    int maxTransfer() const override { return m_transferSize; }
    Result<QByteArray> read(quint32 address, int length) override;
    Result<void> write(quint32 address, const QByteArray &data) override;
    Result<void> eraseSectors(const QList<int> &sectors) override;
    Result<void> massErase() override;
    Result<void> go(quint32 address) override;
    Result<void> readoutUnprotect() override;
    /** CLRSTATUS out of dfuERROR, ABORT to dfuIDLE (DFU 1.1 §6.1.4, §6.1.5). */
    Result<void> resynchronise() override;

private:
    struct Status {
        quint8 status = 0;
        quint32 pollMs = 0;
        quint8 state = 0;
    };
    Result<Status> getStatus();
    Result<void> control(bool in, quint8 request, quint16 value, QByteArray *data, const QString &what);
    Result<void> abortToIdle();
    /** DNLOAD of `payload` as block `block`, then polls until dfuDNLOAD-IDLE. */
    Result<void> download(quint16 block, const QByteArray &payload, const QString &what);
    Result<void> setAddress(quint32 address);
    Error usbFailure(int code, const QString &what) const;
    /** Takes wTransferSize and the DFU version from `functional` (none: 2048 and a warning) and
     *  `altName`; Protocol error for a wTransferSize outside 1..4096. */
    Result<void> adopt(const std::optional<DfuFunctional> &functional, const QString &altName);
    bool connected() const { return m_handle || m_attached; }

    DfuSeDevice *m_fake = nullptr;   // attached device (tests, fuzzing) instead of libusb
    bool m_attached = false;         // m_fake connected
    QByteArray m_fakeExtra;

    UsbSelector m_selector;
    UsbDeviceEntry m_device;
    libusb_context *m_ctx = nullptr;
    libusb_device_handle *m_handle = nullptr;
    int m_interface = -1;
    int m_transferSize = 2048;
    quint16 m_dfuVersion = 0;
    QString m_altName;
    QString m_warning;
};

} // namespace piton
