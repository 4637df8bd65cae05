// DfuSeClient: a chip's ROM bootloader as a USB DFU 1.1 device with ST's DfuSe extensions
// (USB DFU 1.1; ST UM0424 and AN3156 "USB DFU protocol used in the STM32 bootloader"), reached
// with libusb control transfers. Link URI: dfu:[VID:PID][?serial=S&path=P], VID:PID default
// 0483:df11 (the STM32 ROM). Facts and quirks: ../shared/design/ROM-LOADER.md §2, docs/rom-loader.md.
#pragma once

#include <QString>

#include "rom_loader.h"
#include "usb_devices.h"

struct libusb_context;
struct libusb_device_handle;

namespace piton {

/** The layout of a DfuSe alternate setting's name (UM0424 §4.3.2, as dfu-util's dfuse_mem.c
 *  reads it): "@<name>/0x<start>/<count>*<size><unit><type>[,...]" with unit B, K (1024) or M
 *  (1024²) and the type letter's low 3 bits = readable 1, erasable 2, writeable 4. Only the
 *  first memory block is taken. Errors (Protocol): not starting with '@', no "/0x<start>/", a
 *  malformed run, a sector size that is not a power of two. */
Result<RomChip> parseDfuSeLayout(const QString &altName);

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
