#include "rom_loader.h"

#include "dfuse_client.h"
#include "rom_client.h"
#include "serial_link.h"
#include "usb_devices.h"

namespace piton {

namespace {

/** rom+serial: the AN3155 client on an 8E1 serial line (8N1 on a pty). */
Result<std::unique_ptr<RomLoader>> makeSerialRom(const LinkUri &uri)
{
    auto client = std::make_unique<RomClient>(std::make_unique<SerialLink>(uri.path, uri.baud, true));
    client->setModemSequences(uri.romEntry, uri.romExit);
    return std::unique_ptr<RomLoader>(std::move(client));
}

/** serial:PATH -> rom+serial:PATH, same baud: the ROM's USART is where the board's own
 *  bootloader talks on boards that follow docs/porting.md. */
std::optional<LinkUri> serialRomFrom(const LinkUri &board)
{
    if (board.kind != LinkUri::Kind::Serial)
        return std::nullopt;
    LinkUri rom = board;
    rom.kind = LinkUri::Kind::RomSerial; // no DTR/RTS sequence unless --rom names one
    return rom;
}

/** dfu: the DfuSe client over libusb (VID:PID default 0483:df11). */
Result<std::unique_ptr<RomLoader>> makeDfuRom(const LinkUri &uri)
{
    return std::unique_ptr<RomLoader>(std::make_unique<DfuSeClient>(uri.usb));
}

/** usb: -> dfu: (the STM32 ROM's USB DFU device, whatever board selectors were given: the ROM
 *  has its own VID:PID and serial string, so only the port path carries over). */
std::optional<LinkUri> dfuRomFrom(const LinkUri &board)
{
    if (board.kind != LinkUri::Kind::Usb)
        return std::nullopt;
    LinkUri rom;
    rom.kind = LinkUri::Kind::Dfu;
    rom.usb.path = board.usb.path;
    rom.path = rom.usb.toString();
    return rom;
}

/** usb: boards that are not on the bus: the chip may be in its ROM, which enumerates as its own
 *  device (0483:df11), so "no Piton USB board matches" is what silence is on a serial line. */
bool usbBoardAbsent(const LinkUri &board, const Error &openError)
{
    if (board.kind != LinkUri::Kind::Usb || openError.kind != ErrorKind::Link)
        return false;
    auto entries = listUsbDevices(board.usb);
    if (!entries)
        return false; // USB itself is not available: the ROM's DFU device would not be reached either
    auto selected = selectUsbDevice(entries.value(), board.usb);
    return !selected && selected.error().kind == ErrorKind::Link; // none matches (several: Usage)
}

bool neverAbsent(const LinkUri &, const Error &)
{
    return false;
}

/** One row per ROM transport: the URI kind it serves, how it is made, which board link it
 *  derives from (the recovery ladder), and which link error of that board link means "not
 *  there, try the ROM" beyond silence (Timeout, Protocol). */
struct RomLoaderScheme {
    LinkUri::Kind kind;
    Result<std::unique_ptr<RomLoader>> (*make)(const LinkUri &uri);
    std::optional<LinkUri> (*deriveFrom)(const LinkUri &boardUri);
    bool (*boardAbsent)(const LinkUri &boardUri, const Error &openError);
};

const RomLoaderScheme kRomLoaders[] = {
    {LinkUri::Kind::RomSerial, makeSerialRom, serialRomFrom, neverAbsent},
    {LinkUri::Kind::Dfu, makeDfuRom, dfuRomFrom, usbBoardAbsent},
};

} // namespace

quint64 RomChip::flashSize() const
{
    quint64 total = 0;
    for (quint32 s : sectorSizes)
        total += s;
    return total;
}

std::optional<int> RomChip::sectorOf(quint32 address) const
{
    quint64 at = flashBase;
    for (int i = 0; i < sectorSizes.size(); ++i) {
        if (address >= at && address < at + sectorSizes[i])
            return i;
        at += sectorSizes[i];
    }
    return std::nullopt;
}

quint32 RomChip::sectorStart(int index) const
{
    quint64 at = flashBase;
    for (int i = 0; i < index && i < sectorSizes.size(); ++i)
        at += sectorSizes[i];
    return quint32(at);
}

std::optional<RomChip> romChipForPid(quint16 pid)
{
    if (pid == 0x0413) {
        RomChip c;
        c.pid = pid;
        c.name = QStringLiteral("STM32F40x/41x");
        c.flashBase = 0x08000000;
        c.sectorSizes = {16384, 16384, 16384, 16384, 65536, 131072, 131072, 131072, 131072, 131072, 131072, 131072};
        return c;
    }
    return std::nullopt;
}

bool isRomLoaderUri(const LinkUri &uri)
{
    for (const RomLoaderScheme &s : kRomLoaders)
        if (s.kind == uri.kind)
            return true;
    return false;
}

Result<std::unique_ptr<RomLoader>> createRomLoader(const LinkUri &uri)
{
    for (const RomLoaderScheme &s : kRomLoaders)
        if (s.kind == uri.kind)
            return s.make(uri);
    return Error::make(ErrorKind::Usage, QStringLiteral("%1 is not a ROM bootloader link; use rom+serial:PATH or dfu:")
                                             .arg(uri.toString()));
}

std::optional<LinkUri> romUriForBoardLink(const LinkUri &boardUri)
{
    for (const RomLoaderScheme &s : kRomLoaders)
        if (auto derived = s.deriveFrom(boardUri))
            return derived;
    return std::nullopt;
}

bool boardLinkSilent(const LinkUri &boardUri, const Error &openError)
{
    if (openError.kind == ErrorKind::Timeout || openError.kind == ErrorKind::Protocol)
        return true;
    for (const RomLoaderScheme &s : kRomLoaders)
        if (s.boardAbsent(boardUri, openError))
            return true;
    return false;
}

} // namespace piton
