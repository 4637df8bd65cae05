#include "image/image_file.h"

#include "board/board_profile.h"
#include "image/dfu_file.h"
#include "image/elf_image.h"
#include "image/intel_hex.h"
#include "image/srecord.h"
#include "image/uf2_file.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>

namespace piton {

ImageFileFormat imageFormatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("hex") || suffix == QLatin1String("ihex") || suffix == QLatin1String("ihx"))
        return ImageFileFormat::IntelHex;
    static const QStringList srec = {QStringLiteral("srec"), QStringLiteral("s19"), QStringLiteral("s28"),
                                     QStringLiteral("s37"), QStringLiteral("mot"), QStringLiteral("mhx")};
    if (srec.contains(suffix))
        return ImageFileFormat::SRecord;
    if (suffix == QLatin1String("elf") || suffix == QLatin1String("axf") || suffix == QLatin1String("out"))
        return ImageFileFormat::Elf;
    if (suffix == QLatin1String("dfu"))
        return ImageFileFormat::DfuSe;
    if (suffix == QLatin1String("uf2"))
        return ImageFileFormat::Uf2;
    return ImageFileFormat::Binary;
}

namespace {

/** True when `bytes` are lines of printable ASCII (what HEX and S-record files are). */
bool isText(const QByteArray &bytes)
{
    const qsizetype n = std::min<qsizetype>(bytes.size(), 4096);
    for (qsizetype i = 0; i < n; ++i) {
        const auto c = quint8(bytes[i]);
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
            return false;
        if (c >= 0x7f)
            return false;
    }
    return true;
}

} // namespace

ImageFileFormat detectImageFormat(const QByteArray &bytes, const QString &path)
{
    if (looksLikeElf(bytes))
        return ImageFileFormat::Elf;
    if (looksLikeUf2(bytes))
        return ImageFileFormat::Uf2;
    if (looksLikeDfuSe(bytes))
        return ImageFileFormat::DfuSe;
    if (hasDfuSuffix(bytes))
        return ImageFileFormat::Dfu;
    const ImageFileFormat byName = imageFormatForPath(path);
    if (byName == ImageFileFormat::Binary && isText(bytes)) {
        const QByteArray head = bytes.trimmed();
        if (head.startsWith(':'))
            return ImageFileFormat::IntelHex;
        if (head.size() > 1 && head[0] == 'S' && head[1] >= '0' && head[1] <= '9')
            return ImageFileFormat::SRecord;
    }
    return byName;
}

QString imageFormatName(ImageFileFormat format)
{
    switch (format) {
    case ImageFileFormat::IntelHex: return QStringLiteral("Intel HEX");
    case ImageFileFormat::SRecord: return QStringLiteral("S-record");
    case ImageFileFormat::Binary: return QStringLiteral("raw binary");
    case ImageFileFormat::Elf: return QStringLiteral("ELF");
    case ImageFileFormat::DfuSe: return QStringLiteral("DfuSe");
    case ImageFileFormat::Dfu: return QStringLiteral("DFU");
    case ImageFileFormat::Uf2: return QStringLiteral("UF2");
    }
    return {};
}

namespace {

Error noData(const QString &path, const QString &why)
{
    return Error::make(ErrorKind::Format, QStringLiteral("%1 holds no data (%2)").arg(path, why));
}

Result<Image> rawImage(const QByteArray &bytes, const QString &path, quint32 baseAddress)
{
    Image image;
    auto r = image.addSegment(baseAddress, bytes);
    if (!r)
        return Error::make(ErrorKind::Format, QStringLiteral("%1: %2").arg(path, r.error().message));
    return image;
}

Result<Image> readImage(const QByteArray &bytes, const QString &path, ImageFileFormat format, const ImageLoadOptions &o)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    switch (format) {
    case ImageFileFormat::IntelHex:
        return readIntelHex(buffer, path);
    case ImageFileFormat::SRecord:
        return readSRecord(buffer, path);
    case ImageFileFormat::Elf:
        return readElf(bytes, path);
    case ImageFileFormat::Uf2:
        return readUf2(bytes, path, o.uf2Family);
    case ImageFileFormat::DfuSe: {
        auto file = readDfuSe(bytes, path);
        if (!file)
            return file.error();
        return dfuSeImage(*file, path);
    }
    case ImageFileFormat::Dfu: {
        auto file = readPlainDfu(bytes, path);
        if (!file)
            return file.error();
        auto image = rawImage(file->payload, path, o.baseAddress.value_or(0));
        if (image && file->lpcPrefix)
            image->addWarning(QStringLiteral("%1: NXP LPC DFU prefix (16 bytes) and DFU suffix skipped; %2 bytes of payload")
                                  .arg(path).arg(file->payload.size()));
        return image;
    }
    case ImageFileFormat::Binary:
        break;
    }
    return rawImage(bytes, path, o.baseAddress.value_or(0));
}

} // namespace

Result<Image> loadImage(const QString &path, const ImageLoadOptions &options)
{
    const QFileInfo info(path);
    if (info.isDir())
        return Error::make(ErrorKind::Io, QStringLiteral("%1 is a directory, not an image file").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorKind::Io, QStringLiteral("cannot open %1: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error::make(ErrorKind::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    const ImageFileFormat format = detectImageFormat(bytes, path);
    const bool needsBase = format == ImageFileFormat::Binary || format == ImageFileFormat::Dfu;
    if (needsBase && !options.baseAddress)
        return Error::make(ErrorKind::Usage,
                           QStringLiteral("%1 is read as a %2 file, which carries no addresses: "
                                          "give its base address%3, or use a .hex, .srec, .elf, .dfu (DfuSe) or .uf2 file")
                               .arg(path, format == ImageFileFormat::Dfu ? QStringLiteral("plain DFU") : QStringLiteral("raw binary"),
                                    options.baseOption.isEmpty() ? QString()
                                                                 : QStringLiteral(" with %1 ADDRESS").arg(options.baseOption)));
    if (!needsBase && options.baseAddress)
        return Error::make(ErrorKind::Usage,
                           QStringLiteral("%1 is %2 and carries its own addresses; a base address applies only to "
                                          "raw binary files")
                               .arg(path, imageFormatName(format)));
    if (bytes.isEmpty())
        return noData(path, QStringLiteral("the file is empty"));
    auto image = readImage(bytes, path, format, options);
    if (image && image->isEmpty())
        return noData(path, QStringLiteral("no data records"));
    return image;
}

Result<Image> loadImage(const QString &path, std::optional<quint32> baseAddress, const QString &baseOption)
{
    return loadImage(path, ImageLoadOptions{baseAddress, baseOption, std::nullopt});
}

Result<void> checkImageForBoard(const Image &image, const BoardProfile &board, const QString &path)
{
    if (!image.uf2Family())
        return {};
    const auto hex = [](quint32 v) { return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0')); };
    if (!board.uf2FamilyId)
        return Error::make(ErrorKind::Verify,
                           QStringLiteral("%1 is a UF2 file for family %2, and board %3 names no UF2 family id "
                                          "(\"uf2FamilyId\" in its profile) to check it against")
                               .arg(path, hex(*image.uf2Family()), board.id));
    if (*board.uf2FamilyId != *image.uf2Family())
        return Error::make(ErrorKind::Verify, QStringLiteral("%1 is a UF2 file for family %2, board %3 is family %4")
                                                  .arg(path, hex(*image.uf2Family()), board.id, hex(*board.uf2FamilyId)));
    return {};
}

std::optional<quint32> parseAddress(const QString &text)
{
    const QString t = text.trimmed();
    bool ok = false;
    const quint32 v = t.startsWith(QLatin1String("0x"), Qt::CaseInsensitive) ? t.mid(2).toUInt(&ok, 16) : t.toUInt(&ok, 10);
    return ok ? std::optional<quint32>(v) : std::nullopt;
}

} // namespace piton
